#include "compute_job.h"

#include "demo/demo_inputs.h"

#include <QCoreApplication>
#include <algorithm>
#include <atomic>
#include <exception>
#include <new>

namespace attnviz::ui {

namespace {
std::atomic<ComputeFaultHook> g_faultHook{nullptr};
} // namespace

void setComputeFaultHookForTesting(ComputeFaultHook hook)
{
    g_faultHook.store(hook);
}

double ComputeRequest::estimatedFlops() const
{
    if (imported) {
        const double l = static_cast<double>(imported->query.rows());
        const double s = static_cast<double>(imported->keys.rows());
        const double d = static_cast<double>(imported->query.cols());
        // Imported attention arrives as the projections themselves.
        const double projections = imported->fixedScores ? 0.0 : (2.0 * l + 2.0 * s) * d * d;
        return 2.0 * (projections + 2.0 * l * s * d);
    }
    const double l = static_cast<double>(tokens.size());
    const double d = dModel;
    return 2.0 * (4.0 * l * d * d + 2.0 * l * l * d);
}

float largestWeight(const AttentionEngine& engine)
{
    float largest = 0.0f;
    for (int h = 0; h < engine.heads(); ++h)
        largest = std::max(largest, engine.weights(h).maxCoeff());
    return largest;
}

ComputeResult runCompute(const ComputeRequest& request)
{
    ComputeResult result;
    if (const auto& in = request.imported) {
        result.tokens = in->rowTokens;
        result.keyTokens = in->colTokens;
        try {
            AttentionOptions options = in->options;
            options.fill = request.options.fill;
            if (!in->fixedScores) {
                options.scale = request.options.scale;
                options.temperature = request.options.temperature;
            }
            auto engine = std::make_shared<AttentionEngine>();
            if (in->fixedScores)
                engine->computeFromProjections(in->query, in->keys, in->keys, request.mask,
                                               options);
            else
                engine->compute(in->query, in->keys, in->weights, request.mask, options);
            result.maxWeight = largestWeight(*engine);
            result.engine = std::move(engine);
            // Views that re-run the pipeline from X need self-attention on real weights.
            if (!in->fixedScores && !in->crossAttention) {
                result.input = std::shared_ptr<const Matrix>(in, &in->query);
                result.weights = std::shared_ptr<const AttentionWeights>(in, &in->weights);
            }
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(e.what());
        }
        return result;
    }
    for (const std::string& t : request.tokens)
        result.tokens << QString::fromStdString(t);
    try {
        if (const ComputeFaultHook hook = g_faultHook.load())
            hook(request);
        const Matrix x = demoEmbeddings(request.tokens, request.dModel, request.seed);
        AttentionWeights w = demoWeights(request.dModel, request.seed);
        applyDesignedHeads(w, x, request.tokens, request.options.heads, request.designedHeads);
        auto engine = std::make_shared<AttentionEngine>();
        engine->compute(x, x, w, request.mask, request.options);
        result.maxWeight = largestWeight(*engine);
        result.engine = std::move(engine);
        result.keyTokens = result.tokens;
        result.input = std::make_shared<const Matrix>(x);
        result.weights = std::make_shared<const AttentionWeights>(std::move(w));
    } catch (const std::bad_alloc&) {
        result.error = QCoreApplication::translate(
            "attnviz::ui::ComputeJob",
            "Out of memory while computing. Showing the last good result; try fewer tokens or "
            "heads.");
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    } catch (...) {
        result.error = QCoreApplication::translate("attnviz::ui::ComputeJob",
                                                   "The computation failed (unknown error).");
    }
    return result;
}

} // namespace attnviz::ui
