#include "teaching_page.h"

#include "teaching_compare.h"
#include "ui/model/attention_controller.h"
#include "ui/model/temperature_slider.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

namespace attnviz::ui {

namespace {

QLabel* explanation(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

QString TeachingPage::patternName(std::optional<HeadPattern> pattern)
{
    if (!pattern)
        return tr("Learned (seeded weights)");
    switch (*pattern) {
    case HeadPattern::PreviousToken:
        return tr("Previous token");
    case HeadPattern::Self:
        return tr("Self (diagonal)");
    case HeadPattern::FirstToken:
        return tr("First token (sink)");
    case HeadPattern::SameToken:
        return tr("Same token");
    }
    return {};
}

QString TeachingPage::patternNote(std::optional<HeadPattern> pattern)
{
    if (!pattern)
        return tr("The head uses the seeded random weights: no particular pattern.");
    switch (*pattern) {
    case HeadPattern::PreviousToken:
        return tr("Keys carry the positional code PE(j). The query is the code of its own "
                  "position rotated back by one step in every sine/cosine pair — which is exactly "
                  "PE(i − 1). The dot product peaks where the codes agree: at the previous "
                  "token.");
    case HeadPattern::Self:
        return tr("Query and key both carry the positional code PE(i). Two codes agree best "
                  "with themselves, so every token attends to itself: the diagonal.");
    case HeadPattern::FirstToken:
        return tr("The query comes from the bias alone, so every position asks the same "
                  "question: “where is position 0?”. All rows look at the first token — an "
                  "attention sink.");
    case HeadPattern::SameToken:
        return tr("Query and key carry the token's identity, read from its embedding, and ignore "
                  "position. Each token attends to every copy of itself, wherever it is.");
    }
    return {};
}

TeachingPage::TeachingPage(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_compare(new TeachingCompare(controller, this))
{
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);

    // Scaling and temperature.
    auto* scaling = new QGroupBox(tr("Scaling and temperature"), side);
    auto* scalingLayout = new QVBoxLayout(scaling);
    m_scale = new QCheckBox(tr("Divide the scores by √d_k"), scaling);
    m_temperature = new QSlider(Qt::Horizontal, scaling);
    m_temperature->setRange(-100, 100);
    m_temperatureValue = new QLabel(scaling);
    auto* tRow = new QHBoxLayout;
    tRow->addWidget(new QLabel(tr("Temperature"), scaling));
    tRow->addWidget(m_temperature, 1);
    tRow->addWidget(m_temperatureValue);
    m_sharpness = new QLabel(scaling);
    m_sharpness->setWordWrap(true);
    scalingLayout->addWidget(m_scale);
    scalingLayout->addLayout(tRow);
    scalingLayout->addWidget(explanation(
        tr("A dot product of two d_k-long vectors grows like √d_k. Without the division the "
           "scores are large, softmax saturates and each row puts almost all weight on one key "
           "(sharp). A temperature T divides once more: T &lt; 1 sharpens, T &gt; 1 flattens "
           "towards uniform."),
        scaling));
    scalingLayout->addWidget(m_sharpness);

    // Fill of blocked scores.
    auto* fill = new QGroupBox(tr("Fill of blocked scores"), side);
    auto* fillLayout = new QVBoxLayout(fill);
    m_largeNegative = new QRadioButton(tr("−1e9 (as in the reference post)"), fill);
    m_negInf = new QRadioButton(tr("−∞"), fill);
    auto* group = new QButtonGroup(fill);
    group->addButton(m_largeNegative);
    group->addButton(m_negInf);
    m_blockRow = new QPushButton(tr("Block every key of the first query row"), fill);
    m_fillStats = new QLabel(fill);
    m_fillStats->setWordWrap(true);
    fillLayout->addWidget(m_largeNegative);
    fillLayout->addWidget(m_negInf);
    fillLayout->addWidget(m_blockRow);
    fillLayout->addWidget(explanation(
        tr("The two fills agree while a row has at least one visible key. They differ when "
           "every key of a row is blocked: with −1e9 all scores are equal, so softmax spreads "
           "the row <i>uniformly</i> over all keys — including the blocked ones. With −∞ there "
           "is nothing to normalise; the row is defined as all zero."),
        fill));
    fillLayout->addWidget(m_fillStats);

    // Designed heads.
    auto* designed = new QGroupBox(tr("Designed heads"), side);
    auto* designedLayout = new QFormLayout(designed);
    m_head = new QComboBox(designed);
    m_pattern = new QComboBox(designed);
    m_pattern->addItem(patternName(std::nullopt), QString());
    for (HeadPattern p : allHeadPatterns())
        m_pattern->addItem(patternName(p), QString::fromLatin1(toString(p).data()));
    m_patternNote = explanation({}, designed);
    designedLayout->addRow(tr("Head"), m_head);
    designedLayout->addRow(tr("Pattern"), m_pattern);
    designedLayout->addRow(m_patternNote);

    // The post's bugs.
    auto* bugs = new QGroupBox(tr("The reference post's bugs"), side);
    auto* bugsLayout = new QVBoxLayout(bugs);
    bugsLayout->addWidget(explanation(
        tr("<b>(a)</b> <tt>scores.masked_fill(mask == 0, -1e9)</tt> returns a masked copy that "
           "is thrown away: the mask has no effect, every query sees the future. "
           "<b>(b)</b> <tt>K = q_proj(k)</tt>, <tt>V = q_proj(v)</tt>: keys and values reuse the "
           "query projection, so scores are Q Qᵀ and k_proj / v_proj are never trained."),
        bugs));
    m_bugSummary = explanation({}, bugs);
    bugsLayout->addWidget(m_bugSummary);

    sideLayout->addWidget(designed);
    sideLayout->addWidget(scaling);
    sideLayout->addWidget(fill);
    sideLayout->addWidget(bugs);
    sideLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(360);
    scroll->setMaximumWidth(560);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll);
    layout->addWidget(m_compare, 1);

    connect(m_scale, &QCheckBox::toggled, controller, &AttentionController::setScale);
    connect(m_temperature, &QSlider::valueChanged, this,
            [this](int v) { m_controller->setTemperature(temperatureFromSlider(v)); });
    connect(m_largeNegative, &QRadioButton::toggled, this, [this](bool on) {
        if (on)
            m_controller->setFill(MaskFill::LargeNegative);
    });
    connect(m_negInf, &QRadioButton::toggled, this, [this](bool on) {
        if (on)
            m_controller->setFill(MaskFill::NegInf);
    });
    connect(m_blockRow, &QPushButton::clicked, this,
            [this] { m_controller->setRow(Mask::kAllHeads, 0, false); });
    connect(m_head, &QComboBox::currentIndexChanged, this, [this](int head) {
        if (head < 0)
            return;
        m_compare->setHead(head);
        syncFromState();
        updateStats();
    });
    connect(m_pattern, &QComboBox::activated, this, &TeachingPage::applyPattern);
    connect(controller, &AttentionController::stateChanged, this, &TeachingPage::syncFromState);
    connect(m_compare, &TeachingCompare::recomputed, this, &TeachingPage::updateStats);
    connect(controller, &AttentionController::resultChanged, this, &TeachingPage::syncFromState);
    syncFromState();
    updateStats();
}

void TeachingPage::applyPattern()
{
    const QString key = m_pattern->currentData().toString();
    const std::optional<HeadPattern> pattern =
        key.isEmpty() ? std::nullopt : headPatternFromString(key.toStdString());
    m_controller->setDesignedHead(std::max(0, m_head->currentIndex()), pattern);
}

void TeachingPage::syncFromState()
{
    const SessionState& s = m_controller->state();
    const QSignalBlocker b1(m_scale), b2(m_temperature), b3(m_largeNegative), b4(m_negInf),
        b5(m_head), b6(m_pattern);
    m_scale->setChecked(s.scale);
    m_temperature->setValue(sliderFromTemperature(s.temperature));
    m_temperatureValue->setText(tr("T = %1").arg(s.temperature, 0, 'f', 2));
    m_largeNegative->setChecked(s.fill == MaskFill::LargeNegative);
    m_negInf->setChecked(s.fill == MaskFill::NegInf);
    if (m_head->count() != s.heads) {
        const int current = std::clamp(m_head->currentIndex(), 0, s.heads - 1);
        m_head->clear();
        for (int h = 0; h < s.heads; ++h)
            m_head->addItem(tr("Head %1").arg(h + 1));
        m_head->setCurrentIndex(current);
        m_compare->setHead(current);
    }
    std::optional<HeadPattern> pattern;
    for (const DesignedHead& d : s.designedHeads)
        if (d.head == m_head->currentIndex())
            pattern = d.pattern;
    m_pattern->setCurrentIndex(
        pattern ? m_pattern->findData(QString::fromLatin1(toString(*pattern).data())) : 0);
    m_patternNote->setText(patternNote(pattern));
}

void TeachingPage::updateStats()
{
    if (!m_controller->hasResult())
        return;
    const AttentionEngine& e = m_controller->engine();
    const int head = std::clamp(m_head->currentIndex(), 0, e.heads() - 1);
    const Matrix& a = e.weights(head);
    double maxSum = 0.0;
    double entropy = 0.0;
    for (int i = 0; i < a.rows(); ++i) {
        maxSum += a.row(i).maxCoeff();
        for (int j = 0; j < a.cols(); ++j)
            if (a(i, j) > 0.0f)
                entropy -= a(i, j) * std::log2(static_cast<double>(a(i, j)));
    }
    const double rows = std::max<Eigen::Index>(1, a.rows());
    m_sharpness->setText(tr("Head %1 now: the largest weight of a row is %2 on average; "
                            "average entropy %3 bits (0 = all on one key).")
                             .arg(head + 1)
                             .arg(maxSum / rows, 0, 'f', 2)
                             .arg(entropy / rows, 0, 'f', 2));

    const bool fullyMasked = e.rowFullyMasked(head, 0);
    const float sum = a.row(0).sum();
    m_fillStats->setText(
        fullyMasked
            ? tr("First row “%1” is fully masked: its weights sum to %2 (%3).")
                  .arg(m_controller->tokens().value(0))
                  .arg(sum, 0, 'f', 2)
                  .arg(e.options().fill == MaskFill::NegInf
                           ? tr("all zero")
                           : tr("uniform, %1 each").arg(a(0, 0), 0, 'f', 3))
            : tr("The first query row still sees a key: both fills give the same weights."));
    m_bugSummary->setText(m_compare->summary());
}

} // namespace attnviz::ui
