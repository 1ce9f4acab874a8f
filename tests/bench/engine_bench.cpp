// Engine benchmarks on ATTNVIZ_THREADS threads (compare_torch.py sets it): the full forward
// pass (every stage kept) and the incremental update after one mask cell is toggled.
// `attnviz-bench --isa` prints the kernels' path and the threads, and exits.

#include "attention/engine.h"
#include "common/isa.h"
#include "common/parallel.h"
#include "common/random.h"
#include "demo/demo_inputs.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <string_view>

using namespace attnviz;

namespace {

struct Problem {
    Matrix x;
    AttentionWeights weights;
    AttentionOptions options;
};

Problem makeProblem(const benchmark::State& state)
{
    const int length = static_cast<int>(state.range(0));
    const int dModel = static_cast<int>(state.range(1));
    SeededRandom rng(1);
    Problem p{Matrix(length, dModel), demoWeights(dModel, 2), {}};
    for (Eigen::Index i = 0; i < p.x.size(); ++i)
        p.x.data()[i] = rng.normal();
    p.options.heads = static_cast<int>(state.range(2));
    return p;
}

void BM_Forward(benchmark::State& state)
{
    const Problem p = makeProblem(state);
    AttentionEngine engine;
    for (auto _ : state) {
        engine.compute(p.x, p.x, p.weights, {}, p.options);
        benchmark::DoNotOptimize(engine.output().data());
    }
}

void BM_MaskToggle(benchmark::State& state)
{
    const Problem p = makeProblem(state);
    AttentionEngine engine;
    engine.compute(p.x, p.x, p.weights, {}, p.options);
    SeededRandom rng(3);
    const int length = engine.queryLength();
    for (auto _ : state) {
        const int head = static_cast<int>(rng.next() % engine.heads());
        const int row = static_cast<int>(rng.next() % length);
        const int col = static_cast<int>(rng.next() % length);
        engine.setMaskCell(head, row, col, !engine.mask().allowed(head, row, col));
        benchmark::DoNotOptimize(engine.output().data());
    }
}

void shapes(benchmark::internal::Benchmark* b)
{
    b->ArgNames({"L", "D", "H"});
    b->Args({64, 64, 4})->Args({512, 512, 8})->Args({2048, 512, 8})->Args({4096, 512, 16});
    b->Unit(benchmark::kMicrosecond);
}

} // namespace

BENCHMARK(BM_Forward)->Apply(shapes);
BENCHMARK(BM_MaskToggle)->Apply(shapes);

int main(int argc, char** argv)
{
    if (argc == 2 && std::string_view(argv[1]) == "--isa") {
        std::printf("kernels: %s, %d threads\n", isaName(activeIsa()), threadCount());
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
