#include "ui/actions/session_actions.h"

#include "ui/actions/export_options_dialog.h"
#include "ui/actions/import_actions.h"
#include "ui/export/export_sidecar.h"
#include "ui/export/image_exporter.h"
#include "ui/io/autosave.h"
#include "ui/model/attention_controller.h"
#include "ui/render/figure.h"
#include "ui/views/heads/head_grid.h"

#include <QAction>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>

namespace attnviz::ui {

namespace {

const QString kRecentKey = QStringLiteral("files/recent");

bool isOpenable(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("json") || suffix == QLatin1String("npy");
}

} // namespace

SessionActions::SessionActions(QMainWindow* window, AttentionController* controller,
                               HeadGrid* heads)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_heads(heads)
    , m_imports(new ImportActions(window, controller))
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    connect(m_imports, &ImportActions::finished, this, [this](const QString& error) {
        if (!m_afterImport)
            return;
        const SessionDocument doc = std::move(*m_afterImport);
        m_afterImport.reset();
        if (error.isEmpty())
            applyView(doc);
    });
}

void SessionActions::populate(QMenu* menu)
{
    QAction* first = menu->actions().value(0);
    auto add = [&](const QString& text, auto slot, const QKeySequence& key = {}) {
        auto* a = new QAction(text, menu);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        menu->insertAction(first, a);
        return a;
    };
    add(tr("&Open…"), &SessionActions::open, QKeySequence::Open)
        ->setToolTip(tr("Open a session (.json) or an attention tensor (.npy: heads × queries × "
                        "keys, or layers × heads × queries × keys)"));
    m_recentMenu = new QMenu(tr("Open &recent"), menu);
    menu->insertMenu(first, m_recentMenu);
    m_imports->populate(menu, first);
    add(tr("&Save"), &SessionActions::save, QKeySequence::Save);
    add(tr("Save &as…"), &SessionActions::saveAs, QKeySequence::SaveAs);
    menu->insertSeparator(first);
    QAction* exportAction =
        add(tr("&Export image…"), &SessionActions::exportImage, QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* copyAction = add(tr("&Copy image"), &SessionActions::copyImage,
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    // Exports draw from the numbers: off while the result is released for a recompute.
    auto enableExports = [this, exportAction, copyAction] {
        exportAction->setEnabled(m_controller->hasResult());
        copyAction->setEnabled(m_controller->hasResult());
    };
    connect(m_controller, &AttentionController::resultReleased, this, enableExports);
    connect(m_controller, &AttentionController::resultChanged, this, enableExports);
    enableExports();
    menu->insertSeparator(first);
    rebuildRecentMenu();
}

SessionDocument SessionActions::currentDocument() const
{
    SessionDocument doc;
    doc.state = m_controller->state();
    doc.attention = m_imports->source();
    doc.weights = m_imports->weightsSource();
    doc.view.focusedHead = m_heads->focusedHead();
    doc.view.stage = QStringLiteral("weights");
    return doc;
}

void SessionActions::keepImportsIn(Autosave* autosave)
{
    autosave->setDocument([this] { return currentDocument(); },
                          [this](const SessionDocument& doc) { return applyDocument(doc); });
}

void SessionActions::fail(const QString& title, const QString& message, bool dialogs)
{
    if (dialogs)
        QMessageBox::warning(m_window, title, message);
}

QString SessionActions::applyDocument(const SessionDocument& doc)
{
    if (!doc.attention.isEmpty() || !doc.weights.isEmpty()) {
        // The files are read again; the session's mask (with its edits) is kept if it fits.
        const MaskSnapshot keep{doc.state.mask, doc.state.preset, doc.state.presetParams,
                                doc.state.inverted};
        const QString error =
            doc.attention.isEmpty()
                ? m_imports->openWeights(doc.weights, keep, false)
                : m_imports->openAttention(doc.attention.path, doc.attention.tokensPath,
                                           doc.attention.layer, keep, false);
        if (!error.isEmpty())
            return error;
        if (m_imports->isBusy()) { // read on a worker: the rest applies to the import, not now
            m_afterImport = doc;
            return {};
        }
    } else {
        m_controller->setState(doc.state);
    }
    applyView(doc);
    return {};
}

void SessionActions::applyView(const SessionDocument& doc)
{
    if (!doc.attention.isEmpty() || !doc.weights.isEmpty()) {
        if (!doc.weights.isEmpty()) { // attention files have fixed scores
            m_controller->setTemperature(doc.state.temperature);
            m_controller->setScale(doc.state.scale);
        }
        m_controller->setColorMap(doc.state.colorMap);
        m_controller->setFill(doc.state.fill);
    }
    if (doc.view.focusedHead >= 0 && doc.view.focusedHead < m_heads->headCount())
        m_heads->focusHead(doc.view.focusedHead);
    else
        m_heads->showAllHeads();
}

QString SessionActions::openFile(const QString& path, bool dialogs)
{
    m_afterImport.reset(); // a session still being read is replaced by this file
    QString error;
    if (QFileInfo(path).suffix().toLower() == QLatin1String("npy")) {
        error = m_imports->openAttention(path, {}, 0, {}, false);
        if (error.isEmpty())
            m_path.clear(); // Save asks for a new session file
    } else {
        SessionDocument doc;
        error = loadSession(path, &doc); // nothing changes unless the whole file is valid
        if (error.isEmpty())
            error = applyDocument(doc);
        if (error.isEmpty())
            m_path = path;
    }
    if (!error.isEmpty()) {
        fail(tr("Cannot open file"), error, dialogs);
        return error;
    }
    addRecent(path);
    m_window->setWindowFilePath(path);
    m_window->statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    return {};
}

QString SessionActions::saveTo(const QString& path, bool dialogs)
{
    const QString error = saveSession(path, currentDocument());
    if (!error.isEmpty()) {
        fail(tr("Cannot save session"), error, dialogs);
        return error;
    }
    m_path = path;
    addRecent(path);
    m_window->setWindowFilePath(path);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return {};
}

void SessionActions::open()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open"), QFileInfo(m_path).path(),
        tr("Sessions and attention tensors (*.json *.npy);;Sessions (*.json);;Attention "
           "tensors (*.npy)"));
    if (!path.isEmpty())
        openFile(path);
}

void SessionActions::save()
{
    if (m_path.isEmpty())
        saveAs();
    else
        saveTo(m_path);
}

void SessionActions::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save session"), m_path,
                                                      tr("AttnViz sessions (*.json)"));
    if (!path.isEmpty())
        saveTo(sessionSavePath(path));
}

void SessionActions::exportImage()
{
    if (!m_controller->hasResult())
        return;
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export image"), QFileInfo(m_path).path(),
        tr("PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    ExportRequest request;
    const auto format = exportFormatFromString(QFileInfo(path).suffix());
    request.format = format                                  ? *format
                     : filter.contains(QLatin1String("svg")) ? ExportFormat::Svg
                     : filter.contains(QLatin1String("pdf")) ? ExportFormat::Pdf
                                                             : ExportFormat::Png;
    if (!format)
        path += QLatin1Char('.') + toString(request.format);
    request.path = path;
    ExportOptionsDialog options(request.format, exportableStages(), m_window);
    if (options.exec() != QDialog::Accepted)
        return;
    request.scale = options.scale();
    const std::vector<int> heads = shownHeads();
    const Figure figure = currentFigure(options.stage());
    request.sidecar = exportSidecar(currentDocument(), figure, options.stage(), heads, request);
    const QString error = exportFigure(figure, request);
    if (!error.isEmpty())
        fail(tr("Cannot export image"), error, true);
    else
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 4000);
}

std::vector<int> SessionActions::shownHeads() const
{
    // The focus view shows (and exports) its head; the grid every head (an empty list).
    if (m_heads->focusedHead() >= 0)
        return {m_heads->focusedHead()};
    return {};
}

std::vector<Stage> SessionActions::exportableStages() const
{
    // Imported attention has weights only: its "scores" are log A and V is the identity.
    const ImportedInputs* imported = m_controller->imported();
    if (imported && imported->fixedScores)
        return {Stage::Weights};
    return {Stage::Weights, Stage::Scores, Stage::Masked, Stage::Output};
}

Figure SessionActions::currentFigure(Stage stage) const
{
    return makeFigure(m_controller->engine(), m_controller->tokens(), m_controller->keyTokens(),
                      stage, shownHeads(),
                      stage == Stage::Weights ? m_controller->state().colorMap : QString());
}

void SessionActions::copyImage()
{
    if (!m_controller->hasResult())
        return;
    QGuiApplication::clipboard()->setImage(renderImage(currentFigure(Stage::Weights), 2.0));
    m_window->statusBar()->showMessage(tr("Image copied to the clipboard"), 3000);
}

QStringList SessionActions::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void SessionActions::addRecent(const QString& path)
{
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void SessionActions::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString& f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); })
            ->setToolTip(f);
    m_recentMenu->setEnabled(!files.isEmpty());
}

bool SessionActions::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto* e = static_cast<QDragEnterEvent*>(event);
        const QList<QUrl> urls = e->mimeData()->urls();
        if (urls.size() == 1 && urls[0].isLocalFile() && isOpenable(urls[0].toLocalFile())) {
            e->acceptProposedAction();
            return true;
        }
    } else if (watched == m_window && event->type() == QEvent::Drop) {
        auto* e = static_cast<QDropEvent*>(event);
        const QList<QUrl> urls = e->mimeData()->urls();
        if (urls.size() == 1 && urls[0].isLocalFile()) {
            e->acceptProposedAction();
            openFile(urls[0].toLocalFile());
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace attnviz::ui
