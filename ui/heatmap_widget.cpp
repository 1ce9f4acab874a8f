#include "heatmap_widget.h"

#include "attention_controller.h"
#include "selection_model.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace attnviz::ui {

namespace {

// The cells between two corners, inclusive (QRect(a, b).normalized() is off by one when b is
// above or left of a).
QRect cellSpan(QPoint a, QPoint b)
{
    return {QPoint(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
            QPoint(std::max(a.x(), b.x()), std::max(a.y(), b.y()))};
}

} // namespace

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
    if (m_controller->hasResult() && m_head < engine.heads()) {
        d.values = &engine.weights(m_head);
        d.mask = &engine.mask();
        d.head = m_head;
        d.rowTokens = m_controller->tokens();
        d.colTokens = m_controller->tokens();
        d.title = tr("Head %1").arg(m_head + 1);
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
    if (m_controller->hasResult() && m_head < m_controller->engine().heads())
        m_image = makePainter().renderCells();
    else
        m_image = QImage();
    update();
}

void HeatmapWidget::onRowChanged(int head, int row)
{
    if (head != m_head || m_image.isNull() || row >= m_image.height())
        return;
    makePainter().renderRow(m_image, row);
    update(); // the hatching of the row changed too; the whole widget is one cheap image blit
}

void HeatmapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const HeatmapPainter painter = makePainter();
    const HeatmapLayout l = currentLayout();
    painter.paint(p, l, m_image.isNull() ? nullptr : &m_image);
    if (l.rows == 0)
        return;

    // Hovered row and column: a light outline across the heatmap.
    if (m_selection->hoverHead() == m_head && m_selection->hoverRow() < l.rows &&
        m_selection->hoverCol() < l.cols) {
        p.setPen(QPen(QColor(255, 255, 255, 150), 1));
        p.setBrush(Qt::NoBrush);
        const QRectF rowRect(l.grid.left(), l.grid.top() + m_selection->hoverRow() * l.cell,
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
    const QStringList& tokens = m_controller->tokens();
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addSection(head == Mask::kAllHeads
                        ? tr("All heads (Shift)")
                        : tr("Head %1 — hold Shift for all heads").arg(m_head + 1));
    menu.addAction(tr("Toggle cell “%1” → “%2”").arg(tokens.value(row), tokens.value(col)), this,
                   [=, this] { m_controller->toggleCell(head, row, col); });
    menu.addSeparator();
    menu.addAction(tr("Mask key column “%1”").arg(tokens.value(col)), this,
                   [=, this] { m_controller->setColumn(head, col, false); });
    menu.addAction(tr("Unmask key column “%1”").arg(tokens.value(col)), this,
                   [=, this] { m_controller->setColumn(head, col, true); });
    menu.addAction(tr("Mask query row “%1”").arg(tokens.value(row)), this,
                   [=, this] { m_controller->setRow(head, row, false); });
    menu.addAction(tr("Clear (unmask) query row “%1”").arg(tokens.value(row)), this,
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
