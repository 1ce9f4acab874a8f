#pragma once

#include "attention/packed_product.h"
#include "model/model_weights.h"

#include <unordered_set>

namespace attnviz::model {

// Applies Linear layers whose weights stay in their file type. The weight is widened a block of
// output rows at a time (a few hundred KB, cache-resident) and multiplied as the left operand
// against the packed input xᵀ, so weights are never packed or held widened whole.
// Each output element accumulates its input dimensions in order (packed_product.h), so a row of
// x gives the same bits however many rows are computed together: incremental recomputes of some
// rows reproduce the full pass.
class LinearApplier {
public:
    // out (rows × l.out) = x (rows × l.in) · Wᵀ + b. Throws attnviz::Error when a widened block
    // holds NaN or infinite values, naming the tensor.
    void apply(const Linear& l, const ConstMatrixRef& x, MatrixRef out);

private:
    // Rows [first, first + count) of Wᵀ's rows (W's output rows), widened into m_block.
    void widenBlock(const Linear& l, int first, int count);
    // Throws for NaN or infinite values until `view` has been widened whole once.
    void checkFinite(const Matrix& widened, const io::WeightView& view) const;

    PackedOperand m_input; // xᵀ
    Matrix m_block;        // widened weight rows
    Matrix m_product;      // m_block · xᵀ, before it is transposed into out
    Matrix m_conv1d;       // a Conv1D weight widened whole, (in, out)
    // Weights found finite: a forward pass widens every weight, checking it each time would cost
    // a tenth of the pass.
    std::unordered_set<const io::WeightView*> m_finite;
};

} // namespace attnviz::model
