// Real-model forward passes and knockout recomputes (issue 12). The model is a HF folder named by
// ATTNVIZ_BENCH_MODEL; compare_model_torch.py writes SmolLM-135M-shaped random BF16 weights and
// runs PyTorch on the same weights in the same run.
#include "model/forward.h"
#include "model/model.h"

#include <benchmark/benchmark.h>
#include <cstdlib>
#include <memory>

using namespace attnviz;

namespace {

const model::Model* benchModel()
{
    static const std::unique_ptr<model::Model> m = [] {
        const char* path = std::getenv("ATTNVIZ_BENCH_MODEL");
        return path ? model::openModel(path) : nullptr;
    }();
    return m.get();
}

std::vector<std::int32_t> benchIds(int tokens, int vocab)
{
    std::vector<std::int32_t> ids(tokens);
    for (int t = 0; t < tokens; ++t)
        ids[t] = static_cast<std::int32_t>((t * 7919 + 13) % vocab);
    return ids;
}

void BM_ModelForward(benchmark::State& state)
{
    const model::Model* m = benchModel();
    if (!m) {
        state.SkipWithError("set ATTNVIZ_BENCH_MODEL to a model folder");
        return;
    }
    const std::vector<std::int32_t> ids =
        benchIds(static_cast<int>(state.range(0)), m->config.vocab);
    model::ModelForward forward(m->config, m->weights);
    for (auto _ : state) {
        forward.run(ids, {});
        benchmark::DoNotOptimize(forward.logits().data());
    }
}

// One edge knocked out in layer `layer` (query 1, so nearly every position is recomputed), then
// restored: each setKnockouts recomputes layers layer … N−1 and the head.
void BM_KnockoutRecompute(benchmark::State& state)
{
    const model::Model* m = benchModel();
    if (!m) {
        state.SkipWithError("set ATTNVIZ_BENCH_MODEL to a model folder");
        return;
    }
    const int layer = static_cast<int>(state.range(1));
    if (layer >= m->config.layers) {
        state.SkipWithError("the model has fewer layers");
        return;
    }
    model::ModelForward forward(m->config, m->weights);
    forward.run(benchIds(static_cast<int>(state.range(0)), m->config.vocab), {});
    const model::KnockoutSet edge{{layer, 0, 1, 0}};
    bool on = false;
    for (auto _ : state) {
        on = !on;
        forward.setKnockouts(on ? edge : model::KnockoutSet{});
        benchmark::DoNotOptimize(forward.logits().data());
    }
}

} // namespace

BENCHMARK(BM_ModelForward)->ArgName("T")->Arg(16)->Arg(256)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KnockoutRecompute)
    ->ArgNames({"T", "layer"})
    ->ArgsProduct({{16, 256}, {0, 15, 29}})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
