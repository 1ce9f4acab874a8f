#include "figure.h"

#include "heatmap_painter.h"
#include "legend.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attnviz::ui {

namespace {

constexpr double kMargin = 16.0;
constexpr double kLegendWidth = 104.0;
constexpr double kPanelGap = 18.0;
const QColor kTextColor(0x20, 0x20, 0x20);

// Steps of 0.05 for weights (as the screen legend), of one significant digit otherwise.
double niceUpper(double v)
{
    if (!(v > 0.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    return std::ceil(v / magnitude * 2.0 - 1e-6) / 2.0 * magnitude;
}

QFont figureFont()
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(13);
    return font;
}

QStringList dimensionLabels(int count)
{
    QStringList labels;
    for (int i = 0; i < count; ++i)
        labels << QString::number(i);
    return labels;
}

// Value range of the cells that are drawn as values (blocked cells are hatched instead).
void valueRange(const Figure& f, bool maskAware, double* lo, double* hi)
{
    *lo = std::numeric_limits<double>::infinity();
    *hi = -std::numeric_limits<double>::infinity();
    for (const FigurePanel& p : f.panels)
        for (int r = 0; r < p.values.rows(); ++r)
            for (int c = 0; c < p.values.cols(); ++c) {
                if (maskAware && !f.mask.empty() && !f.mask.allowed(p.head, r, c))
                    continue;
                *lo = std::min(*lo, double(p.values(r, c)));
                *hi = std::max(*hi, double(p.values(r, c)));
            }
    if (!std::isfinite(*lo) || !std::isfinite(*hi)) {
        *lo = 0.0;
        *hi = 1.0;
    }
}

void setRange(Figure& f, Stage stage)
{
    double lo = 0.0;
    double hi = 1.0;
    valueRange(f, stage == Stage::Masked || stage == Stage::Weights, &lo, &hi);
    if (!isSigned(stage)) {
        f.vmin = 0.0;
        f.vmax = std::clamp(std::ceil(hi * 20.0 - 1e-4) / 20.0, 0.05, 1.0);
    } else if (f.colorMap.isDiverging()) {
        // Centred on zero so that white means 0 and the two hues compare fairly.
        const double m = niceUpper(std::max(std::abs(lo), std::abs(hi)));
        f.vmin = -m;
        f.vmax = m;
    } else {
        f.vmin = lo;
        f.vmax = hi > lo ? hi : lo + 1.0;
    }
}

QString legendTitle(Stage stage)
{
    switch (stage) {
    case Stage::Weights:
        return QObject::tr("weight");
    case Stage::Scores:
        return QObject::tr("scaled score");
    case Stage::Masked:
        return QObject::tr("masked score");
    case Stage::Output:
        return QObject::tr("head output");
    }
    return {};
}

std::vector<int> pickHeads(const std::vector<int>& heads, int count)
{
    if (!heads.empty())
        return heads;
    std::vector<int> all(count);
    for (int h = 0; h < count; ++h)
        all[h] = h;
    return all;
}

} // namespace

QString toString(Stage stage)
{
    return stageNames().at(static_cast<int>(stage));
}

QStringList stageNames()
{
    return {QStringLiteral("weights"), QStringLiteral("scores"), QStringLiteral("masked"),
            QStringLiteral("output")};
}

std::optional<Stage> stageFromString(const QString& name)
{
    const int i = stageNames().indexOf(name);
    if (i < 0)
        return std::nullopt;
    return static_cast<Stage>(i);
}

bool isSigned(Stage stage)
{
    return stage != Stage::Weights;
}

Figure makeFigure(const AttentionEngine& engine, const QStringList& queryTokens,
                  const QStringList& keyTokens, Stage stage, const std::vector<int>& heads,
                  const QString& colorMap)
{
    Figure f;
    f.font = figureFont();
    const QString map =
        colorMap.isEmpty() ? (isSigned(stage) ? QStringLiteral("diverging") : QString()) : colorMap;
    f.colorMap = ColorMap::byName(map);
    f.rowTokens = queryTokens;
    f.colTokens = stage == Stage::Output ? dimensionLabels(engine.dHead()) : keyTokens;
    if (stage == Stage::Weights || stage == Stage::Masked)
        f.mask = engine.mask();
    f.legendTitle = legendTitle(stage);
    for (int h : pickHeads(heads, engine.heads())) {
        FigurePanel p;
        p.head = h;
        p.title = QObject::tr("Head %1").arg(h + 1);
        switch (stage) {
        case Stage::Weights:
            p.values = engine.weights(h);
            break;
        case Stage::Scores:
            p.values = engine.scaledScores(h);
            break;
        case Stage::Masked:
            p.values = engine.maskedScores(h);
            break;
        case Stage::Output:
            p.values = engine.headOutput(h);
            break;
        }
        f.panels.push_back(std::move(p));
    }
    setRange(f, stage);
    return f;
}

Figure makeFigure(const std::vector<Matrix>& weights, const QStringList& rowTokens,
                  const QStringList& colTokens, const std::vector<int>& heads,
                  const QString& colorMap)
{
    Figure f;
    f.font = figureFont();
    f.colorMap = ColorMap::byName(colorMap);
    f.rowTokens = rowTokens;
    f.colTokens = colTokens;
    f.legendTitle = legendTitle(Stage::Weights);
    for (int h : pickHeads(heads, static_cast<int>(weights.size())))
        f.panels.push_back({weights.at(h), h, QObject::tr("Head %1").arg(h + 1)});
    setRange(f, Stage::Weights);
    return f;
}

FigureRenderer::FigureRenderer(const Figure& figure)
    : m_figure(figure)
{
    const int n = std::max<int>(1, static_cast<int>(figure.panels.size()));
    m_columns = static_cast<int>(std::ceil(std::sqrt(double(n))));
    m_rows = (n + m_columns - 1) / m_columns;
    const int rows = figure.panels.empty() ? 1 : static_cast<int>(figure.panels[0].values.rows());
    const int cols = figure.panels.empty() ? 1 : static_cast<int>(figure.panels[0].values.cols());
    // Cells large enough for printed values when the matrix is small, never below 5 px.
    const double budget = n == 1 ? 520.0 : 340.0;
    const double cell = std::clamp(budget / std::max(rows, cols), 5.0, 36.0);
    const double labelPx = std::clamp(cell * 0.8, 8.0, 13.0);
    QFont labelFont = figure.font;
    labelFont.setPixelSize(static_cast<int>(std::lround(labelPx)));
    const QFontMetricsF fm(labelFont);
    auto widest = [&fm](const QStringList& tokens) {
        double w = 0.0;
        for (const QString& t : tokens)
            w = std::max(w, fm.horizontalAdvance(t));
        return std::min(w, 96.0) + 12.0;
    };
    QFont bold = figure.font;
    bold.setBold(true);
    const double titleH = QFontMetricsF(bold).height() + 8.0;
    m_panel = QSizeF(widest(figure.rowTokens) + cols * cell + 8.0,
                     titleH + rows * cell + widest(figure.colTokens) + 4.0);
    const double gridW = m_columns * m_panel.width() + (m_columns - 1) * kPanelGap;
    const double gridH = m_rows * m_panel.height() + (m_rows - 1) * kPanelGap;
    const double figureTitleH = figure.title.isEmpty() ? 0.0 : 30.0;
    m_size = QSizeF(std::ceil(kMargin * 2 + gridW + kPanelGap + kLegendWidth),
                    std::ceil(kMargin * 2 + figureTitleH + std::max(gridH, 240.0)));
}

double FigureRenderer::top() const
{
    return kMargin + (m_figure.title.isEmpty() ? 0.0 : 30.0);
}

QRectF FigureRenderer::panelBounds(int panel) const
{
    const int column = panel % m_columns;
    const int row = panel / m_columns;
    return {kMargin + column * (m_panel.width() + kPanelGap),
            top() + row * (m_panel.height() + kPanelGap), m_panel.width(), m_panel.height()};
}

HeatmapPainter FigureRenderer::panelPainter(int panel) const
{
    const FigurePanel& fp = m_figure.panels.at(panel);
    HeatmapPainter::Data d;
    d.values = &fp.values;
    d.mask = m_figure.mask.empty() ? nullptr : &m_figure.mask;
    d.head = fp.head;
    d.rowTokens = m_figure.rowTokens;
    d.colTokens = m_figure.colTokens;
    d.title = fp.title;
    d.vmin = m_figure.vmin;
    d.vmax = m_figure.vmax;
    d.colorMap = m_figure.colorMap;
    d.valuesWhenTheyFit = m_figure.showValues;
    d.vectorCells = true;
    d.font = m_figure.font;
    d.textColor = kTextColor;
    return HeatmapPainter(std::move(d));
}

QRectF FigureRenderer::cellRect(int panel, int row, int col) const
{
    const HeatmapPainter painter = panelPainter(panel);
    return painter.layout(panelBounds(panel)).cellRect(row, col);
}

void FigureRenderer::paint(QPainter& p, const QRectF& target) const
{
    p.save();
    const double s = std::min(target.width() / m_size.width(), target.height() / m_size.height());
    p.translate(target.topLeft());
    p.scale(s, s);
    p.fillRect(QRectF(QPointF(0, 0), m_size), Qt::white);
    const QColor& text = kTextColor;

    double y = kMargin;
    if (!m_figure.title.isEmpty()) {
        QFont titleFont = m_figure.font;
        titleFont.setPixelSize(16);
        titleFont.setBold(true);
        p.setFont(titleFont);
        p.setPen(text);
        p.drawText(QRectF(kMargin, y, m_size.width() - 2 * kMargin, 24.0),
                   Qt::AlignLeft | Qt::AlignVCenter, m_figure.title);
        y += 30.0;
    }
    for (int i = 0; i < static_cast<int>(m_figure.panels.size()); ++i)
        panelPainter(i).paint(p, panelBounds(i));
    const double gridW = m_columns * m_panel.width() + (m_columns - 1) * kPanelGap;
    const double legendH =
        std::clamp(m_rows * m_panel.height(), 240.0, std::max(240.0, m_size.height() - y));
    Legend::paint(p, QRectF(kMargin + gridW + kPanelGap, y, kLegendWidth, std::min(legendH, 420.0)),
                  m_figure.colorMap, m_figure.vmin, m_figure.vmax, m_figure.legendTitle,
                  m_figure.font, text);
    p.restore();
}

} // namespace attnviz::ui
