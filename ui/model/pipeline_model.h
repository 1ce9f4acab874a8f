#pragma once

#include "attention/matrix.h"
#include "mask/mask.h"

#include <QCoreApplication>
#include <QRect>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace attnviz::ui {

class AttentionController;

// The steps of one head's computation, in the order step mode reveals them.
enum class PipelineStep {
    Input,       // X
    Projections, // Q, K, V
    Scores,      // Q Kᵀ
    Scaled,      // ÷ √d_k (÷ T)
    Masked,      // blocked scores replaced by the fill
    Softmax,     // attention weights
    HeadOutput,  // A · V
    Concat,      // heads side by side
    Output,      // · W_oᵀ + b_o
};
inline constexpr int kPipelineSteps = 9;

// One heatmap of the pipeline: a copy of a stage of the displayed result.
struct PipelinePanel {
    PipelineStep step = PipelineStep::Input;
    QString name;    // e.g. "Kᵀ"
    QString formula; // e.g. "K = X W_kᵀ + b_k"
    Matrix values;
    QStringList rowLabels;
    QStringList colLabels;
    bool isSigned = true; // diverging colours centred on zero; else 0 … 1 (the weights)
    bool masked = false;  // draw the engine's mask of this head over it

    QString shape() const { return QStringLiteral("%1×%2").arg(values.rows()).arg(values.cols()); }
};

// A block of cells of one panel (x = column, y = row).
struct PanelCells {
    int panel = 0;
    QRect cells;
};

// Builds the panels of one head from the controller's current result, and knows which cells of
// the earlier panels each cell was computed from.
class PipelineModel {
    Q_DECLARE_TR_FUNCTIONS(PipelineModel)
public:
    // Empty when there is no result or the head does not exist.
    static std::vector<PipelinePanel> build(const AttentionController& controller, int head);

    // The cells of the directly preceding panels that `cell` of panel `panel` depends on.
    static std::vector<PanelCells> sources(const std::vector<PipelinePanel>& panels, int panel,
                                           int row, int col, int head, int dHead);

    static QString stepName(PipelineStep step);
    // One sentence that says what happens at this step (step mode caption).
    static QString caption(PipelineStep step);
    static QString stepKey(PipelineStep step); // stable name for lesson files, e.g. "softmax"
    static std::optional<PipelineStep> stepFromKey(const QString& key);
};

} // namespace attnviz::ui
