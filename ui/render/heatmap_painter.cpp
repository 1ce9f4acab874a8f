#include "heatmap_painter.h"

#include "heatmap_lod.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace attnviz::ui {

namespace {

constexpr double kMaxLabelPx = 13.0;
constexpr double kMinLabelPx = 8.0;
constexpr double kMaxLabelWidth = 96.0; // longer tokens are elided
constexpr double kGap = 4.0;

// "/" diagonals every `step` units clipped to `rect` (lines x + y = c), as one path.
QPainterPath hatchLines(const QRectF& rect, double step)
{
    QPainterPath path;
    const double x0 = rect.left(), x1 = rect.right(), y0 = rect.top(), y1 = rect.bottom();
    for (double c = x0 + y0 + step / 2; c < x1 + y1; c += step) {
        const double xa = std::max(x0, c - y1);
        const double xb = std::min(x1, c - y0);
        if (xb <= xa)
            continue;
        path.moveTo(xa, c - xa);
        path.lineTo(xb, c - xb);
    }
    return path;
}

// Labels and values grow with the base font (presentation mode uses a large one) but never
// below the sizes tuned for a 12 px desktop font.
double fontScale(const QFont& font)
{
    return std::max(1.0, QFontInfo(font).pixelSize() / 12.0);
}

QFont withPixelSize(QFont font, double px)
{
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(px))));
    return font;
}

} // namespace

QRectF HeatmapLayout::cellRect(int row, int col) const
{
    return {grid.left() + (col - view.left()) * cell, grid.top() + (row - view.top()) * cell, cell,
            cell};
}

QPointF HeatmapLayout::toCells(const QPointF& p) const
{
    if (cell <= 0.0)
        return {};
    return {view.left() + (p.x() - grid.left()) / cell, view.top() + (p.y() - grid.top()) / cell};
}

QRectF HeatmapLayout::fromCells(const QRectF& cells) const
{
    return {grid.left() + (cells.left() - view.left()) * cell,
            grid.top() + (cells.top() - view.top()) * cell, cells.width() * cell,
            cells.height() * cell};
}

int HeatmapLayout::firstRow() const
{
    return std::clamp(static_cast<int>(std::floor(view.top())), 0, rows);
}

int HeatmapLayout::endRow() const
{
    return std::clamp(static_cast<int>(std::ceil(view.bottom())), 0, rows);
}

int HeatmapLayout::firstCol() const
{
    return std::clamp(static_cast<int>(std::floor(view.left())), 0, cols);
}

int HeatmapLayout::endCol() const
{
    return std::clamp(static_cast<int>(std::ceil(view.right())), 0, cols);
}

bool HeatmapLayout::cellAt(const QPointF& p, int* row, int* col) const
{
    if (cell <= 0.0 || !grid.contains(p))
        return false;
    const QPointF c = toCells(p);
    *row = std::clamp(static_cast<int>(std::floor(c.y())), 0, rows - 1);
    *col = std::clamp(static_cast<int>(std::floor(c.x())), 0, cols - 1);
    return true;
}

double HeatmapPainter::widestLabel(const QStringList& tokens, const QFont& font)
{
    // Views lay the same tokens out again on every resize, and shaping thousands of labels is
    // the costly part: the last few measurements are kept (a list shared with the one measured
    // compares equal at once).
    struct Measured {
        QStringList tokens;
        QString font;
        double width = 0.0;
    };
    static thread_local std::array<Measured, 4> cache;
    static thread_local std::size_t next = 0;
    auto measure = [&] {
        const QFontMetricsF fm(font);
        double widest = 0.0;
        for (const QString& t : tokens)
            widest = std::max(widest, fm.horizontalAdvance(t));
        return widest;
    };
    if (tokens.size() < 64)
        return measure(); // cheap: would only push long lists out of the cache
    const QString key = font.key();
    for (const Measured& m : cache)
        if (m.font == key && m.tokens == tokens)
            return m.width;
    const double widest = measure();
    cache[next] = {tokens, key, widest};
    next = (next + 1) % cache.size();
    return widest;
}

HeatmapPainter::HeatmapPainter(Data data)
    : m_data(std::move(data))
{
}

bool HeatmapPainter::allowed(int row, int col) const
{
    return !m_data.mask || m_data.mask->empty() || m_data.mask->allowed(m_data.head, row, col);
}

QRgb HeatmapPainter::cellColor(int row, int col) const
{
    if (!allowed(row, col))
        return m_data.colorMap.maskedFill().rgb();
    return m_data.colorMap.map((*m_data.values)(row, col), m_data.vmin, m_data.vmax);
}

QImage HeatmapPainter::renderCells() const
{
    if (!m_data.values || m_data.values->size() == 0)
        return {};
    QImage image(static_cast<int>(m_data.values->cols()), static_cast<int>(m_data.values->rows()),
                 QImage::Format_RGB32);
    for (int r = 0; r < image.height(); ++r)
        renderRow(image, r);
    return image;
}

void HeatmapPainter::renderRow(QImage& image, int row) const
{
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    const int cols = image.width();
    for (int c = 0; c < cols; ++c)
        line[c] = cellColor(row, c);
}

HeatmapLayout HeatmapPainter::layout(const QRectF& bounds) const
{
    HeatmapLayout l;
    l.bounds = bounds;
    l.rows = m_data.values ? static_cast<int>(m_data.values->rows()) : m_data.shape.height();
    l.cols = m_data.values ? static_cast<int>(m_data.values->cols()) : m_data.shape.width();
    QFont titleFont = m_data.font;
    titleFont.setBold(true);
    l.titleFont = titleFont;
    const double titleH = m_data.title.isEmpty() ? 0.0 : QFontMetricsF(titleFont).height() + 6.0;
    l.title = QRectF(bounds.left(), bounds.top(), bounds.width(), titleH);
    if (l.rows == 0 || l.cols == 0)
        return l;
    const QRectF all(0, 0, l.cols, l.rows);
    l.view = m_data.view.isEmpty() ? all : m_data.view.intersected(all);
    if (l.view.isEmpty())
        l.view = all;
    const double viewCols = l.view.width();
    const double viewRows = l.view.height();

    // The label size depends on the cell size and the other way round. Text widths scale with
    // the pixel size, so the tokens are measured once (text shaping is the expensive part).
    const double grow = fontScale(m_data.font);
    const double maxLabelPx = kMaxLabelPx * grow;
    const double maxLabelWidth = kMaxLabelWidth * grow;
    const QFont reference = withPixelSize(m_data.font, maxLabelPx);
    const double widestRow = widestLabel(m_data.rowTokens, reference);
    const double widestCol =
        m_data.colTokens == m_data.rowTokens ? widestRow : widestLabel(m_data.colTokens, reference);
    double labelPx = maxLabelPx;
    double rowLabelW = 0.0;
    double colLabelH = 0.0;
    for (int pass = 0; pass < 3; ++pass) {
        const double scale = labelPx / maxLabelPx;
        rowLabelW = std::min(widestRow * scale, maxLabelWidth) + kGap * 2;
        colLabelH = std::min(widestCol * scale, maxLabelWidth) + kGap * 2;
        const double availW = std::max(1.0, bounds.width() - rowLabelW - kGap);
        const double availH = std::max(1.0, bounds.height() - titleH - colLabelH - kGap);
        l.cell = std::min(availW / viewCols, availH / viewRows);
        labelPx = std::clamp(l.cell * 0.8, kMinLabelPx, maxLabelPx);
    }
    l.labelFont = withPixelSize(m_data.font, labelPx);
    const QFontMetricsF lfm(l.labelFont);
    l.labelStep = std::max(1, static_cast<int>(std::ceil(lfm.height() * 0.95 / l.cell)));
    l.labels = l.labelStep <= std::max(1, static_cast<int>(viewRows) / 4);

    const double gridW = l.cell * viewCols;
    const double gridH = l.cell * viewRows;
    const double availW = bounds.width() - rowLabelW - kGap;
    const double left = bounds.left() + rowLabelW + std::max(0.0, (availW - gridW) / 2.0);
    l.grid = QRectF(left, bounds.top() + titleH, gridW, gridH);
    l.title = QRectF(bounds.left(), bounds.top(), bounds.width(), titleH);
    if (!m_data.title.isEmpty()) {
        // Centre the title over the cells, but keep it inside the bounds.
        const double w = std::min(bounds.width(),
                                  QFontMetricsF(titleFont).horizontalAdvance(m_data.title) + 12.0);
        const double x =
            std::clamp(l.grid.center().x() - w / 2.0, bounds.left(), bounds.right() - w);
        l.title = QRectF(x, bounds.top(), w, titleH);
    }

    l.valueFont = withPixelSize(m_data.font, std::clamp(l.cell * 0.32, 8.0, 13.0 * grow));
    const QFontMetricsF vfm(l.valueFont);
    l.showValues = m_data.values && m_data.valuesWhenTheyFit &&
                   l.cell >= vfm.horizontalAdvance(QStringLiteral("0.00")) + 4.0 &&
                   l.cell >= vfm.height() + 2.0;
    l.showGrid = l.cell >= 14.0;
    return l;
}

void HeatmapPainter::paint(QPainter& p, const HeatmapLayout& l, const QImage* cells,
                           const QRectF& cellsRange) const
{
    p.save();
    if (!m_data.title.isEmpty()) {
        p.setFont(l.titleFont);
        p.setPen(m_data.textColor);
        p.drawText(l.title, Qt::AlignCenter, m_data.title);
    }
    if (l.rows == 0 || l.cols == 0) {
        p.restore();
        return;
    }
    const QRectF all(0, 0, l.cols, l.rows);
    const bool whole = l.view == all;
    p.save();
    p.setClipRect(l.grid, Qt::IntersectClip); // a zoomed view shows parts of its edge cells
    if (m_data.vectorCells && m_data.values) {
        for (int r = l.firstRow(); r < l.endRow(); ++r)
            for (int c = l.firstCol(); c < l.endCol(); ++c)
                p.fillRect(l.cellRect(r, c), QColor(cellColor(r, c)));
    } else if (cells) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(l.fromCells(cellsRange.isEmpty() ? all : cellsRange), *cells);
    } else if (m_data.values && whole) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(l.grid, renderCells());
    } else if (m_data.values) {
        const double dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
        const QSize px = (l.grid.size() * dpr).toSize().expandedTo(QSize(1, 1));
        const LodSource source{.values = m_data.values,
                               .mask = m_data.mask,
                               .head = m_data.head,
                               .colorMap = m_data.colorMap,
                               .vmin = m_data.vmin,
                               .vmax = m_data.vmax,
                               .cancelled = {}};
        p.drawImage(l.grid, renderLod(source, l.view, px, Pooling::Max));
    }
    paintHatching(p, l);
    if (l.showGrid) {
        p.setPen(QPen(QColor(255, 255, 255, 70), 0));
        for (int r = l.firstRow() + 1; r < l.endRow(); ++r) {
            const double y = l.cellRect(r, 0).top();
            p.drawLine(QPointF(l.grid.left(), y), QPointF(l.grid.right(), y));
        }
        for (int c = l.firstCol() + 1; c < l.endCol(); ++c) {
            const double x = l.cellRect(0, c).left();
            p.drawLine(QPointF(x, l.grid.top()), QPointF(x, l.grid.bottom()));
        }
    }
    if (l.showValues)
        paintValues(p, l);
    p.restore();
    p.setPen(QPen(QColor(0, 0, 0, 110), 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(l.grid);
    paintLabels(p, l);
    p.restore();
}

void HeatmapPainter::paintHatching(QPainter& p, const HeatmapLayout& l) const
{
    if (!m_data.mask || m_data.mask->empty() || l.cell < 4.0)
        return;
    // Runs of masked cells per row: one rectangle each, so a causal mask costs one fill per row.
    const QBrush hatch(m_data.colorMap.maskedHatch(), Qt::BDiagPattern);
    // Vector output (SVG, PDF) gets the hatching as real line segments: pattern brushes are
    // device-pixel bitmaps that viewers render poorly or not at all.
    QPainterPath hatchPath;
    const int endCol = l.endCol();
    for (int r = l.firstRow(); r < l.endRow(); ++r) {
        int c = l.firstCol();
        while (c < endCol) {
            if (allowed(r, c)) {
                ++c;
                continue;
            }
            const int start = c;
            while (c < endCol && !allowed(r, c))
                ++c;
            const QRectF run = l.cellRect(r, start).united(l.cellRect(r, c - 1));
            if (m_data.vectorCells) {
                // The cells already have the marker colour: one <rect> per cell in SVG.
                hatchPath.addPath(hatchLines(run, std::max(3.0, l.cell / 3.0)));
            } else {
                p.fillRect(run, hatch);
            }
        }
    }
    if (m_data.vectorCells && !hatchPath.isEmpty()) {
        p.save();
        p.setRenderHint(QPainter::Antialiasing);
        p.strokePath(hatchPath, QPen(m_data.colorMap.maskedHatch(), std::max(0.6, l.cell / 24.0)));
        p.restore();
    }
}

void HeatmapPainter::paintValues(QPainter& p, const HeatmapLayout& l) const
{
    p.setFont(l.valueFont);
    for (int r = l.firstRow(); r < l.endRow(); ++r)
        for (int c = l.firstCol(); c < l.endCol(); ++c) {
            if (!allowed(r, c))
                continue;
            const float v = (*m_data.values)(r, c);
            p.setPen(ColorMap::textColorOn(cellColor(r, c)));
            QString text = QString::number(v, 'f', 2);
            if (text.startsWith(QLatin1String("0.")))
                text.remove(0, 1); // ".42": narrower, still unambiguous
            else if (text.startsWith(QLatin1String("-0.")))
                text.remove(1, 1);
            if (text == QLatin1String("-.00"))
                text.remove(0, 1); // rounded to zero: no sign
            p.drawText(l.cellRect(r, c), Qt::AlignCenter, text);
        }
}

void HeatmapPainter::paintLabels(QPainter& p, const HeatmapLayout& l) const
{
    if (!l.labels)
        return;
    p.setFont(l.labelFont);
    p.setPen(m_data.textColor);
    const QFontMetricsF fm(l.labelFont);
    const double lineH = fm.height();
    // Query tokens, right-aligned left of their rows; in a zoomed view only the rows shown, on
    // multiples of the step so that labels do not jump while panning.
    const int step = l.labelStep;
    auto firstLabel = [step](int first) { return (first + step - 1) / step * step; };
    for (int r = firstLabel(l.firstRow()); r < l.endRow() && r < m_data.rowTokens.size();
         r += step) {
        const QString text = fm.elidedText(m_data.rowTokens[r], Qt::ElideRight,
                                           kMaxLabelWidth * fontScale(m_data.font));
        const double cy = l.cellRect(r, 0).center().y();
        if (cy < l.grid.top() || cy > l.grid.bottom())
            continue;
        p.drawText(
            QRectF(l.bounds.left(), cy - lineH / 2, l.grid.left() - l.bounds.left() - kGap, lineH),
            Qt::AlignRight | Qt::AlignVCenter, text);
    }
    // Key tokens below their columns, rotated to read upwards and ending at the cells.
    const double colLabelH = l.bounds.bottom() - l.grid.bottom() - kGap;
    for (int c = firstLabel(l.firstCol()); c < l.endCol() && c < m_data.colTokens.size();
         c += step) {
        const QString text = fm.elidedText(m_data.colTokens[c], Qt::ElideRight,
                                           kMaxLabelWidth * fontScale(m_data.font));
        const double cx = l.cellRect(0, c).center().x();
        if (cx < l.grid.left() || cx > l.grid.right())
            continue;
        p.save();
        p.translate(cx, l.grid.bottom() + kGap);
        p.rotate(-90.0);
        p.drawText(QRectF(-colLabelH, -lineH / 2, colLabelH, lineH),
                   Qt::AlignRight | Qt::AlignVCenter, text);
        p.restore();
    }
}

} // namespace attnviz::ui
