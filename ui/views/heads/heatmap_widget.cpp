#include "heatmap_widget.h"

#include "ui/model/attention_controller.h"
#include "ui/model/render_gate.h"
#include "ui/model/selection_model.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace attnviz::ui {

namespace {

// The cells between two corners, inclusive (QRect(a, b).normalized() is off by one when b is
// above or left of a).
QRect cellSpan(QPoint a, QPoint b)
{
    return {QPoint(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
            QPoint(std::max(a.x(), b.x()), std::max(a.y(), b.y()))};
}

double g_asyncRenderCost = 2.0e6; // cells read; about 5 ms on one core

} // namespace

void HeatmapWidget::setAsyncRenderCost(double cells)
{
    g_asyncRenderCost = cells;
}

HeatmapWidget::HeatmapWidget(AttentionController* controller, SelectionModel* selection, int head,
                             QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_selection(selection)
    , m_head(head)
    , m_colorMap(ColorMap::byName(controller->state().colorMap))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(controller, &AttentionController::resultChanged, this, &HeatmapWidget::rebuildImage);
    connect(controller, &AttentionController::colorRangeChanged, this,
            &HeatmapWidget::rebuildImage);
    connect(controller, &AttentionController::rowChanged, this, &HeatmapWidget::onRowChanged);
    connect(controller, &AttentionController::resultReleased, this, [this] {
        invalidateLayout(); // the same picture, drawn without the numbers
        update();
    });
    connect(controller, &AttentionController::colorMapChanged, this, [this](const QString& name) {
        m_colorMap = ColorMap::byName(name);
        rebuildImage();
    });
    connect(selection, &SelectionModel::cursorChanged, this, qOverload<>(&QWidget::update));
    connect(selection, &SelectionModel::hoverChanged, this, qOverload<>(&QWidget::update));
    rebuildImage();
}

void HeatmapWidget::setHead(int head)
{
    if (head == m_head)
        return;
    m_head = head;
    m_image = QImage(); // another head's picture
    m_imageCells = {};
    rebuildImage();
}

void HeatmapWidget::setShowValues(bool show)
{
    m_showValues = show;
    invalidateLayout();
    update();
}

HeatmapPainter HeatmapWidget::makePainter() const
{
    HeatmapPainter::Data d;
    const AttentionEngine& engine = m_controller->engine();
    const bool live = m_controller->hasResult() && m_head < engine.heads();
    // Released for a recompute: the last picture stays, with its labels but no numbers.
    if (live || (m_controller->isReleased() && !m_image.isNull())) {
        if (live) {
            d.values = &engine.weights(m_head);
            d.mask = &engine.mask();
            d.head = m_head;
        } else {
            d.shape = QSize(static_cast<int>(m_controller->keyTokens().size()),
                            static_cast<int>(m_controller->tokens().size()));
        }
        d.rowTokens = m_controller->tokens();
        d.colTokens = m_controller->keyTokens();
        d.title = tr("Head %1").arg(m_head + 1);
        d.view = m_view;
    }
    d.vmin = 0.0;
    d.vmax = m_controller->colorMax();
    d.colorMap = m_colorMap;
    d.valuesWhenTheyFit = m_showValues;
    d.font = font();
    d.textColor = palette().color(QPalette::WindowText);
    return HeatmapPainter(std::move(d));
}

HeatmapLayout HeatmapWidget::currentLayout() const
{
    if (!m_layoutValid) {
        m_layout = makePainter().layout(QRectF(rect()).adjusted(4, 2, -4, -2));
        m_layoutValid = true;
    }
    return m_layout;
}

void HeatmapWidget::resizeEvent(QResizeEvent* event)
{
    invalidateLayout();
    QWidget::resizeEvent(event);
}

void HeatmapWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        invalidateLayout();
    else if (event->type() == QEvent::PaletteChange)
        m_frameValid = false;
    QWidget::changeEvent(event);
}

QPoint HeatmapWidget::cellCenter(int row, int col) const
{
    return currentLayout().cellRect(row, col).center().toPoint();
}

QRect HeatmapWidget::titleRect() const
{
    return currentLayout().title.toRect();
}

QSize HeatmapWidget::sizeHint() const
{
    return {420, 420};
}

QSize HeatmapWidget::minimumSizeHint() const
{
    return {120, 120};
}

void HeatmapWidget::rebuildImage()
{
    invalidateLayout();
    m_imageDirty = true;
    // While the result is released for a recompute the last picture stays until the new one.
    if (!m_controller->isReleased() &&
        (!m_controller->hasResult() || m_head >= m_controller->engine().heads())) {
        m_image = QImage();
        m_imageCells = {};
    }
    // Rendered on the next paint, for what is visible then; the old image stays until it is done.
    update();
}

LodSource HeatmapWidget::lodSource() const
{
    const AttentionEngine& engine = m_controller->engine();
    return {.values = &engine.weights(m_head),
            .mask = &engine.mask(),
            .head = m_head,
            .colorMap = m_colorMap,
            .vmin = 0.0,
            .vmax = m_controller->colorMax(),
            .cancelled = {}};
}

void HeatmapWidget::setPooling(Pooling pooling)
{
    if (pooling == m_pooling)
        return;
    m_pooling = pooling;
    m_imageDirty = true;
    update();
}

bool HeatmapWidget::ensureImage()
{
    requestImage();
    return !m_renders.isBusy();
}

void HeatmapWidget::requestImage()
{
    if (!m_controller->hasResult() || m_head >= m_controller->engine().heads())
        return;
    const HeatmapLayout l = currentLayout();
    if (l.rows == 0 || l.grid.isEmpty())
        return;
    // Only the visible part of the grid (the head grid's zoom puts us in a scroll area).
    QRect visible = visibleRegion().boundingRect();
    if (visible.isEmpty())
        visible = rect();
    const QRectF target = l.grid.intersected(QRectF(visible));
    if (target.isEmpty())
        return;
    const double dpr = devicePixelRatioF();
    const QSize pixels = (target.size() * dpr).toSize().expandedTo(QSize(1, 1));
    const QRectF cells = QRectF(l.toCells(target.topLeft()), l.toCells(target.bottomRight()))
                             .intersected(QRectF(0, 0, l.cols, l.rows));
    if (cells.isEmpty())
        return;
    if (!m_imageDirty && cells == m_imageCells && pixels == m_image.size())
        return;
    if (m_renders.isBusy()) {
        if (m_imageDirty || cells != m_pendingCells || pixels != m_pendingSize)
            m_wantAnother = true;
        return;
    }
    m_imageDirty = false;
    if (lodCost(cells, pixels) < g_asyncRenderCost) {
        m_image = renderLod(lodSource(), cells, pixels, m_pooling);
        m_imageCells = cells;
        emit imageReady();
        return;
    }
    // Mandelbrot style: the previous image stays on screen (scaled to where its cells are now)
    // while this one renders. The job keeps the engine alive and never touches this widget: the
    // tracker drops its image if we are gone. A mask edit stops it through the render gate (the
    // engine is edited in place).
    m_wantAnother = false;
    m_pendingCells = cells;
    m_pendingSize = pixels;
    std::shared_ptr<const AttentionEngine> engine = m_controller->sharedEngine();
    std::shared_ptr<RenderGate> gate = m_controller->renderGate();
    const std::uint64_t generation = gate->generation();
    LodSource source = lodSource();
    source.cancelled = [gate = gate.get(), generation] { return gate->cancelled(generation); };
    const Pooling pooling = m_pooling;
    m_renders.start(
        [engine, gate, generation, source, cells, pixels, pooling] {
            QImage image;
            if (const RenderGate::Reader reader(*gate, generation); reader)
                image = renderLod(source, cells, pixels, pooling);
            return image;
        },
        [this, cells](QImage image) {
            if (image.isNull()) {
                m_imageDirty = true; // stopped by an edit: render again
                update();
                return;
            }
            m_image = std::move(image);
            m_imageCells = cells;
            if (m_wantAnother)
                requestImage();
            update();
            emit imageReady();
        });
}

QRgb HeatmapWidget::shownColor(int row, int col) const
{
    if (m_image.isNull() || !m_imageCells.contains(QPointF(col + 0.5, row + 0.5)))
        return 0;
    const int x = static_cast<int>((col + 0.5 - m_imageCells.left()) / m_imageCells.width() *
                                   m_image.width());
    const int y = static_cast<int>((row + 0.5 - m_imageCells.top()) / m_imageCells.height() *
                                   m_image.height());
    return m_image.pixel(std::clamp(x, 0, m_image.width() - 1),
                         std::clamp(y, 0, m_image.height() - 1));
}

void HeatmapWidget::onRowChanged(int head, int row)
{
    if (head != m_head)
        return;
    if (m_renders.isBusy())
        m_imageDirty = true; // the render may have read the row before the edit
    int firstY = 0;
    int lastY = 0;
    if (!m_image.isNull() && lodRowsOf(m_imageCells, m_image.height(), row, &firstY, &lastY))
        renderLodRows(lodSource(), m_imageCells, m_pooling, m_image, firstY, lastY);
    m_frameValid = false; // the hatching of the row
    update();
}

void HeatmapWidget::setView(const QRectF& cells)
{
    const HeatmapLayout l = currentLayout();
    QRectF v = cells;
    if (l.rows > 0 && v.contains(QRectF(0, 0, l.cols, l.rows)))
        v = QRectF();
    if (v == m_view)
        return;
    m_view = v;
    invalidateLayout();
    update();
    emit viewChanged();
}

void HeatmapWidget::zoomAt(const QPointF& pos, double factor)
{
    const HeatmapLayout l = currentLayout();
    if (l.rows == 0 || factor <= 0.0)
        return;
    const QRectF v = l.view;
    const QPointF anchor(std::clamp(l.toCells(pos).x(), v.left(), v.right()),
                         std::clamp(l.toCells(pos).y(), v.top(), v.bottom()));
    const double w = std::clamp(v.width() / factor, std::min<double>(l.cols, 2.0), l.cols + 0.0);
    const double h = std::clamp(v.height() / factor, std::min<double>(l.rows, 2.0), l.rows + 0.0);
    const double fx = (anchor.x() - v.left()) / v.width();
    const double fy = (anchor.y() - v.top()) / v.height();
    const double x = std::clamp(anchor.x() - fx * w, 0.0, l.cols - w);
    const double y = std::clamp(anchor.y() - fy * h, 0.0, l.rows - h);
    setView(QRectF(x, y, w, h));
}

void HeatmapWidget::panBy(const QPointF& pixels)
{
    const HeatmapLayout l = currentLayout();
    if (l.rows == 0 || l.cell <= 0.0 || m_view.isEmpty())
        return;
    const QRectF v = l.view;
    const double x = std::clamp(v.left() - pixels.x() / l.cell, 0.0, l.cols - v.width());
    const double y = std::clamp(v.top() - pixels.y() / l.cell, 0.0, l.rows - v.height());
    setView(QRectF(x, y, v.width(), v.height()));
}

void HeatmapWidget::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || !(m_wheelZoom || (event->modifiers() & Qt::ControlModifier))) {
        event->ignore(); // the scroll area scrolls
        return;
    }
    zoomAt(event->position(), std::pow(1.25, delta / 120.0));
    event->accept();
}

void HeatmapWidget::updateFrame(const HeatmapLayout& l)
{
    const double dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (m_frameValid && m_frameImage == m_image.cacheKey() && m_frameCells == m_imageCells &&
        m_frame.size() == pixels && m_frame.devicePixelRatio() == dpr)
        return;
    m_frame = QPixmap(pixels);
    m_frame.setDevicePixelRatio(dpr);
    QPainter p(&m_frame);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const HeatmapPainter painter = makePainter();
    if (m_image.isNull()) {
        // Nothing rendered yet (the first render is running): an empty grid, never a full-size
        // synchronous render.
        QImage blank(1, 1, QImage::Format_RGB32);
        blank.fill(palette().color(QPalette::Base));
        painter.paint(p, l, &blank, l.view);
    } else {
        painter.paint(p, l, &m_image, m_imageCells);
    }
    m_frameValid = true;
    m_frameImage = m_image.cacheKey();
    m_frameCells = m_imageCells;
}

void HeatmapWidget::paintEvent(QPaintEvent*)
{
    const HeatmapLayout l = currentLayout();
    requestImage();
    updateFrame(l);
    QPainter p(this);
    p.drawPixmap(0, 0, m_frame);
    if (l.rows == 0)
        return;
    p.setClipRect(l.grid.adjusted(-3, -3, 3, 3));

    // Hovered row and column: a light outline across the heatmap.
    if (m_selection->hoverHead() == m_head && m_selection->hoverRow() < l.rows &&
        m_selection->hoverCol() < l.cols) {
        p.setPen(QPen(QColor(255, 255, 255, 150), 1));
        p.setBrush(Qt::NoBrush);
        const QRectF rowRect(l.grid.left(), l.cellRect(m_selection->hoverRow(), 0).top(),
                             l.grid.width(), l.cell);
        p.drawRect(rowRect);
    }
    // Drag rectangle preview.
    if (m_dragging) {
        const QRect cells = cellSpan(m_dragAnchor, m_dragCurrent);
        const QRectF r =
            l.cellRect(cells.top(), cells.left()).united(l.cellRect(cells.bottom(), cells.right()));
        p.setPen(QPen(m_dragValue ? QColor(0, 160, 80) : QColor(220, 40, 40), 2, Qt::DashLine));
        p.setBrush(m_dragValue ? QColor(0, 160, 80, 40) : QColor(220, 40, 40, 40));
        p.drawRect(r);
    }
    // Keyboard cursor: bold in its head, thin in the others.
    if (m_selection->cursorRow() < l.rows && m_selection->cursorCol() < l.cols) {
        const bool mine = m_selection->cursorHead() == m_head;
        const QRectF c = l.cellRect(m_selection->cursorRow(), m_selection->cursorCol());
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(255, 64, 129), mine ? (hasFocus() ? 2.5 : 1.5) : 1.0,
                      mine ? Qt::SolidLine : Qt::DotLine));
        p.drawRect(c.adjusted(-1, -1, 1, 1));
    }
}

int HeatmapWidget::editHead(Qt::KeyboardModifiers modifiers) const
{
    return (modifiers & Qt::ShiftModifier) ? Mask::kAllHeads : m_head;
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton && !m_view.isEmpty()) {
        m_panning = true;
        m_panLast = event->position();
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const HeatmapLayout l = currentLayout();
    if (l.title.contains(event->position())) {
        emit titleClicked(m_head);
        return;
    }
    int row = 0;
    int col = 0;
    if (!l.cellAt(event->position(), &row, &col) || !m_controller->canEditMask())
        return;
    setFocus(Qt::MouseFocusReason);
    m_dragging = true;
    m_dragAnchor = m_dragCurrent = QPoint(col, row);
    m_dragValue = !m_controller->engine().mask().allowed(m_head, row, col);
    m_dragAllHeads = event->modifiers() & Qt::ShiftModifier;
    m_selection->setCursor(m_head, row, col);
    update();
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        panBy(event->position() - m_panLast);
        m_panLast = event->position();
        return;
    }
    const HeatmapLayout l = currentLayout();
    int row = 0;
    int col = 0;
    if (l.cellAt(event->position(), &row, &col)) {
        m_selection->setHover(m_head, row, col);
        if (m_dragging && QPoint(col, row) != m_dragCurrent) {
            m_dragCurrent = QPoint(col, row);
            update();
        }
    } else {
        m_selection->clearHover();
    }
    setCursor(l.title.contains(event->position()) ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void HeatmapWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && event->button() == Qt::MiddleButton) {
        m_panning = false;
        setCursor(Qt::ArrowCursor);
        return;
    }
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    int row = 0;
    int col = 0;
    if (currentLayout().cellAt(event->position(), &row, &col))
        m_dragCurrent = QPoint(col, row);
    m_dragging = false;
    const QRect cells = cellSpan(m_dragAnchor, m_dragCurrent);
    m_controller->setCells(m_dragAllHeads ? Mask::kAllHeads : m_head, cells, m_dragValue);
    m_selection->setCursor(m_head, m_dragCurrent.y(), m_dragCurrent.x());
    update();
}

void HeatmapWidget::leaveEvent(QEvent* event)
{
    if (m_selection->hoverHead() == m_head)
        m_selection->clearHover();
    QWidget::leaveEvent(event);
}

void HeatmapWidget::keyPressEvent(QKeyEvent* event)
{
    const HeatmapLayout l = currentLayout();
    auto move = [&](int dr, int dc) {
        if (m_selection->cursorHead() != m_head)
            m_selection->setCursor(m_head, m_selection->cursorRow(), m_selection->cursorCol());
        m_selection->moveCursor(dr, dc, l.rows, l.cols);
    };
    switch (event->key()) {
    case Qt::Key_Left:
        move(0, -1);
        break;
    case Qt::Key_Right:
        move(0, 1);
        break;
    case Qt::Key_Up:
        move(-1, 0);
        break;
    case Qt::Key_Down:
        move(1, 0);
        break;
    case Qt::Key_Space:
        if (m_selection->cursorRow() < l.rows && m_selection->cursorCol() < l.cols) {
            m_selection->setCursor(m_head, m_selection->cursorRow(), m_selection->cursorCol());
            m_controller->toggleCell(editHead(event->modifiers()), m_selection->cursorRow(),
                                     m_selection->cursorCol());
        }
        break;
    default:
        QWidget::keyPressEvent(event); // digits, +/−, Esc: the head grid decides
        return;
    }
    event->accept();
}

void HeatmapWidget::contextMenuEvent(QContextMenuEvent* event)
{
    int row = 0;
    int col = 0;
    if (!currentLayout().cellAt(event->pos(), &row, &col) || !m_controller->canEditMask())
        return;
    const int head = editHead(event->modifiers());
    const QString query = m_controller->tokens().value(row);
    const QString key = m_controller->keyTokens().value(col);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addSection(head == Mask::kAllHeads
                        ? tr("All heads (Shift)")
                        : tr("Head %1 — hold Shift for all heads").arg(m_head + 1));
    menu.addAction(tr("Toggle cell “%1” → “%2”").arg(query, key), this,
                   [=, this] { m_controller->toggleCell(head, row, col); });
    menu.addSeparator();
    menu.addAction(tr("Mask key column “%1”").arg(key), this,
                   [=, this] { m_controller->setColumn(head, col, false); });
    menu.addAction(tr("Unmask key column “%1”").arg(key), this,
                   [=, this] { m_controller->setColumn(head, col, true); });
    menu.addAction(tr("Mask query row “%1”").arg(query), this,
                   [=, this] { m_controller->setRow(head, row, false); });
    menu.addAction(tr("Clear (unmask) query row “%1”").arg(query), this,
                   [=, this] { m_controller->setRow(head, row, true); });
    menu.addSeparator();
    menu.addAction(tr("Discard all mask edits"), m_controller,
                   &AttentionController::resetMaskToPreset);
    menu.addAction(tr("Invert mask"), m_controller, &AttentionController::invertMask);
    menu.exec(event->globalPos());
}

bool HeatmapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const HeatmapLayout l = currentLayout();
        int row = 0;
        int col = 0;
        if (l.cellAt(help->pos(), &row, &col))
            QToolTip::showText(help->globalPos(), m_controller->cellToolTip(m_head, row, col), this,
                               l.cellRect(row, col).toRect());
        else if (l.title.contains(help->pos()))
            QToolTip::showText(help->globalPos(), tr("Click to focus on this head (Esc returns)"),
                               this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace attnviz::ui
