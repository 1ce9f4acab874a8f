#include "pipeline_view.h"

#include "attention_controller.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attnviz::ui {

namespace {

// Panels per row of the layout: projections, the L×L stages, the outputs.
const std::vector<std::vector<int>> kRows = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10}};
constexpr double kGap = 14.0;

// Largest finite |value| over the cells a viewer can see (masked cells hold the fill).
double symmetricRange(const PipelinePanel& p, const Mask* mask, int head)
{
    double m = 0.0;
    for (Eigen::Index r = 0; r < p.values.rows(); ++r)
        for (Eigen::Index c = 0; c < p.values.cols(); ++c) {
            if (p.masked && mask && !mask->empty() &&
                !mask->allowed(head, static_cast<int>(r), static_cast<int>(c)))
                continue;
            const double v = std::abs(p.values(r, c));
            if (std::isfinite(v) && v < 1e8)
                m = std::max(m, v);
        }
    return m > 0.0 ? m : 1.0;
}

} // namespace

PipelineView::PipelineView(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    connect(controller, &AttentionController::resultChanged, this, &PipelineView::rebuild);
    connect(controller, &AttentionController::rowChanged, this, &PipelineView::rebuild);
    connect(controller, &AttentionController::colorMapChanged, this, &PipelineView::rebuild);
    rebuild();
}

void PipelineView::setHead(int head)
{
    if (head == m_head)
        return;
    m_head = head;
    rebuild();
    emit headChanged(head);
}

void PipelineView::setStepMode(bool on)
{
    if (on == m_stepMode)
        return;
    m_stepMode = on;
    if (on)
        m_revealed = 0;
    m_highlight.clear();
    m_hoverPanel = -1;
    update();
    emit stepModeChanged(on);
    emit stepChanged(revealedStep());
}

void PipelineView::setRevealedStep(int step)
{
    step = std::clamp(step, 0, kPipelineSteps - 1);
    if (step == m_revealed)
        return;
    m_revealed = step;
    update();
    emit stepChanged(step);
}

void PipelineView::nextStep()
{
    if (!m_stepMode) {
        setStepMode(true);
        return;
    }
    setRevealedStep(m_revealed + 1);
}

void PipelineView::previousStep()
{
    if (m_stepMode)
        setRevealedStep(m_revealed - 1);
}

QString PipelineView::captionText() const
{
    if (m_stepMode) {
        const auto step = static_cast<PipelineStep>(m_revealed);
        return tr("Step %1 of %2 · %3: %4")
            .arg(m_revealed + 1)
            .arg(kPipelineSteps)
            .arg(PipelineModel::stepName(step), PipelineModel::caption(step));
    }
    if (m_hoverPanel >= 0 && m_hoverPanel < static_cast<int>(m_panels.size())) {
        const PipelinePanel& p = m_panels[m_hoverPanel];
        return tr("%1[%2, %3] = %4 — computed from the outlined cells. %5")
            .arg(p.name)
            .arg(m_hoverRow)
            .arg(m_hoverCol)
            .arg(p.values(m_hoverRow, m_hoverCol), 0, 'g', 4)
            .arg(PipelineModel::caption(p.step));
    }
    return tr("Head %1, every step of the computation. Hover a cell to see where it comes from; "
              "→ starts step mode.")
        .arg(m_head + 1);
}

void PipelineView::rebuild()
{
    m_panels = PipelineModel::build(*m_controller, m_head);
    m_ranges.assign(m_panels.size(), 1.0);
    const Mask* mask = m_controller->hasResult() ? &m_controller->engine().mask() : nullptr;
    for (std::size_t i = 0; i < m_panels.size(); ++i)
        m_ranges[i] = symmetricRange(m_panels[i], mask, m_head);
    m_images.assign(m_panels.size(), QImage());
    for (std::size_t i = 0; i < m_panels.size(); ++i)
        m_images[i] = painterFor(static_cast<int>(i)).renderCells();
    if (m_hoverPanel >= 0)
        hoverCell(m_hoverPanel, m_hoverRow, m_hoverCol);
    relayout();
    update();
}

HeatmapPainter PipelineView::painterFor(int panel) const
{
    const PipelinePanel& p = m_panels[panel];
    HeatmapPainter::Data d;
    d.values = &p.values;
    d.mask = p.masked && m_controller->hasResult() ? &m_controller->engine().mask() : nullptr;
    d.head = m_head;
    d.rowTokens = p.rowLabels;
    d.colTokens = p.colLabels;
    d.title = QStringLiteral("%1  %2").arg(p.name, p.shape());
    if (p.isSigned) {
        d.colorMap = ColorMap::byName(QStringLiteral("diverging"));
        d.vmin = -m_ranges[panel];
        d.vmax = m_ranges[panel];
    } else {
        d.colorMap = ColorMap::byName(m_controller->state().colorMap);
        d.vmin = 0.0;
        d.vmax = 1.0;
    }
    d.valuesWhenTheyFit = true;
    d.font = font();
    d.textColor = palette().color(QPalette::WindowText);
    return HeatmapPainter(std::move(d));
}

QRectF PipelineView::captionRect() const
{
    const QFontMetricsF fm(font());
    return QRectF(8, 6, width() - 16, fm.height() * 2.6 + 8);
}

void PipelineView::relayout()
{
    m_boxes.assign(m_panels.size(), QRectF());
    m_layouts.assign(m_panels.size(), HeatmapLayout());
    if (m_panels.empty())
        return;
    const QFontMetricsF fm(font());
    const double formulaH = fm.height() + 4;
    const QRectF caption = captionRect();
    const double top = caption.bottom() + 8;
    const double rowH = (height() - top - 4) / static_cast<double>(kRows.size());
    for (std::size_t r = 0; r < kRows.size(); ++r) {
        double total = 0.0;
        std::vector<double> weight;
        for (int i : kRows[r]) {
            const Matrix& v = m_panels[i].values;
            const double aspect = v.rows() ? double(v.cols()) / double(v.rows()) : 1.0;
            weight.push_back(std::clamp(aspect, 0.6, 6.0) + 0.5);
            total += weight.back();
        }
        const double avail = width() - 16 - kGap * (kRows[r].size() - 1);
        double x = 8;
        for (std::size_t k = 0; k < kRows[r].size(); ++k) {
            const int i = kRows[r][k];
            const double w = avail * weight[k] / total;
            m_boxes[i] = QRectF(x, top + r * rowH, w, rowH - 6);
            m_layouts[i] = painterFor(i).layout(m_boxes[i].adjusted(2, 2, -2, -formulaH));
            x += w + kGap;
        }
    }
}

HeatmapLayout PipelineView::panelLayout(int panel) const
{
    if (panel < 0 || panel >= static_cast<int>(m_layouts.size()))
        return {};
    return m_layouts[panel];
}

void PipelineView::hoverCell(int panel, int row, int col)
{
    m_hoverPanel = panel;
    m_hoverRow = row;
    m_hoverCol = col;
    m_highlight.clear();
    if (panel >= 0 && panel < static_cast<int>(m_panels.size()) &&
        isStepVisible(m_panels[panel].step) && row >= 0 && col >= 0 &&
        row < m_panels[panel].values.rows() && col < m_panels[panel].values.cols()) {
        const int dk = m_controller->hasResult() ? m_controller->engine().dHead() : 1;
        m_highlight = PipelineModel::sources(m_panels, panel, row, col, m_head, dk);
    } else {
        m_hoverPanel = -1;
    }
    update();
}

void PipelineView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const QColor text = palette().color(QPalette::WindowText);
    const QColor accent = palette().color(QPalette::Highlight);

    // Caption: what this step does, in one sentence.
    QFont captionFont = font();
    captionFont.setPointSizeF(font().pointSizeF() * 1.15);
    captionFont.setBold(m_stepMode);
    p.setFont(captionFont);
    p.setPen(text);
    p.drawText(captionRect(), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, captionText());

    if (m_panels.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No result to show."));
        return;
    }
    const QFontMetricsF fm(font());
    QFont formulaFont = font();
    formulaFont.setItalic(true);
    for (std::size_t i = 0; i < m_panels.size(); ++i) {
        const QRectF box = m_boxes[i];
        const bool visible = isStepVisible(m_panels[i].step);
        const bool current = m_stepMode && static_cast<int>(m_panels[i].step) == m_revealed;
        if (!visible) {
            p.setPen(QPen(palette().color(QPalette::Mid), 1.5, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box.adjusted(4, 4, -4, -4), 8, 8);
            p.setFont(font());
            p.drawText(box, Qt::AlignCenter,
                       tr("%1\n(step %2)")
                           .arg(PipelineModel::stepName(m_panels[i].step))
                           .arg(static_cast<int>(m_panels[i].step) + 1));
            continue;
        }
        if (current) {
            p.setPen(QPen(accent, 3));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box, 8, 8);
        }
        painterFor(static_cast<int>(i)).paint(p, m_layouts[i], &m_images[i]);
        p.setFont(formulaFont);
        p.setPen(text);
        p.drawText(QRectF(box.left(), box.bottom() - fm.height() - 4, box.width(), fm.height() + 4),
                   Qt::AlignCenter, m_panels[i].formula);
    }

    // Where the hovered cell came from.
    p.setBrush(Qt::NoBrush);
    for (const PanelCells& h : m_highlight) {
        if (!isStepVisible(m_panels[h.panel].step))
            continue;
        const HeatmapLayout& l = m_layouts[h.panel];
        const QRectF r = l.cellRect(h.cells.top(), h.cells.left())
                             .united(l.cellRect(h.cells.bottom(), h.cells.right()));
        QColor fill = accent;
        fill.setAlpha(60);
        p.fillRect(r, fill);
        p.setPen(QPen(accent, 2.5));
        p.drawRect(r.adjusted(-1, -1, 1, 1));
    }
    if (m_hoverPanel >= 0) {
        const QRectF r = m_layouts[m_hoverPanel].cellRect(m_hoverRow, m_hoverCol);
        p.setPen(QPen(text, 3));
        p.drawRect(r.adjusted(-1.5, -1.5, 1.5, 1.5));
    }
}

void PipelineView::resizeEvent(QResizeEvent* event)
{
    relayout();
    QWidget::resizeEvent(event);
}

void PipelineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        relayout();
    QWidget::changeEvent(event);
}

void PipelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    for (std::size_t i = 0; i < m_layouts.size(); ++i) {
        int row = 0;
        int col = 0;
        if (m_layouts[i].cellAt(pos, &row, &col) && isStepVisible(m_panels[i].step)) {
            if (static_cast<int>(i) != m_hoverPanel || row != m_hoverRow || col != m_hoverCol)
                hoverCell(static_cast<int>(i), row, col);
            return;
        }
    }
    if (m_hoverPanel >= 0)
        hoverCell(-1, -1, -1);
}

void PipelineView::leaveEvent(QEvent* event)
{
    hoverCell(-1, -1, -1);
    QWidget::leaveEvent(event);
}

void PipelineView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right:
        nextStep();
        return;
    case Qt::Key_Left:
        previousStep();
        return;
    case Qt::Key_Home:
        if (m_stepMode)
            setRevealedStep(0);
        return;
    case Qt::Key_End:
        setStepMode(false);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace attnviz::ui
