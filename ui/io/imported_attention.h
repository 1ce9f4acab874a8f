#pragma once

#include "attention/engine.h"
#include "mask/mask.h"
#include "ui/model/compute_job.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace attnviz::ui {

// Attention weights computed elsewhere (e.g. a HuggingFace model with output_attentions=True,
// saved with numpy): H×L×S or layers×H×L×S, non-negative and finite.
struct ImportedAttention {
    QString path;
    QString tokensPath; // empty: tokens are numbered
    int layers = 1;
    int heads = 0;
    int rows = 0; // L (queries)
    int cols = 0; // S (keys)
    std::vector<float> values;
    QStringList rowTokens;
    QStringList colTokens;

    // The H matrices of one layer.
    std::vector<Matrix> layer(int index) const;
};

// Token lists: one token per line, a trailing empty line ignored. findTokens looks for
// <name>.txt, then tokens.txt, next to `path` ("" if there is none).
QString findTokens(const QString& path);
QString readTokens(const QString& path, QStringList* tokens); // "" or the reason
QStringList numbered(int count);                              // "0", "1", …

// Reads the tensor and its token list (one token per line; `tokensPath` empty looks for
// A.txt or tokens.txt next to A.npy). Returns the reason on failure, "" on success.
QString readImportedAttention(const QString& path, const QString& tokensPath,
                              ImportedAttention* out);

// Interactive views and mask edits need an engine. Softmax(log A) = A row-normalised, so an
// engine whose per-head scores are log A reproduces the imported weights, and masking a key
// then softmax equals zeroing that weight and renormalising the row: exact for masking. The
// engine gets Q_h = log A_h and K_h = V_h = I (d_k = S, no scaling, no output projection), so
// scores show log A. K and V are S × H·S: their size bounds what can be edited interactively.
inline constexpr double kMaxImportedKeyFloats = double(1 << 26); // H·S² (256 MiB for K)
// The engine inputs described above, for the controller (fixedScores, no scaling). Throws
// attnviz::Error when H·S² exceeds kMaxImportedKeyFloats.
std::shared_ptr<ImportedInputs> importedInputs(const std::vector<Matrix>& heads);
// One layer's inputs with the file's tokens; throws as importedInputs does.
std::shared_ptr<ImportedInputs> attentionInputs(const ImportedAttention& attention, int layer);
std::shared_ptr<AttentionEngine> importedEngine(const std::vector<Matrix>& heads, const Mask& mask,
                                                MaskFill fill);

} // namespace attnviz::ui
