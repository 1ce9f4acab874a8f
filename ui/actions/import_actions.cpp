#include "import_actions.h"

#include "ui/model/attention_controller.h"
#include "ui/views/controls/control_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>

namespace attnviz::ui {

ImportActions::ImportActions(QMainWindow* window, AttentionController* controller)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
{
    m_pool.setMaxThreadCount(1);
    m_toolBar = new QToolBar(tr("Imported tensors"), window);
    m_toolBar->setObjectName(QStringLiteral("ImportToolBar"));
    m_label = new QLabel(m_toolBar);
    m_label->setToolTip(
        tr("Imported attention is view-only for scores: the scores shown are log A. Mask edits "
           "still renormalise it — masking a key and taking the softmax equals zeroing that "
           "weight and renormalising the row, so masked views are exact."));
    m_toolBar->addWidget(m_label);
    m_toolBar->addSeparator();
    auto* layerLabel = new QLabel(tr(" Layer "), m_toolBar);
    m_layerSpin = new QSpinBox(m_toolBar);
    m_layerSpin->setObjectName(QStringLiteral("LayerSpin"));
    m_layerSpin->setToolTip(tr("Which layer of the attention tensor to show"));
    m_layerSpin->setKeyboardTracking(false);
    m_toolBar->addWidget(layerLabel);
    m_layerAction = m_toolBar->addWidget(m_layerSpin);
    connect(m_layerSpin, &QSpinBox::valueChanged, this, [this](int v) { setLayer(v - 1); });
    m_toolBar->addSeparator();
    m_back = m_toolBar->addAction(tr("Back to demo"), this, &ImportActions::backToDemo);
    m_back->setToolTip(tr("Leave the imported tensors and return to the built-in demo"));
    window->addToolBar(Qt::TopToolBarArea, m_toolBar);
    m_toolBar->hide();
    connect(controller, &AttentionController::importChanged, this, &ImportActions::syncControls);
}

ImportActions::~ImportActions()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ImportActions::populate(QMenu* menu, QAction* before)
{
    m_openWeights = new QAction(tr("Open &weights…"), menu);
    m_openWeights->setToolTip(
        tr("Compute real attention from model weights (.safetensors) and inputs (.npy)"));
    connect(m_openWeights, &QAction::triggered, this, &ImportActions::openWeightsDialog);
    menu->insertAction(before, m_openWeights);
    auto* back = new QAction(tr("&Back to demo"), menu);
    connect(back, &QAction::triggered, this, &ImportActions::backToDemo);
    connect(m_controller, &AttentionController::importChanged, back,
            [this, back] { back->setEnabled(m_controller->isImported()); });
    back->setEnabled(false);
    menu->insertAction(before, back);
}

ImportActions::Loaded ImportActions::prepareLayer(std::shared_ptr<const ImportedAttention> a,
                                                  int layer)
{
    Loaded out;
    try {
        auto in = attentionInputs(*a, layer);
        in->label = a->layers > 1 ? tr("%1 · layer %2 of %3")
                                        .arg(QFileInfo(a->path).fileName())
                                        .arg(layer + 1)
                                        .arg(a->layers)
                                  : QFileInfo(a->path).fileName();
        out.inputs = std::move(in);
        out.attention = std::move(a);
        out.layer = layer;
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

QString ImportActions::openAttention(const QString& path, const QString& tokensPath, int layer,
                                     const MaskSnapshot& keep, bool dialogs)
{
    const bool async = QFileInfo(path).size() > kAsyncBytes;
    return run(
        [path, tokensPath, layer]() {
            auto a = std::make_shared<ImportedAttention>();
            Loaded out;
            out.error = readImportedAttention(path, tokensPath, a.get());
            if (!out.error.isEmpty())
                return out;
            if (layer < 0 || layer >= a->layers) {
                out.error = tr("%1 has %2 layers; layer %3 does not exist")
                                .arg(path)
                                .arg(a->layers)
                                .arg(layer + 1);
                return out;
            }
            return prepareLayer(std::move(a), layer);
        },
        async, keep, dialogs);
}

QString ImportActions::openWeights(const WeightsImport& request, const MaskSnapshot& keep,
                                   bool dialogs)
{
    const qint64 bytes = QFileInfo(request.weightsPath).size() +
                         QFileInfo(request.inputPath).size() +
                         QFileInfo(request.keyInputPath).size();
    return run(
        [request]() {
            Loaded out;
            std::shared_ptr<ImportedInputs> in;
            out.error = readImportedWeights(request, &in);
            out.inputs = std::move(in);
            out.weights = request;
            return out;
        },
        bytes > kAsyncBytes, keep, dialogs);
}

QString ImportActions::run(Loader loader, bool async, const MaskSnapshot& keep, bool dialogs)
{
    if (!async) {
        m_jobs.invalidate(); // a read in flight is older than this one
        return apply(loader(), keep, dialogs);
    }
    m_pool.clear(); // a queued, not yet started read is stale already
    m_window->statusBar()->showMessage(tr("Reading…"));
    m_jobs.start([loader = std::move(loader)] { return loader(); },
                 [this, keep, dialogs](Loaded loaded) { apply(std::move(loaded), keep, dialogs); });
    return {};
}

QString ImportActions::apply(Loaded loaded, const MaskSnapshot& keep, bool dialogs)
{
    if (loaded.error.isEmpty() && loaded.inputs)
        loaded.error = m_controller->importRefusal(*loaded.inputs, keep);
    if (!loaded.error.isEmpty()) {
        // The current state is untouched: nothing was replaced.
        if (dialogs)
            QMessageBox::warning(m_window, tr("Cannot open file"), loaded.error);
        m_window->statusBar()->clearMessage();
        emit finished(loaded.error);
        return loaded.error;
    }
    m_attention = std::move(loaded.attention);
    m_layer = loaded.layer;
    m_weights = loaded.weights;
    m_controller->setImported(std::move(loaded.inputs), keep);
    m_window->statusBar()->showMessage(tr("Opened %1").arg(m_controller->imported()->label), 4000);
    emit finished({});
    return {};
}

void ImportActions::setLayer(int layer)
{
    if (!m_attention || layer == m_layer || layer < 0 || layer >= m_attention->layers)
        return;
    // One layer is H·L·S floats already in memory: preparing it is a copy and a log.
    Loaded loaded = prepareLayer(m_attention, layer);
    const SessionState& s = m_controller->state(); // the mask stays when switching layers
    const MaskSnapshot keep{s.mask, s.preset, s.presetParams, s.inverted};
    m_jobs.invalidate();
    apply(std::move(loaded), keep, true);
}

void ImportActions::backToDemo()
{
    if (!m_controller->isImported())
        return;
    m_jobs.invalidate(); // drop a read in flight
    m_attention.reset();
    m_layer = 0;
    SessionState demo;
    demo.colorMap = m_controller->state().colorMap;
    m_controller->setState(demo);
    m_window->setWindowFilePath({});
}

AttentionSource ImportActions::source() const
{
    AttentionSource s;
    if (m_attention && m_controller->isImported()) {
        s.path = m_attention->path;
        s.tokensPath = m_attention->tokensPath;
        s.layer = m_layer;
    }
    return s;
}

WeightsImport ImportActions::weightsSource() const
{
    return m_controller->isImported() && !m_attention ? m_weights : WeightsImport{};
}

void ImportActions::syncControls()
{
    const ImportedInputs* in = m_controller->imported();
    if (!in)
        m_attention.reset();
    m_label->setText(in ? QStringLiteral(" %1 ").arg(in->label) : QString());
    const bool layered = in && m_attention && m_attention->layers > 1;
    m_layerAction->setVisible(layered);
    if (layered) {
        const QSignalBlocker block(m_layerSpin);
        m_layerSpin->setRange(1, m_attention->layers);
        m_layerSpin->setValue(m_layer + 1);
    }
    m_toolBar->setVisible(in != nullptr);

    auto* panel = m_window->findChild<ControlPanel*>();
    if (!panel)
        return;
    const QString why =
        in && in->fixedScores
            ? tr("Imported attention is view-only for scores; use Back to demo to change this. "
                 "Mask edits still renormalise the imported weights.")
            : tr("Set by the imported weights and inputs; use Back to demo to change this.");
    const bool fixed = in && in->fixedScores;
    const std::pair<QWidget*, bool> controls[] = {
        {panel->textEdit(), in != nullptr},  {panel->dModelSpin(), in != nullptr},
        {panel->headsSpin(), in != nullptr}, {panel->seedSpin(), in != nullptr},
        {panel->scaleCheck(), fixed},        {panel->temperatureSlider(), fixed},
    };
    for (const auto& [widget, disable] : controls) {
        if (!widget)
            continue;
        if (disable && !m_savedToolTips.contains(widget))
            m_savedToolTips.insert(widget, widget->toolTip());
        if (disable) {
            widget->setToolTip(why);
        } else if (m_savedToolTips.contains(widget)) {
            widget->setToolTip(m_savedToolTips.take(widget));
        }
        widget->setEnabled(!disable);
    }
}

void ImportActions::openWeightsDialog()
{
    const QString weights = QFileDialog::getOpenFileName(
        m_window, tr("Open weights"), {}, tr("Attention weights (*.safetensors);;All files (*)"));
    if (weights.isEmpty())
        return;
    QString error;
    const int d = weightsModelDim(weights, &error);
    if (d <= 0) {
        QMessageBox::warning(m_window, tr("Cannot open file"), error);
        return;
    }
    const QString dir = QFileInfo(weights).path();
    const QString x = QFileDialog::getOpenFileName(
        m_window, tr("Query input X (tokens × %1)").arg(d), dir, tr("NumPy arrays (*.npy)"));
    if (x.isEmpty())
        return;
    const auto cross = QMessageBox::question(
        m_window, tr("Key input"),
        tr("Cross-attention: read a separate key/value input (XK.npy)? Choose No for "
           "self-attention on X."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    WeightsImport request;
    request.weightsPath = weights;
    request.inputPath = x;
    if (cross == QMessageBox::Yes) {
        request.keyInputPath = QFileDialog::getOpenFileName(
            m_window, tr("Key/value input XK (keys × %1)").arg(d), dir, tr("NumPy arrays (*.npy)"));
        if (request.keyInputPath.isEmpty())
            return;
    }
    for (;;) {
        bool ok = false;
        const int heads = QInputDialog::getInt(
            m_window, tr("Heads"), tr("Number of heads (must divide d_model = %1):").arg(d),
            d % 8 == 0 ? 8 : 1, 1, d, 1, &ok);
        if (!ok)
            return;
        if (d % heads == 0) {
            request.heads = heads;
            break;
        }
        QMessageBox::warning(m_window, tr("Heads"),
                             tr("d_model %1 is not divisible by %2 heads.").arg(d).arg(heads));
    }
    openWeights(request);
}

} // namespace attnviz::ui
