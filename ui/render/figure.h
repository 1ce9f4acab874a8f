#pragma once

#include "attention/engine.h"
#include "color_map.h"
#include "heatmap_painter.h"
#include "mask/mask.h"

#include <QFont>
#include <QSizeF>
#include <QStringList>
#include <optional>
#include <vector>

class QPainter;

namespace attnviz::ui {

// Which stage of the computation a figure shows.
enum class Stage {
    Weights, // softmax weights, L×S per head
    Scores,  // scaled scores before masking (signed)
    Masked,  // scaled scores after masking (blocked cells hatched)
    Output,  // head output A·V, L×d_k (columns are dimensions, not tokens)
};
QString toString(Stage stage);
std::optional<Stage> stageFromString(const QString& name);
QStringList stageNames();
bool isSigned(Stage stage);

struct FigurePanel {
    Matrix values;
    int head = 0; // mask plane
    QString title;
};

// A self-contained description of what to draw: one or more heatmaps that share tokens, mask,
// colour scale and legend. Copies the numbers, so it outlives the engine it came from.
struct Figure {
    QString title;
    std::vector<FigurePanel> panels;
    Mask mask; // empty: nothing hatched
    QStringList rowTokens;
    QStringList colTokens;
    double vmin = 0.0;
    double vmax = 1.0;
    ColorMap colorMap = ColorMap::byName(ColorMap::defaultName());
    QString legendTitle;
    bool showValues = true;
    QFont font;
};

// The heads of `heads` (indices; empty = all) at `stage`, rows labelled with the query tokens
// and columns with the key tokens (the same list for self-attention). An empty colour map name
// picks viridis for weights and the diverging map for signed stages.
Figure makeFigure(const AttentionEngine& engine, const QStringList& queryTokens,
                  const QStringList& keyTokens, Stage stage, const std::vector<int>& heads,
                  const QString& colorMap);
// Precomputed attention (already L×S weights per head), e.g. read from a .npy file.
Figure makeFigure(const std::vector<Matrix>& weights, const QStringList& rowTokens,
                  const QStringList& colTokens, const std::vector<int>& heads,
                  const QString& colorMap);

// Lays a figure out (title, a grid of heatmaps, one colour bar) and paints it through
// HeatmapPainter and Legend: the drawing path of the screen, used for every
// export format. Units are pixels at scale 1 (= points in PDF).
class FigureRenderer {
public:
    explicit FigureRenderer(const Figure& figure);

    QSizeF naturalSize() const { return m_size; }
    // Paints into `target`, scaled uniformly from the natural size.
    void paint(QPainter& painter, const QRectF& target) const;
    // Number of panel columns in the grid.
    int columns() const { return m_columns; }
    // Where cell (row, col) of panel `panel` lands, in figure units (tests, hit testing).
    QRectF cellRect(int panel, int row, int col) const;

private:
    double top() const;
    QRectF panelBounds(int panel) const;
    HeatmapPainter panelPainter(int panel) const;

    const Figure& m_figure;
    QSizeF m_panel;
    QSizeF m_size;
    int m_columns = 1;
    int m_rows = 1;
};

} // namespace attnviz::ui
