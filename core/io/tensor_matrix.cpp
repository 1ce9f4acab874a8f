#include "io/tensor_matrix.h"

#include <algorithm>

namespace attnviz::io {

Matrix toMatrix(const Tensor& t, const std::string& what)
{
    if (t.shape.size() != 2)
        throw FormatError(what + ": expected a 2-D tensor, got shape " + shapeToString(t.shape));
    // A hand-built Tensor may disagree with itself; never read past its values.
    const std::int64_t count = t.elementCount();
    if (count < 0 || static_cast<std::size_t>(count) != t.values.size())
        throw FormatError(what + ": shape " + shapeToString(t.shape) + " does not match its " +
                          std::to_string(t.values.size()) + " values");
    Matrix m(t.shape[0], t.shape[1]);
    std::copy(t.values.begin(), t.values.end(), m.data());
    return m;
}

Tensor fromMatrix(const Matrix& m)
{
    Tensor t;
    t.shape = {m.rows(), m.cols()};
    t.values.assign(m.data(), m.data() + m.size());
    return t;
}

} // namespace attnviz::io
