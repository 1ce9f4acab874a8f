#include "teaching_compare.h"

#include "ui/model/attention_controller.h"
#include "ui/render/heatmap_painter.h"

#include <QPainter>
#include <exception>

namespace attnviz::ui {

namespace {

int indexOf(PostBug bug)
{
    for (std::size_t i = 0; i < TeachingCompare::kVariants.size(); ++i)
        if (TeachingCompare::kVariants[i] == bug)
            return static_cast<int>(i);
    return 0;
}

} // namespace

TeachingCompare::TeachingCompare(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    // Three extra forward passes: done when shown, not on every edit while hidden.
    connect(controller, &AttentionController::resultChanged, this, &TeachingCompare::sourceChanged);
    connect(controller, &AttentionController::rowChanged, this, &TeachingCompare::sourceChanged);
    connect(controller, &AttentionController::colorMapChanged, this,
            qOverload<>(&TeachingCompare::update));
    recompute();
}

void TeachingCompare::sourceChanged()
{
    m_stale = true;
    if (isVisible())
        recompute();
}

void TeachingCompare::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        recompute();
}

void TeachingCompare::ensureFresh() const
{
    if (m_stale)
        const_cast<TeachingCompare*>(this)->recompute();
}

const AttentionEngine& TeachingCompare::variant(PostBug bug) const
{
    ensureFresh();
    return m_engines[indexOf(bug)];
}

void TeachingCompare::setHead(int head)
{
    m_head = head;
    update();
}

void TeachingCompare::recompute()
{
    m_stale = false;
    const AttentionController& c = *m_controller;
    if (!c.hasResult() || !c.input() || !c.attentionWeights())
        return;
    // Three extra full passes are a classroom comparison, not for long sequences: at L = 4096,
    // H = 16 each holds 1 GiB. Above the limit the comparison stays empty (and frees its memory).
    constexpr double kMaxCompareFloats = 8.0 * 1024 * 1024;
    if (double(c.engine().heads()) * c.engine().queryLength() * c.engine().keyLength() >
        kMaxCompareFloats) {
        m_engines = {};
        update();
        return;
    }
    const Matrix& x = *c.input();
    try {
        for (std::size_t i = 0; i < kVariants.size(); ++i)
            computeWithPostBug(m_engines[i], kVariants[i], x, x, *c.attentionWeights(),
                               c.engine().mask(), c.engine().options());
    } catch (const std::exception&) {
        return; // the controller reports bad input; keep the last comparison
    }
    update();
    emit recomputed();
}

QString TeachingCompare::title(PostBug bug)
{
    switch (bug) {
    case PostBug::None:
        return tr("Correct");
    case PostBug::MaskDiscarded:
        return tr("(a) mask discarded");
    case PostBug::QueryProjectionForKeyValue:
        return tr("(b) K, V = q_proj");
    }
    return {};
}

QString TeachingCompare::summary() const
{
    ensureFresh();
    const AttentionEngine& ok = m_engines[0];
    if (!ok.hasResult() || m_head >= ok.heads())
        return {};
    const Mask& mask = ok.mask();
    // Weight the buggy pass puts on blocked keys (the correct pass puts ~0 there).
    double leaked = 0.0;
    const Matrix& a = m_engines[1].weights(m_head);
    for (int i = 0; i < a.rows(); ++i)
        for (int j = 0; j < a.cols(); ++j)
            if (!mask.empty() && !mask.allowed(m_head, i, j))
                leaked += a(i, j);
    leaked /= std::max<Eigen::Index>(1, a.rows());
    const double diffB =
        (m_engines[2].weights(m_head) - ok.weights(m_head)).cwiseAbs().rowwise().sum().mean() / 2;
    return tr("Bug (a) gives on average <b>%1%</b> of each row's attention to keys the mask "
              "should hide (the future, under a causal mask). Bug (b) moves <b>%2%</b> of each "
              "row's attention to other keys, because the scores become Q Qᵀ (symmetric).")
        .arg(leaked * 100.0, 0, 'f', 0)
        .arg(diffB * 100.0, 0, 'f', 0);
}

void TeachingCompare::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    if (!m_engines[0].hasResult() || m_head >= m_engines[0].heads())
        return;
    // One row of three, a 2 + 1 grid or a column: whichever gives the largest heatmaps.
    const int n = static_cast<int>(kVariants.size());
    int columns = n;
    double best = 0.0;
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double side = std::min(width() / double(c), height() / double(rows));
        if (side > best) {
            best = side;
            columns = c;
        }
    }
    const int rows = (n + columns - 1) / columns;
    const double w = width() / double(columns);
    const double h = height() / double(rows);
    for (std::size_t i = 0; i < kVariants.size(); ++i) {
        const QRectF box(static_cast<int>(i) % columns * w + 4,
                         static_cast<int>(i) / columns * h + 4, w - 12, h - 8);
        const AttentionEngine& e = m_engines[i];
        HeatmapPainter::Data d;
        d.values = &e.weights(m_head);
        // Bug (a) ran without a mask: show its cells unhatched, that is the point.
        d.mask = kVariants[i] == PostBug::MaskDiscarded ? nullptr : &e.mask();
        d.head = m_head;
        d.rowTokens = m_controller->tokens();
        d.colTokens = m_controller->keyTokens();
        d.title = title(kVariants[i]);
        d.vmin = 0.0;
        d.vmax = 1.0;
        d.colorMap = ColorMap::byName(m_controller->state().colorMap);
        d.font = font();
        d.textColor = palette().color(QPalette::WindowText);
        HeatmapPainter(std::move(d)).paint(p, box);
    }
}

} // namespace attnviz::ui
