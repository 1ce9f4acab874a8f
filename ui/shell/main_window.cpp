#include "main_window.h"

#include "classroom.h"
#include "memory_budget_dialog.h"
#include "ui/actions/session_actions.h"
#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"
#include "ui/views/controls/control_panel.h"
#include "ui/views/heads/color_bar.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/row_inspector.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>

namespace attnviz::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_controller(new AttentionController(this))
    , m_selection(new SelectionModel(this))
{
    setWindowTitle(QStringLiteral("AttnViz"));
    setObjectName(QStringLiteral("MainWindow"));

    auto* central = new QWidget(this);
    auto* centralLayout = new QHBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 4);
    m_heads = new HeadGrid(m_controller, m_selection, central);
    m_colorBar = new ColorBar(m_controller, central);
    centralLayout->addWidget(m_heads, 1);
    centralLayout->addWidget(m_colorBar);
    m_classroom = new Classroom(this, m_controller, m_heads);
    setCentralWidget(m_classroom->createCentralWidget(central));

    m_controls = new ControlPanel(m_controller);
    auto* controlsScroll = new QScrollArea;
    controlsScroll->setWidget(m_controls);
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* controlsDock = new QDockWidget(tr("Controls"), this);
    controlsDock->setObjectName(QStringLiteral("ControlsDock"));
    controlsDock->setWidget(controlsScroll);
    controlsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, controlsDock);
    controlsScroll->setMinimumWidth(m_controls->sizeHint().width() + 12);

    m_inspector = new RowInspector(m_controller, m_selection);
    auto* inspectorDock = new QDockWidget(tr("Row inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("InspectorDock"));
    inspectorDock->setWidget(m_inspector);
    inspectorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);

    m_busy = new QLabel(this);
    m_busy->setText(tr("⟳ Computing…"));
    m_busy->setStyleSheet(QStringLiteral("QLabel { color: #1565c0; font-weight: bold; }"));
    m_busy->hide();
    m_position = new QLabel(this);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_position);
    statusBar()->showMessage(
        tr("Click a cell to toggle its mask · drag paints a rectangle · Shift edits all heads · "
           "right-click for row/column actions · click a head's title to focus it"));
    connect(m_controller, &AttentionController::busyChanged, m_busy, &QLabel::setVisible);
    auto showPosition = [this] {
        const QStringList& queries = m_controller->tokens();
        const QStringList& keys = m_controller->keyTokens();
        const int h = m_selection->cursorHead();
        const int r = m_selection->cursorRow();
        const int c = m_selection->cursorCol();
        if (r < queries.size() && c < keys.size())
            m_position->setText(
                tr("Cursor: head %1 · %2 → %3").arg(h + 1).arg(queries[r], keys[c]));
    };
    connect(m_selection, &SelectionModel::cursorChanged, this, showPosition);
    connect(m_controller, &AttentionController::resultChanged, this, showPosition);
    showPosition();

    // Start on the last query row: under a causal mask it sees every key.
    if (m_controller->hasResult())
        m_selection->setCursor(0, m_controller->engine().queryLength() - 1, 0);
    inspectorDock->setMinimumWidth(320);

    createMenus();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    m_files = new SessionActions(this, m_controller, m_heads);
    m_files->populate(file);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_undo = m_controller->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = m_controller->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addAction(tr("&Invert mask"), m_controller, &AttentionController::invertMask);
    edit->addAction(tr("&Discard mask edits"), m_controller,
                    &AttentionController::resetMaskToPreset);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = view->addAction(tr("Zoom &in"), m_heads, &HeadGrid::zoomIn);
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction* zoomOut = view->addAction(tr("Zoom &out"), m_heads, &HeadGrid::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* zoomReset = view->addAction(tr("&Fit to window"), m_heads, &HeadGrid::resetZoom);
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    QAction* all = view->addAction(tr("&All heads"), m_heads, &HeadGrid::showAllHeads);
    all->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    QAction* values = view->addAction(tr("Show &values in cells"));
    values->setCheckable(true);
    values->setChecked(true);
    connect(values, &QAction::toggled, m_heads, &HeadGrid::setShowValues);
    // Cells smaller than a pixel (long sequences): max keeps single strong weights visible,
    // mean shows the average of the area. Remembered by the head grid.
    QMenu* pooling = view->addMenu(tr("Small cells: &pooling"));
    auto* poolingGroup = new QActionGroup(this);
    QAction* poolMax = pooling->addAction(tr("&Maximum (a single strong weight stays visible)"));
    QAction* poolMean = pooling->addAction(tr("M&ean (the average of the area)"));
    for (QAction* a : {poolMax, poolMean}) {
        a->setCheckable(true);
        poolingGroup->addAction(a);
    }
    (m_heads->pooling() == Pooling::Mean ? poolMean : poolMax)->setChecked(true);
    connect(poolMax, &QAction::triggered, m_heads, [this] { m_heads->setPooling(Pooling::Max); });
    connect(poolMean, &QAction::triggered, m_heads, [this] { m_heads->setPooling(Pooling::Mean); });
    view->addAction(tr("Memory &budget…"), this, [this] { editMemoryBudget(this, m_controller); });
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    m_classroom->createMenus(menuBar(), view);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard and mouse"), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About AttnViz"), this, [this] {
        QMessageBox::about(this, tr("About AttnViz"),
                           tr("<b>AttnViz %1</b><p>Multi-head attention, every stage visible: "
                              "mask cells and watch the softmax redistribute.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showShortcuts()
{
    QMessageBox::information(
        this, tr("Keyboard and mouse"),
        tr("<table>"
           "<tr><td><b>Click</b></td><td>toggle a mask cell</td></tr>"
           "<tr><td><b>Drag</b></td><td>mask or unmask a rectangle (the first cell "
           "decides)</td></tr>"
           "<tr><td><b>Shift</b> + click/drag/Space</td><td>edit all heads at once</td></tr>"
           "<tr><td><b>Right-click</b></td><td>row and column actions</td></tr>"
           "<tr><td><b>Arrows</b></td><td>move the cell cursor</td></tr>"
           "<tr><td><b>Space</b></td><td>toggle the cell under the cursor</td></tr>"
           "<tr><td><b>1–9</b></td><td>focus a head; <b>Esc</b> back to all heads</td></tr>"
           "<tr><td><b>+ / −</b>, <b>0</b></td><td>zoom in / out, fit</td></tr>"
           "<tr><td><b>Ctrl+wheel</b> (focus view: wheel)</td><td>zoom into the cells around "
           "the pointer</td></tr>"
           "<tr><td><b>Middle-button drag</b></td><td>pan a zoomed heatmap</td></tr>"
           "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>undo / redo</td></tr></table>"));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QRect screen =
        this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    // Most of the screen (heatmaps want room), but not a wall of pixels on a large monitor.
    resize((screen.size() * 0.9).boundedTo(QSize(1680, 1050)).expandedTo(QSize(1024, 700)));
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        move(screen.center() - rect().center());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString map = settings.value(QStringLiteral("view/colorMap")).toString();
    if (!map.isEmpty())
        m_controller->setColorMap(map);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("view/colorMap"), m_controller->state().colorMap);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

} // namespace attnviz::ui
