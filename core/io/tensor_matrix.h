#pragma once

#include "attention/matrix.h"
#include "io/tensor.h"

#include <string>

namespace attnviz::io {

// A 2-D tensor as a row-major matrix (both are C order, so this is a plain copy). Any other rank
// is a FormatError "<what>: expected a 2-D tensor, got shape (...)"; `what` names the file and,
// where it helps, the tensor ("w.safetensors: tensor 'out_proj.weight'").
Matrix toMatrix(const Tensor& t, const std::string& what);
Tensor fromMatrix(const Matrix& m);

} // namespace attnviz::io
