#pragma once

#include "ui/model/compute_job.h"

#include <QString>
#include <memory>

namespace attnviz::ui {

// Real attention from a model's weights: a .safetensors weight file read by
// io::readWeights, a query input X (L×D .npy) and optionally a key/value input XK (S×D .npy) for
// cross-attention. Tokens come from a .txt next to X (and XK), else they are numbered.
struct WeightsImport {
    QString weightsPath;
    QString inputPath;
    QString keyInputPath; // empty: self-attention on X
    int heads = 1;
    bool isEmpty() const { return weightsPath.isEmpty(); }
    bool operator==(const WeightsImport&) const = default;
};

// The d_model of a weight file (its W_q is D×D), or -1 with the reason in *error.
int weightsModelDim(const QString& weightsPath, QString* error);

// Reads and checks everything; on success fills *out and returns "", else returns the reason and
// leaves *out untouched. Safe on a worker thread.
QString readImportedWeights(const WeightsImport& request, std::shared_ptr<ImportedInputs>* out);

} // namespace attnviz::ui
