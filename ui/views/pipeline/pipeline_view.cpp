#include "pipeline_view.h"

#include "ui/model/attention_controller.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnviz::ui {

namespace {

// Panels per row of the layout: projections, the L×L stages, the outputs.
const std::vector<std::vector<int>> kRows = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10}};
constexpr double kGap = 14.0;

// Largest finite |value| over the cells a viewer can see (masked cells hold the fill).
double symmetricRange(const PipelinePanel& p, const Mask* mask, int head)
{
    const bool masked = p.masked && mask && !mask->empty();
    double m = 0.0;
    for (Eigen::Index r = 0; r < p.values.rows(); ++r) {
        const std::uint8_t* allowed = masked ? mask->rowData(head, static_cast<int>(r)) : nullptr;
        for (Eigen::Index c = 0; c < p.values.cols(); ++c) {
            if (allowed && !allowed[c])
                continue;
            const double v = std::abs(p.values(r, c));
            if (std::isfinite(v) && v < 1e8)
                m = std::max(m, v);
        }
    }
    return m > 0.0 ? m : 1.0;
}

} // namespace

PipelineView::PipelineView(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_panels(std::make_shared<const std::vector<PipelinePanel>>())
    , m_images(new PipelineImages(this))
{
    connect(m_images, &PipelineImages::ready, this, qOverload<>(&QWidget::update));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    // Every panel is a full stage of the head: rebuilt when shown, not on every edit while hidden
    // behind another tab (a click on the heatmaps must not pay for it).
    connect(controller, &AttentionController::resultChanged, this, &PipelineView::sourceChanged);
    connect(controller, &AttentionController::rowChanged, this, &PipelineView::sourceChanged);
    connect(controller, &AttentionController::colorMapChanged, this, &PipelineView::sourceChanged);
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
    if (m_controller->isReleased())
        return m_controller->releasedNote();
    if (m_hoverPanel >= 0 && m_hoverPanel < static_cast<int>(m_panels->size())) {
        const PipelinePanel& p = panelAt(m_hoverPanel);
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

void PipelineView::sourceChanged()
{
    m_stale = true;
    // While the result is released for a recompute the panels keep the last one.
    if (isVisible() && !m_controller->isReleased())
        rebuild();
}

void PipelineView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuild();
}

void PipelineView::ensureFresh() const
{
    if (m_stale)
        const_cast<PipelineView*>(this)->rebuild();
}

const std::vector<PipelinePanel>& PipelineView::panels() const
{
    ensureFresh();
    return *m_panels;
}

void PipelineView::rebuild()
{
    m_stale = false;
    m_panels = std::make_shared<const std::vector<PipelinePanel>>(
        PipelineModel::build(*m_controller, m_head));
    // A copy on write: shares the engine's storage until either is edited.
    m_mask = m_controller->hasResult() ? std::make_shared<const Mask>(m_controller->engine().mask())
                                       : nullptr;
    m_ranges.assign(m_panels->size(), 1.0);
    for (std::size_t i = 0; i < m_panels->size(); ++i)
        m_ranges[i] = symmetricRange(panelAt(i), m_mask.get(), m_head);
    if (m_hoverPanel >= 0)
        hoverCell(m_hoverPanel, m_hoverRow, m_hoverCol);
    relayout();
    update();
}

HeatmapPainter PipelineView::painterFor(int panel) const
{
    const PipelinePanel& p = panelAt(panel);
    HeatmapPainter::Data d;
    d.values = &p.values;
    d.mask = p.masked ? m_mask.get() : nullptr;
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

void PipelineView::setPooling(Pooling pooling)
{
    if (pooling == m_pooling)
        return;
    m_pooling = pooling;
    m_imagesDirty = true;
    update();
}

void PipelineView::ensureImages(bool now)
{
    if (!m_imagesDirty)
        return;
    m_imagesDirty = false;
    const double dpr = devicePixelRatioF();
    std::vector<PipelineImages::Target> targets(m_panels->size());
    for (std::size_t i = 0; i < m_panels->size(); ++i) {
        const HeatmapLayout& l = m_layouts[i];
        const HeatmapPainter painter = painterFor(static_cast<int>(i));
        const HeatmapPainter::Data& d = painter.data();
        targets[i] = {.source = {.values = nullptr,
                                 .mask = nullptr,
                                 .head = d.head,
                                 .colorMap = d.colorMap,
                                 .vmin = d.vmin,
                                 .vmax = d.vmax,
                                 .cancelled = {}},
                      .masked = d.mask != nullptr,
                      .cells = l.view,
                      .pixels = (l.grid.size() * dpr).toSize().expandedTo(QSize(1, 1))};
    }
    m_images->render(m_panels, m_mask, std::move(targets), m_pooling, now);
}

const QImage& PipelineView::panelImage(int panel) const
{
    ensureFresh();
    auto* self = const_cast<PipelineView*>(this);
    if (m_images->isRendering())
        self->m_imagesDirty = true;
    self->ensureImages(true);
    return m_images->image(panel);
}

void PipelineView::relayout()
{
    m_imagesDirty = true;
    m_boxes.assign(m_panels->size(), QRectF());
    m_layouts.assign(m_panels->size(), HeatmapLayout());
    m_formulaY.assign(m_panels->size(), 0.0);
    if (m_panels->empty())
        return;
    const QFontMetricsF fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF bfm(bold);
    const double formulaH = fm.height() + 6;
    const double top = captionRect().bottom() + 8;
    const double avail = std::max(60.0, height() - top - 4);
    auto widest = [&](const QStringList& labels) {
        const double w = HeatmapPainter::widestLabel(labels, font());
        return labels.isEmpty() ? 0.0 : std::min(w, 8.0 * fm.averageCharWidth()) + 10.0;
    };

    // Widths: by aspect ratio, but never narrower than the panel's title and formula.
    std::vector<std::vector<double>> widths(kRows.size());
    std::vector<double> need(kRows.size(), 0.0);
    for (std::size_t r = 0; r < kRows.size(); ++r) {
        std::vector<double> weight, minimum;
        double total = 0.0;
        for (int i : kRows[r]) {
            const PipelinePanel& p = panelAt(i);
            const double aspect =
                p.values.rows() ? double(p.values.cols()) / double(p.values.rows()) : 1.0;
            weight.push_back(std::clamp(aspect, 0.6, 6.0) + 0.5);
            total += weight.back();
            minimum.push_back(
                std::max({fm.horizontalAdvance(p.formula),
                          bfm.horizontalAdvance(p.name + QStringLiteral("  ") + p.shape())}) +
                16.0);
        }
        const double rowW = width() - 16 - kGap * (kRows[r].size() - 1);
        double fixed = 0.0;
        double freeWeight = 0.0;
        for (std::size_t k = 0; k < weight.size(); ++k) {
            if (rowW * weight[k] / total < minimum[k])
                fixed += minimum[k];
            else
                freeWeight += weight[k];
        }
        for (std::size_t k = 0; k < weight.size(); ++k) {
            const double w = rowW * weight[k] / total < minimum[k]
                                 ? minimum[k]
                                 : (rowW - fixed) * weight[k] / std::max(1e-9, freeWeight);
            widths[r].push_back(w);
            // Height this panel wants at that width: title, square cells, key labels, formula.
            const PipelinePanel& p = panelAt(kRows[r][k]);
            const double cell = std::max(1.0, (w - widest(p.rowLabels)) /
                                                  std::max<Eigen::Index>(1, p.values.cols()));
            need[r] = std::max(need[r], bfm.height() + 6 + cell * p.values.rows() +
                                            widest(p.colLabels) + formulaH + 8);
        }
    }
    // Rows get what they need and share the spare room. Short of room, no row gets more than
    // an equal share unless others leave some: long sequences make the X, Q and V panels
    // thousands of rows tall, and a proportional share would leave the L×L panels a few pixels.
    const std::size_t rows = kRows.size();
    double totalNeed = 0.0;
    for (double n : need)
        totalNeed += n;
    std::vector<double> heights(rows);
    if (totalNeed <= avail) {
        for (std::size_t r = 0; r < rows; ++r)
            heights[r] = need[r] + (avail - totalNeed) / rows;
    } else {
        std::vector<std::size_t> order(rows);
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return need[a] < need[b]; });
        double left = avail;
        for (std::size_t k = 0; k < rows; ++k) {
            heights[order[k]] = std::min(need[order[k]], left / (rows - k));
            left -= heights[order[k]];
        }
    }
    double y = top;
    for (std::size_t r = 0; r < rows; ++r) {
        const double rowH = heights[r];
        double x = 8;
        for (std::size_t k = 0; k < kRows[r].size(); ++k) {
            const int i = kRows[r][k];
            m_boxes[i] = QRectF(x, y, widths[r][k], rowH - 6);
            const HeatmapLayout l = painterFor(i).layout(m_boxes[i].adjusted(2, 2, -2, -formulaH));
            m_layouts[i] = l;
            // The formula sits right under the cells and their key labels.
            double labels = 4.0;
            if (!panelAt(i).colLabels.isEmpty() && l.labels) {
                const double w = HeatmapPainter::widestLabel(panelAt(i).colLabels, l.labelFont);
                labels = std::min(w, l.bounds.bottom() - l.grid.bottom()) + 8.0;
            }
            m_formulaY[i] = std::min(l.grid.bottom() + labels, m_boxes[i].bottom() - formulaH);
            x += widths[r][k] + kGap;
        }
        y += rowH;
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
    ensureFresh();
    m_hoverPanel = panel;
    m_hoverRow = row;
    m_hoverCol = col;
    m_highlight.clear();
    if (m_controller->hasResult() && panel >= 0 && panel < static_cast<int>(m_panels->size()) &&
        isStepVisible(panelAt(panel).step) && row >= 0 && col >= 0 &&
        row < panelAt(panel).values.rows() && col < panelAt(panel).values.cols()) {
        m_highlight = PipelineModel::sources(*m_panels, panel, row, col, m_head,
                                             m_controller->engine().dHead());
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

    if (m_panels->empty()) {
        p.drawText(rect(), Qt::AlignCenter,
                   m_controller->isReleased() ? QString() : tr("No result to show."));
        return;
    }
    ensureImages(false);
    const QFontMetricsF fm(font());
    QFont formulaFont = font();
    formulaFont.setItalic(true);
    for (std::size_t i = 0; i < m_panels->size(); ++i) {
        const QRectF box = m_boxes[i];
        const bool visible = isStepVisible(panelAt(i).step);
        const bool current = m_stepMode && static_cast<int>(panelAt(i).step) == m_revealed;
        if (!visible) {
            p.setPen(QPen(palette().color(QPalette::Mid), 1.5, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box.adjusted(4, 4, -4, -4), 8, 8);
            p.setFont(font());
            p.drawText(box.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("%1\n(step %2)")
                           .arg(PipelineModel::stepName(panelAt(i).step))
                           .arg(static_cast<int>(panelAt(i).step) + 1));
            continue;
        }
        if (current) {
            p.setPen(QPen(accent, 3));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box, 8, 8);
        }
        painterFor(static_cast<int>(i))
            .paint(p, m_layouts[i], &m_images->image(static_cast<int>(i)), m_layouts[i].view);
        p.setFont(formulaFont);
        p.setPen(text);
        p.drawText(QRectF(box.left(), m_formulaY[i], box.width(), fm.height() + 4), Qt::AlignCenter,
                   panelAt(i).formula);
    }

    // Where the hovered cell came from.
    p.setBrush(Qt::NoBrush);
    for (const PanelCells& h : m_highlight) {
        if (!isStepVisible(panelAt(h.panel).step))
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
        if (m_layouts[i].cellAt(pos, &row, &col) && isStepVisible(panelAt(i).step)) {
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
