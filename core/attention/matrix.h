#pragma once

#include <Eigen/Core>

namespace attnviz {

// Row-major storage: softmax runs along rows and heatmap rows map to image scanlines.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

} // namespace attnviz
