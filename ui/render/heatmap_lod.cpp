#include "heatmap_lod.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace attnviz::ui {

namespace {

// Cells [first, last) that pixel i of n covers in the range [origin, origin + span) of `count`.
struct Span {
    int first = 0;
    int last = 0;
};

Span cellSpan(double origin, double span, int n, int i, int count)
{
    const double step = span / n;
    int first = static_cast<int>(std::floor(origin + i * step));
    int last = static_cast<int>(std::ceil(origin + (i + 1) * step - 1e-9));
    first = std::clamp(first, 0, count - 1);
    last = std::clamp(std::max(last, first + 1), first + 1, count);
    return {first, last};
}

} // namespace

double lodCost(const QRectF& cells, QSize pixels)
{
    const double w = std::max(cells.width(), static_cast<double>(pixels.width()));
    const double h = std::max(cells.height(), static_cast<double>(pixels.height()));
    return w * h;
}

bool lodRowsOf(const QRectF& cells, int height, int row, int* firstY, int* lastY)
{
    if (height <= 0 || cells.height() <= 0.0 || row + 1 <= cells.top() || row >= cells.bottom())
        return false;
    const double perPixel = cells.height() / height;
    *firstY =
        std::clamp(static_cast<int>(std::floor((row - cells.top()) / perPixel)) - 1, 0, height - 1);
    *lastY = std::clamp(static_cast<int>(std::ceil((row + 1 - cells.top()) / perPixel)) + 1, 0,
                        height - 1);
    return true;
}

namespace {

// Pixel rows [firstY, lastY] into `bits` (width × height pixels, `stride` bytes a line).
void renderRows(const LodSource& s, const QRectF& cells, Pooling pooling, uchar* bits,
                qsizetype stride, int width, int height, int firstY, int lastY)
{
    const int rows = static_cast<int>(s.values->rows());
    const int cols = static_cast<int>(s.values->cols());
    const bool masked = s.mask && !s.mask->empty();
    const QRgb maskedColor = s.colorMap.maskedFill().rgb();

    std::vector<Span> colSpans(width);
    for (int x = 0; x < width; ++x)
        colSpans[x] = cellSpan(cells.left(), cells.width(), width, x, cols);
    std::vector<float> best(width);
    std::vector<double> sum(width);
    std::vector<int> count(width);

    for (int y = firstY; y <= lastY; ++y) {
        if (s.cancelled && s.cancelled())
            return;
        const Span rowSpan = cellSpan(cells.top(), cells.height(), height, y, rows);
        std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(count.begin(), count.end(), 0);
        for (int r = rowSpan.first; r < rowSpan.last; ++r) {
            const float* v = s.values->row(r).data();
            const std::uint8_t* m = masked ? s.mask->rowData(s.head, r) : nullptr;
            for (int x = 0; x < width; ++x) {
                const Span c = colSpans[x];
                float b = best[x];
                double acc = 0.0;
                int n = 0;
                for (int k = c.first; k < c.last; ++k) {
                    if (m && !m[k])
                        continue;
                    b = std::max(b, v[k]);
                    acc += v[k];
                    ++n;
                }
                best[x] = b;
                sum[x] += acc;
                count[x] += n;
            }
        }
        auto* line = reinterpret_cast<QRgb*>(bits + y * stride);
        for (int x = 0; x < width; ++x) {
            if (count[x] == 0) {
                line[x] = maskedColor;
                continue;
            }
            const double value = pooling == Pooling::Max ? best[x] : sum[x] / count[x];
            line[x] = s.colorMap.map(static_cast<float>(value), s.vmin, s.vmax);
        }
    }
}

} // namespace

void renderLodRows(const LodSource& s, const QRectF& cells, Pooling pooling, QImage& image,
                   int firstY, int lastY)
{
    if (!s.values || s.values->size() == 0 || image.isNull())
        return;
    firstY = std::max(firstY, 0);
    lastY = std::min(lastY, image.height() - 1);
    if (firstY > lastY)
        return;
    uchar* bits = image.bits(); // detaches once, here, not per row
    const qsizetype stride = image.bytesPerLine();
    const int width = image.width();
    const int height = image.height();
    // One thread: background renders already run on the pool, one job per head and panel.
    renderRows(s, cells, pooling, bits, stride, width, height, firstY, lastY);
}

QImage renderLod(const LodSource& source, const QRectF& cells, QSize pixels, Pooling pooling)
{
    if (!source.values || source.values->size() == 0 || pixels.isEmpty() || cells.isEmpty())
        return {};
    QImage image(pixels, QImage::Format_RGB32);
    renderLodRows(source, cells, pooling, image, 0, pixels.height() - 1);
    if (source.cancelled && source.cancelled())
        return {};
    return image;
}

} // namespace attnviz::ui
