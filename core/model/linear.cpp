#include "model/linear.h"

#include "common/error.h"
#include "io/weight_file.h"

#include <algorithm>

namespace attnviz::model {

namespace {

// Output rows widened per block: about 128 KB of floats, a multiple of the kernel's row tile.
int blockRows(int in)
{
    const int rows = (32768 / std::max(in, 1)) / kPackedRowGrain * kPackedRowGrain;
    return std::max(rows, kPackedRowGrain);
}

} // namespace

void LinearApplier::checkFinite(const Matrix& widened, const io::WeightView& view) const
{
    if (!m_finite.contains(&view) && !allFinite(widened))
        throw Error("tensor '" + view.name + "' holds NaN or infinite values");
}

void LinearApplier::widenBlock(const Linear& l, int first, int count)
{
    m_block.resize(count, l.in);
    if (!l.conv1d) {
        io::widenRows(*l.weight, first, count, m_block.data());
        checkFinite(m_block, *l.weight);
        return;
    }
    m_block.noalias() = m_conv1d.middleCols(first, count).transpose();
}

void LinearApplier::apply(const Linear& l, const ConstMatrixRef& x, MatrixRef out)
{
    const int rows = static_cast<int>(x.rows());
    if (rows == 0)
        return;
    m_input.packTransposed(x);
    if (l.conv1d) { // (in, out): its output columns are not rows of the file, widen it whole
        m_conv1d.resize(l.in, l.out);
        io::widenRows(*l.weight, 0, l.in, m_conv1d.data());
        checkFinite(m_conv1d, *l.weight);
    }
    const int step = blockRows(l.in);
    for (int first = 0; first < l.out; first += step) {
        const int count = std::min(step, l.out - first);
        widenBlock(l, first, count);
        m_product.resize(count, rows);
        multiplyPacked(m_block, m_input, 1.0f, m_product);
        out.middleCols(first, count).noalias() = m_product.transpose();
    }
    m_finite.insert(l.weight);
    if (l.bias.size() > 0)
        out.rowwise() += l.bias;
}

} // namespace attnviz::model
