#pragma once

#include <Eigen/Core>
#include <cmath>
#include <limits>

namespace attnviz {

// Row-major storage: softmax runs along rows and heatmap rows map to image scanlines.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

// True when no value is NaN or infinite. A branch-free loop the compiler vectorises: several
// times faster than Eigen's allFinite(), which matters because every forward pass validates.
inline bool allFinite(const float* data, Eigen::Index size)
{
    bool finite = true;
    for (Eigen::Index i = 0; i < size; ++i)
        finite &= std::abs(data[i]) <= std::numeric_limits<float>::max();
    return finite;
}

template <typename Derived> bool allFinite(const Eigen::PlainObjectBase<Derived>& m)
{
    return allFinite(m.data(), m.size());
}

} // namespace attnviz
