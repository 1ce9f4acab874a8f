#include "compute_job.h"

#include "demo/demo_inputs.h"

#include <QCoreApplication>
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
        if (const ComputeFaultHook hook = g_faultHook.load())
            hook(request);
        const Matrix x = demoEmbeddings(request.tokens, request.dModel, request.seed);
        AttentionWeights w = demoWeights(request.dModel, request.seed);
        applyDesignedHeads(w, x, request.tokens, request.options.heads, request.designedHeads);
        auto engine = std::make_shared<AttentionEngine>();
        engine->compute(x, x, w, request.mask, request.options);
        result.engine = std::move(engine);
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
