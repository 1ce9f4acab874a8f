#include "compute_command.h"

#include "atomic_output.h"
#include "attention/engine.h"
#include "attention/memory_estimate.h"
#include "common/error.h"
#include "exit_codes.h"
#include "io/npy.h"
#include "io/npy_writer.h"
#include "io/tensor_matrix.h"
#include "io/weights_loader.h"
#include "mask/mask_tensor.h"
#include "threads_option.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>

using namespace attnviz;

namespace {

struct ComputeRequest {
    std::string input, key, weights, mask, out;
    AttentionOptions options;
    std::uint64_t memoryBudget = kDefaultMemoryBudget;
};

float parsePositive(const QString& text, const char* what)
{
    bool ok = false;
    const float value = text.toFloat(&ok);
    if (!ok || !std::isfinite(value) || value <= 0.0f)
        throw Error(std::string(what) + " must be a positive number, got '" + text.toStdString() +
                    "'");
    return value;
}

int parseHeads(const QString& text)
{
    bool ok = false;
    const int heads = text.toInt(&ok);
    if (!ok || heads <= 0)
        throw Error("--heads must be a positive integer, got '" + text.toStdString() + "'");
    return heads;
}

ComputeRequest parseArguments(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Computes multi-head attention on tensors from files and writes DIR/weights.npy "
        "(H×L×S), DIR/scores.npy (H×L×S, scaled, before masking) and DIR/output.npy (L×D).");
    parser.addHelpOption();
    const QCommandLineOption input("input", "Query input, L×D (.npy).", "X.npy");
    const QCommandLineOption key("key", "Key/value input for cross-attention, S×D (.npy).",
                                 "XK.npy");
    const QCommandLineOption weights("weights", "Attention weights (.safetensors).", "W");
    const QCommandLineOption heads("heads", "Number of heads H.", "H");
    const QCommandLineOption mask("mask", "Mask, L×S or H×L×S (.npy), nonzero = may attend.",
                                  "M.npy");
    const QCommandLineOption fill("mask-fill", "large-negative (-1e9) or neg-inf.", "MODE",
                                  "large-negative");
    const QCommandLineOption temperature("temperature", "Divide scores by T.", "T", "1");
    const QCommandLineOption noScale("no-scale", "Do not divide scores by sqrt(d_k).");
    const QCommandLineOption out("out", "Output directory.", "DIR");
    const QCommandLineOption budget("memory-budget",
                                    "Refuse (exit 2) when the estimated memory is above GIB "
                                    "gibibytes (default 2).",
                                    "GIB", "2");
    parser.addOptions({input, key, weights, heads, mask, fill, temperature, noScale, out, budget,
                       threadsOption()});
    parser.addPositionalArgument("compute", "The subcommand.");

    if (!parser.parse(arguments))
        throw Error(parser.errorText().toStdString());
    if (parser.isSet("help")) {
        std::cout << parser.helpText().toStdString();
        std::exit(ExitSuccess);
    }
    if (const QString error = applyThreadsOption(parser); !error.isEmpty())
        throw Error(error.toStdString());
    for (const QCommandLineOption* required : {&input, &weights, &heads, &out})
        if (!parser.isSet(*required))
            throw Error("missing --" + required->names().first().toStdString() +
                        " (see attnviz compute --help)");

    ComputeRequest r;
    r.input = parser.value(input).toStdString();
    r.key = parser.value(key).toStdString();
    r.weights = parser.value(weights).toStdString();
    r.mask = parser.value(mask).toStdString();
    r.out = parser.value(out).toStdString();
    r.options.heads = parseHeads(parser.value(heads));
    r.options.temperature = parsePositive(parser.value(temperature), "--temperature");
    r.options.scale = !parser.isSet(noScale);
    const std::optional<MaskFill> mode = maskFillFromString(parser.value(fill).toStdString());
    if (!mode)
        throw Error("--mask-fill must be large-negative or neg-inf");
    r.options.fill = *mode;
    r.memoryBudget = static_cast<std::uint64_t>(
        std::llround(parsePositive(parser.value(budget), "--memory-budget") * double(1ull << 30)));
    return r;
}

Matrix readMatrix(const std::string& path, const std::string& what)
{
    return io::toMatrix(io::readNpy(path), path + " (" + what + ")");
}

// Heads stacked into one H×L×S .npy, written head by head straight from the engine: the stack
// is never assembled in memory (it would be as large as the engine's weights).
template <typename Stage>
void writeHeads(const std::filesystem::path& path, const AttentionEngine& engine, Stage stageOfHead)
{
    io::NpyWriter writer(path.string(), {engine.heads(), engine.queryLength(), engine.keyLength()});
    for (int h = 0; h < engine.heads(); ++h) {
        const Matrix& m = stageOfHead(h); // row-major L×S: contiguous in the file's order
        writer.write(m.data(), static_cast<std::size_t>(m.size()));
    }
    writer.finish();
}

void writeResults(const AttentionEngine& engine, const std::string& dir)
{
    AtomicOutput output(dir);
    writeHeads(output.stage("weights.npy"), engine,
               [&](int h) -> const Matrix& { return engine.weights(h); });
    writeHeads(output.stage("scores.npy"), engine, [&](int h) { return engine.scaledScores(h); });
    io::writeNpy(output.stage("output.npy").string(), {engine.queryLength(), engine.dModel()},
                 engine.output().data());
    output.commit();
}

} // namespace

int runCompute(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1); // "compute"

    AttentionEngine engine;
    std::string outDir;
    try {
        const ComputeRequest request = parseArguments(arguments);
        outDir = request.out;
        const Matrix query = readMatrix(request.input, "query input");
        const Matrix keyValue =
            request.key.empty() ? query : readMatrix(request.key, "key/value input");
        const AttentionWeights weights = io::readWeights(request.weights);
        Mask mask;
        if (!request.mask.empty()) {
            const io::Tensor m = io::readNpy(request.mask);
            mask = maskFromValues(m.shape, m.values, request.mask);
        }
        // Up front, before the largest allocations: the engine's stages plus one head's scaled
        // scores, computed while the stacks are written (the writers' buffers are negligible).
        const MemoryEstimate e = estimateEngineMemory(query.rows(), keyValue.rows(), query.cols(),
                                                      request.options.heads, mask.isPerHead());
        const std::uint64_t need = e.total() + e.weights / std::max(1, request.options.heads);
        if (need > request.memoryBudget)
            throw Error("L=" + std::to_string(query.rows()) + ", S=" +
                        std::to_string(keyValue.rows()) + ", D=" + std::to_string(query.cols()) +
                        ", H=" + std::to_string(request.options.heads) + " needs about " +
                        formatBytes(need) + ", above the memory budget of " +
                        formatBytes(request.memoryBudget) + "; raise it with --memory-budget GIB");
        engine.compute(query, keyValue, weights, mask, request.options);
    } catch (const std::exception& e) { // attnviz::Error (the user's to fix: exit 2), bad_alloc
        std::cerr << "attnviz compute: " << e.what() << '\n';
        return ExitBadInput;
    }

    try {
        writeResults(engine, outDir);
    } catch (const std::exception& e) {
        std::cerr << "attnviz compute: cannot write results to " << outDir << ": " << e.what()
                  << '\n';
        return ExitWriteFailed;
    }
    return ExitSuccess;
}
