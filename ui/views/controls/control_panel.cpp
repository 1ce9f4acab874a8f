#include "control_panel.h"

#include "demo/tokenizer.h"
#include "ui/model/attention_controller.h"
#include "ui/model/temperature_slider.h"
#include "ui/render/color_map.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace attnviz::ui {

ControlPanel::ControlPanel(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);

    auto* input = new QGroupBox(tr("Input"), this);
    auto* inputForm = new QFormLayout(input);
    m_text = new QLineEdit(input);
    m_text->setPlaceholderText(tr("Type a sentence…"));
    m_text->setToolTip(tr("Tokenised live: words, numbers and each punctuation mark are tokens"));
    m_text->setClearButtonEnabled(true);
    m_tokenCount = new QLabel(input);
    inputForm->addRow(tr("&Text:"), m_text);
    inputForm->addRow(QString(), m_tokenCount);
    m_dModel = new QSpinBox(input);
    m_dModel->setRange(1, 4096);
    m_dModel->setToolTip(tr("Model width D; steps in multiples of the number of heads"));
    m_heads = new QSpinBox(input);
    m_heads->setRange(1, 64);
    m_dHead = new QLabel(input);
    m_seed = new QSpinBox(input);
    m_seed->setRange(0, 999999);
    m_seed->setToolTip(tr("Seed of the demo embeddings and weights (and of the random mask)"));
    inputForm->addRow(tr("&d_model:"), m_dModel);
    inputForm->addRow(tr("&Heads:"), m_heads);
    inputForm->addRow(tr("d_k:"), m_dHead);
    inputForm->addRow(tr("&Seed:"), m_seed);
    m_message = new QLabel(input);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_message->hide();
    inputForm->addRow(m_message);
    layout->addWidget(input);

    auto* mask = new QGroupBox(tr("Mask"), this);
    auto* maskForm = new QFormLayout(mask);
    m_preset = new QComboBox(mask);
    m_preset->addItem(tr("None"), int(MaskPreset::None));
    m_preset->addItem(tr("Causal"), int(MaskPreset::Causal));
    m_preset->addItem(tr("Padding (last n keys)"), int(MaskPreset::Padding));
    m_preset->addItem(tr("Sliding window (±w)"), int(MaskPreset::SlidingWindow));
    m_preset->addItem(tr("Block-diagonal"), int(MaskPreset::BlockDiagonal));
    m_preset->addItem(tr("Prefix LM"), int(MaskPreset::PrefixLM));
    m_preset->addItem(tr("Random (p, seeded)"), int(MaskPreset::Random));
    m_paramLabel = new QLabel(mask);
    m_param = new QSpinBox(mask);
    m_invert = new QPushButton(tr("&Invert"), mask);
    m_invert->setToolTip(tr("Blocked cells become visible and visible cells blocked (undoable)"));
    maskForm->addRow(tr("&Preset:"), m_preset);
    maskForm->addRow(m_paramLabel, m_param);
    maskForm->addRow(QString(), m_invert);
    m_fill = new QComboBox(mask);
    m_fill->addItem(tr("−1e9 (reference post)"), int(MaskFill::LargeNegative));
    m_fill->addItem(tr("−∞"), int(MaskFill::NegInf));
    m_fill->setToolTip(tr("What a blocked score becomes before the softmax. The difference shows "
                          "in fully masked rows: uniform with −1e9, all zero with −∞."));
    maskForm->addRow(tr("&Fill:"), m_fill);
    layout->addWidget(mask);

    auto* softmax = new QGroupBox(tr("Softmax"), this);
    auto* softmaxForm = new QFormLayout(softmax);
    m_scale = new QCheckBox(tr("Divide scores by √d_k"), softmax);
    m_scale->setToolTip(tr("Without scaling, large d_k makes scores large and the softmax "
                           "nearly one-hot"));
    softmaxForm->addRow(m_scale);
    auto* tempRow = new QHBoxLayout;
    m_temperature = new QSlider(Qt::Horizontal, softmax);
    m_temperature->setRange(-100, 100);
    m_temperature->setPageStep(10);
    m_temperature->setToolTip(tr("Temperature T (log scale 0.1 … 10): scores are divided by T. "
                                 "Low T sharpens, high T flattens."));
    m_temperatureValue = new QLabel(softmax);
    m_temperatureValue->setMinimumWidth(
        m_temperatureValue->fontMetrics().horizontalAdvance(QStringLiteral("T = 10.00")));
    tempRow->addWidget(m_temperature, 1);
    tempRow->addWidget(m_temperatureValue);
    auto* tempLabel = new QLabel(tr("&Temperature:"), softmax);
    tempLabel->setBuddy(m_temperature);
    softmaxForm->addRow(tempLabel, tempRow);
    layout->addWidget(softmax);

    auto* view = new QGroupBox(tr("View"), this);
    auto* viewForm = new QFormLayout(view);
    m_colorMap = new QComboBox(view);
    for (const QString& name : ColorMap::names())
        m_colorMap->addItem(name, name);
    viewForm->addRow(tr("&Colour map:"), m_colorMap);
    layout->addWidget(view);
    layout->addStretch(1);

    connect(m_text, &QLineEdit::textChanged, controller, &AttentionController::setText);
    connect(m_dModel, &QSpinBox::valueChanged, controller, &AttentionController::setDModel);
    connect(m_heads, &QSpinBox::valueChanged, controller, &AttentionController::setHeads);
    connect(m_seed, &QSpinBox::valueChanged, this,
            [this](int v) { m_controller->setSeed(static_cast<std::uint64_t>(v)); });
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        m_controller->setPreset(static_cast<MaskPreset>(m_preset->currentData().toInt()));
    });
    connect(m_param, &QSpinBox::valueChanged, this, &ControlPanel::presetParamChanged);
    connect(m_invert, &QPushButton::clicked, controller, &AttentionController::invertMask);
    connect(m_fill, &QComboBox::currentIndexChanged, this, [this] {
        m_controller->setFill(static_cast<MaskFill>(m_fill->currentData().toInt()));
    });
    connect(m_scale, &QCheckBox::toggled, controller, &AttentionController::setScale);
    connect(m_temperature, &QSlider::valueChanged, this,
            [this](int v) { m_controller->setTemperature(temperatureFromSlider(v)); });
    connect(m_colorMap, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setColorMap(m_colorMap->currentData().toString()); });
    connect(controller, &AttentionController::stateChanged, this, &ControlPanel::syncFromState);
    connect(controller, &AttentionController::errorChanged, this, [this](const QString& message) {
        m_message->setText(message);
        m_message->setVisible(!message.isEmpty());
    });
    syncFromState();
}

void ControlPanel::syncFromState()
{
    const SessionState& s = m_controller->state();
    const QSignalBlocker b1(m_text), b2(m_dModel), b3(m_heads), b4(m_seed), b5(m_preset),
        b6(m_param), b7(m_fill), b8(m_scale), b9(m_temperature), b10(m_colorMap);
    if (m_text->text() != s.text) {
        m_text->setText(s.text);
        m_text->setCursorPosition(0);
    }
    const int tokens = static_cast<int>(tokenize(s.text.toStdString()).size());
    m_tokenCount->setText(tr("%n token(s)", nullptr, tokens));
    m_dModel->setValue(s.dModel);
    m_dModel->setSingleStep(std::max(1, s.heads));
    m_heads->setValue(s.heads);
    m_dHead->setText(s.heads > 0 && s.dModel % s.heads == 0 ? QString::number(s.dModel / s.heads)
                                                            : tr("—"));
    m_seed->setValue(static_cast<int>(s.seed));
    m_preset->setCurrentIndex(m_preset->findData(int(s.preset)));
    m_invert->setText(s.inverted ? tr("&Invert (inverted)") : tr("&Invert"));
    m_fill->setCurrentIndex(m_fill->findData(int(s.fill)));
    m_scale->setChecked(s.scale);
    m_temperature->setValue(sliderFromTemperature(s.temperature));
    m_temperatureValue->setText(tr("T = %1").arg(s.temperature, 0, 'f', 2));
    m_colorMap->setCurrentIndex(std::max(0, m_colorMap->findData(s.colorMap)));
    updateParamWidget();
}

void ControlPanel::updateParamWidget()
{
    const SessionState& s = m_controller->state();
    const QSignalBlocker block(m_param);
    const int length = std::max(1, m_controller->state().mask.rows());
    m_param->setSuffix(QString());
    bool visible = true;
    switch (s.preset) {
    case MaskPreset::Padding:
        m_paramLabel->setText(tr("Padding keys:"));
        m_param->setRange(0, length);
        m_param->setValue(s.presetParams.padding);
        break;
    case MaskPreset::SlidingWindow:
        m_paramLabel->setText(tr("Window ±w:"));
        m_param->setRange(0, length);
        m_param->setValue(s.presetParams.window);
        break;
    case MaskPreset::BlockDiagonal:
        m_paramLabel->setText(tr("Block size:"));
        m_param->setRange(1, length);
        m_param->setValue(s.presetParams.block);
        break;
    case MaskPreset::PrefixLM:
        m_paramLabel->setText(tr("Prefix length:"));
        m_param->setRange(0, length);
        m_param->setValue(s.presetParams.prefix);
        break;
    case MaskPreset::Random:
        m_paramLabel->setText(tr("Blocked p:"));
        m_param->setRange(0, 100);
        m_param->setSuffix(QStringLiteral(" %"));
        m_param->setValue(static_cast<int>(std::lround(s.presetParams.probability * 100.0)));
        break;
    default:
        visible = false;
    }
    m_paramLabel->setVisible(visible);
    m_param->setVisible(visible);
}

void ControlPanel::presetParamChanged(int value)
{
    MaskPresetParams p = m_controller->state().presetParams;
    switch (m_controller->state().preset) {
    case MaskPreset::Padding:
        p.padding = value;
        break;
    case MaskPreset::SlidingWindow:
        p.window = value;
        break;
    case MaskPreset::BlockDiagonal:
        p.block = value;
        break;
    case MaskPreset::PrefixLM:
        p.prefix = value;
        break;
    case MaskPreset::Random:
        p.probability = value / 100.0;
        break;
    default:
        return;
    }
    m_controller->setPresetParams(p);
}

} // namespace attnviz::ui
