#include "export_command.h"

#include "common/error.h"
#include "demo/tokenizer.h"
#include "exit_codes.h"
#include "threads_option.h"
#include "ui/export/export_sidecar.h"
#include "ui/export/image_exporter.h"
#include "ui/io/imported_attention.h"
#include "ui/io/session_compute.h"
#include "ui/io/session_file.h"
#include "ui/model/compute_job.h"
#include "ui/render/figure.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTextStream>
#include <cmath>
#include <iostream>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

// Anything the user must fix in the command line or the files (exit code 2): an attnviz::Error
// worded in Qt.
struct UsageError : Error {
    explicit UsageError(const QString& message)
        : Error(message.toStdString())
    {
    }
};

int parseInt(const QCommandLineParser& parser, const QString& name, int lo, int hi)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < lo || value > hi)
        throw UsageError(QStringLiteral("--%1 must be a whole number from %2 to %3, got '%4'")
                             .arg(name)
                             .arg(lo)
                             .arg(hi)
                             .arg(parser.value(name)));
    return value;
}

struct Plan {
    SessionDocument session;
    Figure figure;
    Stage stage = Stage::Weights;
    std::vector<int> heads; // empty: all
    ExportRequest request;
};

// Demo parameters from the command line on top of the defaults (or of a session).
void applyDemoOptions(const QCommandLineParser& parser, SessionState& s)
{
    if (parser.isSet(QStringLiteral("tokens")))
        s.text = parser.value(QStringLiteral("tokens"));
    if (parser.isSet(QStringLiteral("heads")))
        s.heads = parseInt(parser, QStringLiteral("heads"), 1, 256);
    if (parser.isSet(QStringLiteral("dim")))
        s.dModel = parseInt(parser, QStringLiteral("dim"), 1, 8192);
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        s.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--seed must be a non-negative whole number"));
    }
    if (parser.isSet(QStringLiteral("fill"))) {
        const auto fill = maskFillFromString(parser.value(QStringLiteral("fill")).toStdString());
        if (!fill)
            throw UsageError(QStringLiteral("--fill must be large-negative or neg-inf"));
        s.fill = *fill;
    }
    if (parser.isSet(QStringLiteral("temperature"))) {
        bool ok = false;
        s.temperature = parser.value(QStringLiteral("temperature")).toDouble(&ok);
        if (!ok || !(s.temperature > 0.0) || !std::isfinite(s.temperature))
            throw UsageError(QStringLiteral("--temperature must be a positive number"));
    }
    if (s.dModel % s.heads != 0)
        throw UsageError(
            QStringLiteral("--dim %1 is not divisible by --heads %2").arg(s.dModel).arg(s.heads));
}

std::vector<int> parseHeads(const QCommandLineParser& parser, int count)
{
    const QString head = parser.value(QStringLiteral("head"));
    if (head == QLatin1String("all"))
        return {};
    bool ok = false;
    const int k = head.toInt(&ok);
    if (!ok || k < 1 || k > count)
        throw UsageError(QStringLiteral("--head must be 'all' or a head from 1 to %1, got '%2'")
                             .arg(count)
                             .arg(head));
    return {k - 1};
}

Figure attentionFigure(const QCommandLineParser& parser, Plan& plan, const QString& colorMap)
{
    if (plan.stage != Stage::Weights)
        throw UsageError(QStringLiteral("--attention holds weights only: use --stage weights"));
    ImportedAttention a;
    AttentionSource& source = plan.session.attention;
    const QString error = readImportedAttention(source.path, source.tokensPath, &a);
    if (!error.isEmpty())
        throw UsageError(error);
    source.tokensPath = a.tokensPath;
    if (parser.isSet(QStringLiteral("layer")))
        source.layer = parseInt(parser, QStringLiteral("layer"), 0, a.layers - 1);
    else if (source.layer < 0 || source.layer >= a.layers)
        throw UsageError(QStringLiteral("layer %1 does not exist (the file has %2)")
                             .arg(source.layer)
                             .arg(a.layers));
    plan.heads = parseHeads(parser, a.heads);
    SessionState& s = plan.session.state;
    s.heads = a.heads;
    s.mask = Mask();
    std::vector<Matrix> weights = a.layer(source.layer);
    if (parser.isSet(QStringLiteral("mask"))) {
        // Masking imported attention renormalises it (see importedEngine).
        s.mask = s.presetMask(a.rows, a.cols);
        try {
            const auto engine = importedEngine(weights, s.mask, s.fill);
            for (int h = 0; h < a.heads; ++h)
                weights[h] = engine->weights(h);
        } catch (const std::exception& e) {
            throw UsageError(QString::fromStdString(e.what()));
        }
    }
    Figure f = makeFigure(weights, a.rowTokens, a.colTokens, plan.heads, colorMap);
    f.mask = s.mask;
    f.title =
        QStringLiteral("%1, layer %2").arg(QFileInfo(source.path).fileName()).arg(source.layer);
    return f;
}

// The demo or a weights import, computed as the GUI computes it.
Figure sessionFigure(const QCommandLineParser& parser, Plan& plan, const QString& colorMap)
{
    SessionState& s = plan.session.state;
    if (plan.session.weights.isEmpty() && tokenize(s.text.toStdString()).empty())
        throw UsageError(QStringLiteral("--tokens has no tokens"));
    const ComputeResult result = computeSession(&plan.session);
    if (!result.engine)
        throw UsageError(result.error);
    plan.heads = parseHeads(parser, s.heads);
    Figure f = makeFigure(*result.engine, result.tokens, result.keyTokens, plan.stage, plan.heads,
                          colorMap);
    f.title = QStringLiteral("%1 · %2 mask")
                  .arg(plan.stage == Stage::Weights  ? QStringLiteral("Attention weights")
                       : plan.stage == Stage::Scores ? QStringLiteral("Scaled scores QKᵀ/√d_k")
                       : plan.stage == Stage::Masked ? QStringLiteral("Masked scores")
                                                     : QStringLiteral("Head outputs A·V"),
                       QString::fromUtf8(toString(s.preset).data()));
    return f;
}

Plan parseArguments(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders attention heatmaps (one head or all, with token labels and a colour bar) to PNG, "
        "SVG or PDF, plus PATH.json recording what produced them. No display is needed."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("session"), QStringLiteral("Session file (.json) to render."),
         QStringLiteral("S.json")},
        {QStringLiteral("tokens"), QStringLiteral("Demo text, tokenised."), QStringLiteral("TEXT")},
        {QStringLiteral("heads"), QStringLiteral("Number of heads H."), QStringLiteral("H")},
        {QStringLiteral("dim"), QStringLiteral("d_model D."), QStringLiteral("D")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the demo inputs."), QStringLiteral("N")},
        {QStringLiteral("mask"),
         QStringLiteral("Mask preset: none, causal, padding, window, block, prefix, random."),
         QStringLiteral("PRESET")},
        {QStringLiteral("fill"), QStringLiteral("large-negative or neg-inf."),
         QStringLiteral("MODE")},
        {QStringLiteral("temperature"), QStringLiteral("Divide scores by T."), QStringLiteral("T")},
        {QStringLiteral("attention"),
         QStringLiteral("Precomputed attention weights, H×L×S or layers×H×L×S (.npy)."),
         QStringLiteral("A.npy")},
        {QStringLiteral("tokens-file"),
         QStringLiteral("Tokens of --attention, one per line (default: A.txt or tokens.txt "
                        "next to A.npy)."),
         QStringLiteral("T.txt")},
        {QStringLiteral("layer"), QStringLiteral("Layer of a 4-D --attention, from 0."),
         QStringLiteral("N")},
        {QStringLiteral("stage"), QStringLiteral("weights, scores, masked or output."),
         QStringLiteral("STAGE"), QStringLiteral("weights")},
        {QStringLiteral("head"), QStringLiteral("Head K (from 1) or all."), QStringLiteral("K"),
         QStringLiteral("all")},
        {QStringLiteral("colormap"),
         QStringLiteral("viridis, magma, inferno, plasma, cividis, greys or diverging (default: "
                        "viridis for weights, diverging for signed stages)."),
         QStringLiteral("NAME")},
        {QStringLiteral("scale"), QStringLiteral("PNG pixels per unit, 1 to 4."),
         QStringLiteral("F"), QStringLiteral("2")},
        {QStringLiteral("format"), QStringLiteral("png, svg or pdf."), QStringLiteral("FORMAT")},
        {QStringLiteral("out"), QStringLiteral("Output file."), QStringLiteral("PATH")},
        threadsOption(),
    });
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The subcommand."));
    if (!parser.parse(arguments))
        throw UsageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::cout << parser.helpText().toStdString();
        std::exit(ExitSuccess);
    }
    if (parser.positionalArguments().size() > 0)
        throw UsageError(QStringLiteral("unexpected argument '%1'")
                             .arg(parser.positionalArguments().constFirst()));
    if (const QString error = applyThreadsOption(parser); !error.isEmpty())
        throw UsageError(error);
    for (const char* required : {"format", "out"})
        if (!parser.isSet(QLatin1String(required)))
            throw UsageError(QStringLiteral("missing --%1 (see attnviz export --help)")
                                 .arg(QLatin1String(required)));
    if (parser.isSet(QStringLiteral("session")) && parser.isSet(QStringLiteral("attention")))
        throw UsageError(QStringLiteral("--session and --attention exclude each other"));

    Plan plan;
    const auto format = exportFormatFromString(parser.value(QStringLiteral("format")));
    if (!format)
        throw UsageError(QStringLiteral("--format must be png, svg or pdf"));
    plan.request.format = *format;
    plan.request.path = parser.value(QStringLiteral("out"));
    bool ok = false;
    plan.request.scale = parser.value(QStringLiteral("scale")).toDouble(&ok);
    if (!ok || !(plan.request.scale >= kMinExportScale && plan.request.scale <= kMaxExportScale))
        throw UsageError(QStringLiteral("--scale must be a number from 1 to 4"));
    const auto stage = stageFromString(parser.value(QStringLiteral("stage")));
    if (!stage)
        throw UsageError(QStringLiteral("--stage must be weights, scores, masked or output"));
    plan.stage = *stage;
    const QString colorMap = parser.value(QStringLiteral("colormap"));
    if (!colorMap.isEmpty() && !ColorMap::names().contains(colorMap))
        throw UsageError(QStringLiteral("unknown --colormap '%1' (one of %2)")
                             .arg(colorMap, ColorMap::names().join(QStringLiteral(", "))));

    if (parser.isSet(QStringLiteral("session"))) {
        const QString error = loadSession(parser.value(QStringLiteral("session")), &plan.session);
        if (!error.isEmpty())
            throw UsageError(error);
        if (!parser.isSet(QStringLiteral("stage")) && stageFromString(plan.session.view.stage))
            plan.stage = *stageFromString(plan.session.view.stage);
    }
    SessionState& s = plan.session.state;
    if (parser.isSet(QStringLiteral("mask"))) {
        const auto preset =
            maskPresetFromString(parser.value(QStringLiteral("mask")).toStdString());
        if (!preset)
            throw UsageError(QStringLiteral("unknown --mask preset '%1'")
                                 .arg(parser.value(QStringLiteral("mask"))));
        s.preset = *preset;
        s.inverted = false;
        s.mask = Mask(); // the preset replaces the session's mask
    }
    const QStringList demoOptions{QStringLiteral("tokens"), QStringLiteral("heads"),
                                  QStringLiteral("dim"), QStringLiteral("seed")};
    if (parser.isSet(QStringLiteral("attention"))) {
        for (const QString& o : demoOptions)
            if (parser.isSet(o))
                throw UsageError(QStringLiteral("--%1 does not apply to --attention").arg(o));
        plan.session.attention.path = parser.value(QStringLiteral("attention"));
        plan.session.attention.tokensPath = parser.value(QStringLiteral("tokens-file"));
    }
    if (plan.session.attention.isEmpty()) {
        if (parser.isSet(QStringLiteral("tokens")) && parser.isSet(QStringLiteral("session")) &&
            !parser.isSet(QStringLiteral("mask")))
            s.mask = Mask(); // new tokens: the session's mask no longer fits
        applyDemoOptions(parser, s);
    }
    s.colorMap = colorMap.isEmpty() ? s.colorMap : colorMap;
    // A session's colour map applies to weights; signed stages default to the diverging map.
    const QString figureMap = !colorMap.isEmpty()            ? colorMap
                              : plan.stage == Stage::Weights ? s.colorMap
                                                             : QString();
    plan.figure = plan.session.attention.isEmpty() ? sessionFigure(parser, plan, figureMap)
                                                   : attentionFigure(parser, plan, figureMap);
    plan.request.sidecar =
        exportSidecar(plan.session, plan.figure, plan.stage, plan.heads, plan.request);
    return plan;
}

} // namespace

int runExport(int argc, char** argv)
{
    // Headless by construction: no display, no environment variable needed.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Read before QGuiApplication, which takes "-session" for itself (X11 session management).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        if (i != 1) // "export"
            arguments << QString::fromLocal8Bit(argv[i]);
    QGuiApplication app(argc, argv);

    Plan plan;
    try {
        plan = parseArguments(arguments);
    } catch (const std::exception& e) {
        std::cerr << "attnviz export: " << e.what() << '\n';
        return ExitBadInput;
    }
    const QString error = exportFigure(plan.figure, plan.request);
    if (!error.isEmpty()) {
        std::cerr << "attnviz export: " << error.toStdString() << '\n';
        return ExitWriteFailed;
    }
    return ExitSuccess;
}
