#include "model_command.h"

#include "atomic_output.h"
#include "attention/memory_estimate.h"
#include "common/error.h"
#include "exit_codes.h"
#include "io/npy.h"
#include "io/npy_writer.h"
#include "model/forward.h"
#include "model/model_memory.h"
#include "model_summary.h"
#include "threads_option.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cmath>
#include <fstream>
#include <iostream>
#include <stdexcept>

using namespace attnviz;

namespace {

struct ModelRequest {
    std::string model, text, out;
    bool hasText = false;
    std::vector<std::int64_t> ids;
    std::vector<model::KnockoutSpec> knockouts;
    int topK = 10;
    std::uint64_t memoryBudget = kDefaultMemoryBudget;
};

std::vector<std::int64_t> parseIds(const QString& text)
{
    std::vector<std::int64_t> ids;
    for (const QString& field : text.split(',')) {
        bool ok = false;
        const qlonglong id = field.trimmed().toLongLong(&ok);
        if (!ok)
            throw Error("--ids must be comma-separated token ids, got '" + field.toStdString() +
                        "'");
        ids.push_back(id);
    }
    return ids;
}

ModelRequest parseArguments(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Runs a transformer (HuggingFace folder or .gguf file; LLaMA/Mistral/Qwen2/SmolLM, GPT-2, "
        "BERT, DistilBERT) and writes DIR/ids.npy, DIR/tokens.txt, DIR/attentions.npy "
        "(layers×heads×T×T), DIR/logits.npy (T×vocab, with a head), DIR/hidden.npy (T×d_model) "
        "and DIR/summary.json.");
    parser.addHelpOption();
    const QCommandLineOption modelPath("model", "HF model folder or .gguf file.", "PATH");
    const QCommandLineOption text("text", "Text, tokenised as HF's tokenizer(text) does.", "TEXT");
    const QCommandLineOption ids("ids", "Token ids instead of text: 1,2,3.", "IDS");
    const QCommandLineOption knockout(
        "knockout",
        "Block attention edge layer:head:query:key before the softmax (from 0; * = every); "
        "repeatable.",
        "L:H:Q:K");
    const QCommandLineOption topK("top-k", "Predictions listed in summary.json (default 10).", "N",
                                  "10");
    const QCommandLineOption out("out", "Output directory.", "DIR");
    const QCommandLineOption budget("memory-budget",
                                    "Refuse (exit 2) when the estimated memory is above GIB "
                                    "gibibytes (default 2).",
                                    "GIB", "2");
    parser.addOptions({modelPath, text, ids, knockout, topK, out, budget, threadsOption()});
    parser.addPositionalArgument("model", "The subcommand.");
    if (!parser.parse(arguments))
        throw Error(parser.errorText().toStdString());
    if (parser.isSet("help")) {
        std::cout << parser.helpText().toStdString();
        std::exit(ExitSuccess);
    }
    for (const QCommandLineOption* required : {&modelPath, &out})
        if (!parser.isSet(*required))
            throw Error("missing --" + required->names().first().toStdString() +
                        " (see attnviz model --help)");
    if (parser.isSet(text) == parser.isSet(ids))
        throw Error("give exactly one of --text and --ids");
    if (const QString error = applyThreadsOption(parser); !error.isEmpty())
        throw Error(error.toStdString());

    ModelRequest r;
    r.model = parser.value(modelPath).toStdString();
    r.out = parser.value(out).toStdString();
    r.hasText = parser.isSet(text);
    r.text = parser.value(text).toStdString();
    if (parser.isSet(ids))
        r.ids = parseIds(parser.value(ids));
    for (const QString& k : parser.values(knockout))
        r.knockouts.push_back(model::parseKnockout(k.toStdString()));
    bool ok = false;
    r.topK = parser.value(topK).toInt(&ok);
    if (!ok || r.topK <= 0)
        throw Error("--top-k must be a positive integer");
    const double gib = parser.value(budget).toDouble(&ok);
    if (!ok || !std::isfinite(gib) || gib <= 0)
        throw Error("--memory-budget must be a positive number");
    r.memoryBudget = static_cast<std::uint64_t>(std::llround(gib * double(1ull << 30)));
    return r;
}

std::vector<std::int32_t> tokenIds(const ModelRequest& r, const model::Model& m)
{
    std::vector<std::int64_t> ids = r.ids;
    if (r.hasText) {
        if (r.text.empty())
            throw Error("--text is empty");
        if (!m.tokenizer)
            throw Error(m.source + ": no tokenizer files; give --ids");
        for (const tokenizer::TokenId id : m.tokenizer->encode(r.text, true))
            ids.push_back(id);
    }
    if (ids.empty())
        throw Error("the text gives no tokens");
    if (std::ssize(ids) > m.config.maxPositions)
        throw Error(std::to_string(ids.size()) + " tokens are more than the model's " +
                    std::to_string(m.config.maxPositions) + " positions");
    if (m.config.slidingWindow > 0 && std::ssize(ids) > m.config.slidingWindow)
        throw Error(std::to_string(ids.size()) + " tokens exceed the sliding window of " +
                    std::to_string(m.config.slidingWindow) + ", which is not supported");
    std::vector<std::int32_t> result;
    for (const std::int64_t id : ids) {
        if (id < 0 || id >= m.config.vocab)
            throw Error("token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                        std::to_string(m.config.vocab) + ")");
        result.push_back(static_cast<std::int32_t>(id));
    }
    return result;
}

struct Result {
    std::vector<std::int32_t> ids;
    nlohmann::json summary;
};

void writeResults(const model::Model& m, const model::ModelForward& f, const Result& r,
                  const std::string& dir)
{
    const model::ModelConfig& c = m.config;
    const std::int64_t T = f.tokens();
    AtomicOutput output(dir);
    {
        // numpy's header for '<f4' with the dtype swapped: same length, so the padding holds.
        std::string header = io::serializeNpyHeader({T});
        header.replace(header.find("<f4"), 3, "<i8");
        std::ofstream ids(output.stage("ids.npy"), std::ios::binary);
        ids << header;
        for (const std::int32_t id : r.ids) {
            const std::int64_t v = id;
            ids.write(reinterpret_cast<const char*>(&v), 8);
        }
        if (!ids.flush())
            throw std::runtime_error("cannot write ids.npy");
    }
    {
        std::ofstream tokens(output.stage("tokens.txt"), std::ios::binary);
        for (const std::int32_t id : r.ids)
            tokens << tokenDisplay(m, id) << '\n';
        if (!tokens.flush())
            throw std::runtime_error("cannot write tokens.txt");
    }
    io::NpyWriter attentions(output.stage("attentions.npy").string(), {c.layers, c.heads, T, T});
    for (int l = 0; l < c.layers; ++l)
        for (int h = 0; h < c.heads; ++h)
            attentions.write(f.attention(l, h).data(), std::size_t(T * T));
    attentions.finish();
    io::writeNpy(output.stage("hidden.npy").string(), {T, c.dModel}, f.hidden().data());
    if (f.logits().size() > 0)
        io::writeNpy(output.stage("logits.npy").string(), {T, c.vocab}, f.logits().data());
    {
        std::ofstream summary(output.stage("summary.json"), std::ios::binary);
        summary << r.summary.dump(2) << '\n';
        if (!summary.flush())
            throw std::runtime_error("cannot write summary.json");
    }
    output.commit();
}

} // namespace

int runModel(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1); // "model"

    std::unique_ptr<model::Model> m;
    std::unique_ptr<model::ModelForward> forward;
    Result result;
    std::string outDir;
    try {
        const ModelRequest request = parseArguments(arguments);
        outDir = request.out;
        m = model::openModel(request.model);
        const model::ModelConfig& c = m->config;
        result.ids = tokenIds(request, *m);
        const int T = static_cast<int>(result.ids.size());
        const model::KnockoutSet edges =
            model::expandKnockouts(request.knockouts, c.layers, c.heads, T, c.causal());
        std::set<int> knockoutLayers;
        for (const model::Edge& e : edges)
            knockoutLayers.insert(e.layer);
        const model::ForwardMemory need = model::estimateForwardMemory(
            c, T, m->weightBytes(), static_cast<int>(knockoutLayers.size()));
        if (need.total() > request.memoryBudget)
            throw Error(std::to_string(T) + " tokens through " + c.architecture + " need about " +
                        formatBytes(need.total()) + " (weights " + formatBytes(need.weights) +
                        ", attention " + formatBytes(need.attention) +
                        "), above the memory budget of " + formatBytes(request.memoryBudget) +
                        "; raise it with --memory-budget GIB");

        forward = std::make_unique<model::ModelForward>(c, m->weights);
        forward->run(result.ids, {});
        const std::vector<int> positions = predictionPositions(*m, result.ids);
        nlohmann::json predictions = nlohmann::json::array();
        for (const int p : positions)
            predictions.push_back(
                {{"position", p},
                 {"without_knockouts",
                  forward->logits().size() > 0
                      ? topPredictions(*m, forward->logits().row(p).data(), request.topK)
                      : nlohmann::json::array()}});
        forward->setKnockouts(edges);
        for (std::size_t i = 0; i < positions.size(); ++i)
            predictions[i]["with_knockouts"] =
                forward->logits().size() > 0
                    ? topPredictions(*m, forward->logits().row(positions[i]).data(), request.topK)
                    : nlohmann::json::array();

        nlohmann::json specs = nlohmann::json::array();
        for (const model::KnockoutSpec& s : request.knockouts)
            specs.push_back(model::toString(s));
        result.summary = {
            {"model", m->source},
            {"format", m->format},
            {"architecture", c.architecture},
            {"family", model::familyName(c.family)},
            {"causal", c.causal()},
            {"layers", c.layers},
            {"heads", c.heads},
            {"kv_heads", c.kvHeads},
            {"head_dim", c.headDim},
            {"d_model", c.dModel},
            {"ffn", c.ffn},
            {"vocab", c.vocab},
            {"parameters", m->parameters()},
            {"tokens", T},
            {"has_head", forward->logits().size() > 0},
            {"prediction", c.causal() ? "next-token" : "masked-token"},
            {"knockouts", specs},
            {"knocked_out_edges", edges.size()},
            {"memory_estimate_bytes", need.total()},
            {"predictions", predictions},
        };
    } catch (const std::exception& e) { // attnviz::Error (the user's to fix), bad_alloc
        std::cerr << "attnviz model: " << e.what() << '\n';
        return ExitBadInput;
    }

    try {
        writeResults(*m, *forward, result, outDir);
    } catch (const std::exception& e) {
        std::cerr << "attnviz model: cannot write results to " << outDir << ": " << e.what()
                  << '\n';
        return ExitWriteFailed;
    }
    return ExitSuccess;
}
