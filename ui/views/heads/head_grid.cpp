#include "head_grid.h"

#include "heatmap_widget.h"
#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace attnviz::ui {

HeadGrid::HeadGrid(AttentionController* controller, SelectionModel* selection, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_selection(selection)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_bar = new QWidget(this);
    auto* barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(4, 2, 4, 2);
    m_back = new QToolButton(m_bar);
    m_back->setText(tr("◀ All heads"));
    m_back->setToolTip(tr("Back to all heads (Esc)"));
    m_back->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_focusTitle = new QLabel(m_bar);
    QFont bold = m_focusTitle->font();
    bold.setBold(true);
    m_focusTitle->setFont(bold);
    barLayout->addWidget(m_back);
    barLayout->addWidget(m_focusTitle, 1);
    m_bar->hide();
    layout->addWidget(m_bar);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_stack = new QStackedWidget;
    m_gridPage = new QWidget;
    new QGridLayout(m_gridPage);
    m_focus = new HeatmapWidget(controller, selection, 0);
    m_focus->setWheelZoom(true); // the focus view zooms with the plain wheel, around the cursor
    m_pooling =
        QSettings().value(QStringLiteral("view/pooling")).toString() == QLatin1String("mean")
            ? Pooling::Mean
            : Pooling::Max;
    m_focus->setPooling(m_pooling);
    m_stack->addWidget(m_gridPage);
    m_stack->addWidget(m_focus);
    m_scroll->setWidget(m_stack);
    layout->addWidget(m_scroll, 1);

    connect(m_back, &QToolButton::clicked, this, &HeadGrid::showAllHeads);
    connect(m_focus, &HeatmapWidget::titleClicked, this, &HeadGrid::showAllHeads);
    connect(controller, &AttentionController::resultChanged, this, &HeadGrid::rebuild);
    rebuild();
}

bool HeadGrid::isFocused() const
{
    return m_stack->currentWidget() == m_focus;
}

int HeadGrid::focusedHead() const
{
    return isFocused() ? m_focus->head() : -1;
}

void HeadGrid::setShowValues(bool show)
{
    m_showValues = show;
    for (HeatmapWidget* w : m_heatmaps)
        w->setShowValues(show);
    m_focus->setShowValues(show);
}

void HeadGrid::setPooling(Pooling pooling)
{
    m_pooling = pooling;
    QSettings().setValue(QStringLiteral("view/pooling"),
                         pooling == Pooling::Mean ? QStringLiteral("mean") : QStringLiteral("max"));
    for (HeatmapWidget* w : m_heatmaps)
        w->setPooling(pooling);
    m_focus->setPooling(pooling);
    emit poolingChanged(pooling);
}

void HeadGrid::rebuild()
{
    const int heads = m_controller->hasResult() ? m_controller->engine().heads() : 0;
    if (heads != headCount()) {
        for (HeatmapWidget* w : m_heatmaps)
            delete w;
        m_heatmaps.clear();
        for (int h = 0; h < heads; ++h) {
            auto* w = new HeatmapWidget(m_controller, m_selection, h, m_gridPage);
            w->setShowValues(m_showValues);
            w->setPooling(m_pooling);
            connect(w, &HeatmapWidget::titleClicked, this, &HeadGrid::focusHead);
            m_heatmaps.push_back(w);
        }
        m_columns = 0;
        arrangeHeads();
    }
    const auto& e = m_controller->engine();
    m_selection->clamp(heads, e.queryLength(), e.keyLength());
    if (isFocused() && m_focus->head() >= heads)
        showAllHeads();
}

void HeadGrid::focusHead(int head)
{
    if (head < 0 || head >= headCount())
        return;
    m_focus->setHead(head);
    m_focusTitle->setText(tr("Head %1 of %2").arg(head + 1).arg(headCount()));
    m_bar->show();
    m_stack->setCurrentWidget(m_focus);
    m_selection->setCursor(head, m_selection->cursorRow(), m_selection->cursorCol());
    m_focus->setFocus(Qt::OtherFocusReason);
    emit focusChanged(head);
}

void HeadGrid::showAllHeads()
{
    if (!isFocused())
        return;
    const int head = m_focus->head();
    m_bar->hide();
    m_stack->setCurrentWidget(m_gridPage);
    if (head < headCount())
        m_heatmaps[head]->setFocus(Qt::OtherFocusReason);
    emit focusChanged(-1);
}

void HeadGrid::setZoom(double zoom)
{
    zoom = std::clamp(zoom, 1.0, 8.0);
    if (zoom == m_zoom)
        return;
    m_zoom = zoom;
    applyZoom();
    emit zoomChanged(m_zoom);
}

void HeadGrid::zoomIn()
{
    setZoom(m_zoom * 1.25);
}

void HeadGrid::zoomOut()
{
    setZoom(m_zoom / 1.25);
}

void HeadGrid::resetZoom()
{
    m_focus->resetView();
    for (HeatmapWidget* w : m_heatmaps)
        w->resetView();
    setZoom(1.0);
}

void HeadGrid::applyZoom()
{
    // Zoom 1 fits the viewport; beyond that the content grows and the view scrolls.
    const QSize viewport = m_scroll->viewport()->size();
    if (m_zoom <= 1.0)
        m_stack->setMinimumSize(0, 0);
    else
        m_stack->setMinimumSize(viewport * m_zoom);
}

void HeadGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    applyZoom();
    arrangeHeads();
}

int HeadGrid::bestColumns(int heads, QSize area)
{
    // The heatmaps are square: pick the arrangement whose cells get the largest square.
    int best = 1;
    double bestSide = 0;
    for (int columns = 1; columns <= std::max(heads, 1); ++columns) {
        const int rows = (heads + columns - 1) / columns;
        const double side = std::min(double(area.width()) / columns, double(area.height()) / rows);
        if (side > bestSide + 0.5) {
            bestSide = side;
            best = columns;
        }
    }
    return best;
}

void HeadGrid::arrangeHeads()
{
    // Our own size: in a resize event the scroll area has not been given its new geometry yet.
    const int columns = bestColumns(headCount(), size());
    if (columns == m_columns)
        return;
    m_columns = columns;
    auto* grid = static_cast<QGridLayout*>(m_gridPage->layout());
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(6);
    for (HeatmapWidget* w : m_heatmaps)
        grid->removeWidget(w);
    for (int h = 0; h < headCount(); ++h)
        grid->addWidget(m_heatmaps[h], h / columns, h % columns);
}

void HeadGrid::keyPressEvent(QKeyEvent* event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9) {
        focusHead(key - Qt::Key_1);
    } else if (key == Qt::Key_Plus || key == Qt::Key_Equal) {
        zoomIn();
    } else if (key == Qt::Key_Minus) {
        zoomOut();
    } else if (key == Qt::Key_0) {
        resetZoom();
    } else if (key == Qt::Key_Escape && isFocused()) {
        showAllHeads();
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace attnviz::ui
