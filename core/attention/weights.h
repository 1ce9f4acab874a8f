#pragma once

#include "attention/matrix.h"

namespace attnviz {

// The four linear layers of multi-head attention, PyTorch layout: weights are (out, in) and
// applied as x Wᵀ + b.
struct AttentionWeights {
    Matrix wq, wk, wv, wo;
    RowVector bq, bk, bv, bo;

    static AttentionWeights zeros(int dModel);
    int dModel() const { return static_cast<int>(wq.rows()); }

    // Throws attnviz::Error naming the first tensor whose shape disagrees with d_model
    // or that holds a NaN or infinite value.
    void validate() const;
};

} // namespace attnviz
