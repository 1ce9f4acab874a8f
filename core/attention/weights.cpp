#include "attention/weights.h"

#include "common/error.h"

#include <string>

namespace attnviz {

namespace {

template <typename T> void check(const T& m, const char* name, Eigen::Index rows, Eigen::Index cols)
{
    if (m.rows() != rows || m.cols() != cols)
        throw Error(std::string(name) + " has shape " + std::to_string(m.rows()) + "x" +
                    std::to_string(m.cols()) + ", expected " + std::to_string(rows) + "x" +
                    std::to_string(cols));
    if (!allFinite(m))
        throw Error(std::string(name) + " contains NaN or infinite values");
}

} // namespace

AttentionWeights AttentionWeights::zeros(int dModel)
{
    AttentionWeights w;
    for (Matrix* m : {&w.wq, &w.wk, &w.wv, &w.wo})
        m->setZero(dModel, dModel);
    for (RowVector* b : {&w.bq, &w.bk, &w.bv, &w.bo})
        b->setZero(dModel);
    return w;
}

void AttentionWeights::validate() const
{
    const Eigen::Index d = wq.rows();
    if (d == 0)
        throw Error("attention weights are empty");
    check(wq, "W_q", d, d);
    check(wk, "W_k", d, d);
    check(wv, "W_v", d, d);
    check(wo, "W_o", d, d);
    check(bq, "b_q", 1, d);
    check(bk, "b_k", 1, d);
    check(bv, "b_v", 1, d);
    check(bo, "b_o", 1, d);
}

} // namespace attnviz
