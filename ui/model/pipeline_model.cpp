#include "pipeline_model.h"

#include "attention_controller.h"

namespace attnviz::ui {

namespace {

constexpr const char* kKeys[kPipelineSteps] = {"input",       "projections", "scores",
                                               "scaled",      "masked",      "softmax",
                                               "head-output", "concat",      "output"};

} // namespace

std::vector<PipelinePanel> PipelineModel::build(const AttentionController& controller, int head)
{
    const AttentionEngine& e = controller.engine();
    if (!controller.hasResult() || head < 0 || head >= e.heads() || !controller.input())
        return {};
    const int dk = e.dHead();
    const QStringList& tokens = controller.tokens();
    const QString sub = QString::number(head + 1);
    const bool scale = e.options().scale;
    const float t = e.options().temperature;
    QString scaled = scale ? QStringLiteral("S / √d_k") : QStringLiteral("S");
    if (t != 1.0f)
        scaled += QStringLiteral(" / T");
    const QString fill =
        e.options().fill == MaskFill::NegInf ? QStringLiteral("−∞") : QStringLiteral("−1e9");
    auto headCols = [&](const Matrix& m) { return Matrix(m.middleCols(head * dk, dk)); };

    std::vector<PipelinePanel> p(11);
    p[0] = {PipelineStep::Input,
            QStringLiteral("X"),
            tr("X = embedding + PE"),
            *controller.input(),
            tokens,
            {},
            true,
            false};
    p[1] = {PipelineStep::Projections,
            QStringLiteral("Q%1").arg(sub),
            QStringLiteral("Q = X W_qᵀ + b_q"),
            headCols(e.q()),
            tokens,
            {},
            true,
            false};
    p[2] = {PipelineStep::Projections,
            QStringLiteral("K%1ᵀ").arg(sub),
            QStringLiteral("K = X W_kᵀ + b_k"),
            headCols(e.k()).transpose(),
            {},
            tokens,
            true,
            false};
    p[3] = {PipelineStep::Projections,
            QStringLiteral("V%1").arg(sub),
            QStringLiteral("V = X W_vᵀ + b_v"),
            headCols(e.v()),
            tokens,
            {},
            true,
            false};
    p[4] = {PipelineStep::Scores,
            QStringLiteral("S = QKᵀ"),
            QStringLiteral("S[i,j] = q_i · k_j"),
            e.rawScores(head),
            tokens,
            tokens,
            true,
            false};
    p[5] = {PipelineStep::Scaled,
            scaled,
            QStringLiteral("%1 = %2 · S")
                .arg(scaled)
                .arg(1.0 / e.options().scoreDivisor(dk), 0, 'g', 3),
            e.scaledScores(head),
            tokens,
            tokens,
            true,
            false};
    p[6] = {PipelineStep::Masked,
            tr("masked"),
            tr("blocked → %1").arg(fill),
            e.maskedScores(head),
            tokens,
            tokens,
            true,
            true};
    p[7] = {PipelineStep::Softmax,
            QStringLiteral("A = softmax"),
            tr("A[i,:] = softmax(row i)"),
            e.weights(head),
            tokens,
            tokens,
            false,
            true};
    p[8] = {PipelineStep::HeadOutput,
            QStringLiteral("A·V"),
            QStringLiteral("head%1 = A V").arg(sub),
            Matrix(e.headOutput(head)),
            tokens,
            {},
            true,
            false};
    p[9] = {PipelineStep::Concat,
            tr("concat"),
            tr("[head1 … head%1]").arg(e.heads()),
            e.concat(),
            tokens,
            {},
            true,
            false};
    p[10] = {PipelineStep::Output,
             tr("output"),
             QStringLiteral("concat W_oᵀ + b_o"),
             e.output(),
             tokens,
             {},
             true,
             false};
    return p;
}

std::vector<PanelCells> PipelineModel::sources(const std::vector<PipelinePanel>& panels, int panel,
                                               int row, int col, int head, int dHead)
{
    if (panel < 0 || panel >= static_cast<int>(panels.size()) || panels.size() < 11)
        return {};
    const int d = static_cast<int>(panels[0].values.cols());
    auto rowOf = [&](int p, int r) {
        return PanelCells{p, QRect(0, r, static_cast<int>(panels[p].values.cols()), 1)};
    };
    auto colOf = [&](int p, int c) {
        return PanelCells{p, QRect(c, 0, 1, static_cast<int>(panels[p].values.rows()))};
    };
    auto cell = [](int p, int r, int c) { return PanelCells{p, QRect(c, r, 1, 1)}; };
    switch (panel) {
    case 1: // Q row i comes from X row i
    case 3:
        return {rowOf(0, row)};
    case 2: // column j of Kᵀ is key j: X row j
        return {rowOf(0, col)};
    case 4: // q_i · k_j: row i of Q, column j of Kᵀ
        return {rowOf(1, row), colOf(2, col)};
    case 5:
    case 6:
        return {cell(panel - 1, row, col)};
    case 7: // softmax normalises the whole row
        return {rowOf(6, row)};
    case 8: // (A V)[i,d] = A row i · V column d
        return {rowOf(7, row), colOf(3, col)};
    case 9: // the concatenation copies this head's block; other heads are not shown
        if (col >= head * dHead && col < (head + 1) * dHead)
            return {cell(8, row, col - head * dHead)};
        return {};
    case 10: // every output feature mixes the whole concatenated row
        return {PanelCells{9, QRect(0, row, d, 1)}};
    default:
        return {};
    }
}

QString PipelineModel::stepName(PipelineStep step)
{
    switch (step) {
    case PipelineStep::Input:
        return tr("Input X");
    case PipelineStep::Projections:
        return tr("Projections Q, K, V");
    case PipelineStep::Scores:
        return tr("Scores QKᵀ");
    case PipelineStep::Scaled:
        return tr("Scaling ÷√d_k");
    case PipelineStep::Masked:
        return tr("Mask");
    case PipelineStep::Softmax:
        return tr("Softmax");
    case PipelineStep::HeadOutput:
        return tr("Weighted values A·V");
    case PipelineStep::Concat:
        return tr("Concatenate heads");
    case PipelineStep::Output:
        return tr("Output projection W_o");
    }
    return {};
}

QString PipelineModel::caption(PipelineStep step)
{
    switch (step) {
    case PipelineStep::Input:
        return tr("Each token becomes a row of numbers: its embedding plus a positional encoding "
                  "that says where it stands.");
    case PipelineStep::Projections:
        return tr("Three learned linear maps turn every row into a query (what I look for), a key "
                  "(what I offer) and a value (what I pass on).");
    case PipelineStep::Scores:
        return tr("Every query is compared with every key by a dot product: row i of Q times "
                  "column j of Kᵀ gives score S[i, j].");
    case PipelineStep::Scaled:
        return tr("Dividing by √d_k keeps the scores in a range where softmax is not already "
                  "saturated; a temperature T sharpens (T < 1) or flattens (T > 1) it further.");
    case PipelineStep::Masked:
        return tr("Blocked pairs (mask = 0) get a huge negative score, so softmax gives them "
                  "practically zero weight.");
    case PipelineStep::Softmax:
        return tr("Softmax turns each row of scores into weights that are positive and add up "
                  "to 1: how much each query listens to each key.");
    case PipelineStep::HeadOutput:
        return tr("Each output row is the weighted average of the value rows, using that row's "
                  "attention weights.");
    case PipelineStep::Concat:
        return tr("All heads run side by side; their outputs are placed next to each other to "
                  "form one row of d_model numbers again.");
    case PipelineStep::Output:
        return tr("A last linear map W_o mixes the heads' results together into the layer's "
                  "output.");
    }
    return {};
}

QString PipelineModel::stepKey(PipelineStep step)
{
    return QString::fromLatin1(kKeys[static_cast<int>(step)]);
}

std::optional<PipelineStep> PipelineModel::stepFromKey(const QString& key)
{
    for (int i = 0; i < kPipelineSteps; ++i)
        if (key == QLatin1String(kKeys[i]))
            return static_cast<PipelineStep>(i);
    return std::nullopt;
}

} // namespace attnviz::ui
