#include "compute_job.h"

#include "demo/demo_inputs.h"

#include <exception>

namespace attnviz::ui {

double ComputeRequest::estimatedFlops() const
{
    const double l = static_cast<double>(tokens.size());
    const double d = dModel;
    return 2.0 * (4.0 * l * d * d + 2.0 * l * l * d);
}

ComputeResult runCompute(const ComputeRequest& request)
{
    ComputeResult result;
    for (const std::string& t : request.tokens)
        result.tokens << QString::fromStdString(t);
    try {
        const Matrix x = demoEmbeddings(request.tokens, request.dModel, request.seed);
        AttentionWeights w = demoWeights(request.dModel, request.seed);
        applyDesignedHeads(w, x, request.tokens, request.options.heads, request.designedHeads);
        auto engine = std::make_shared<AttentionEngine>();
        engine->compute(x, x, w, request.mask, request.options);
        result.engine = std::move(engine);
        result.input = std::make_shared<const Matrix>(x);
        result.weights = std::make_shared<const AttentionWeights>(std::move(w));
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    }
    return result;
}

} // namespace attnviz::ui
