#include "session_file.h"

#include "demo/tokenizer.h"
#include "ui/render/color_map.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>
#include <vector>

namespace attnviz::ui {

namespace {

QString tr(const char* text)
{
    return QObject::tr(text);
}

// Reads an integer member in [lo, hi]; false (and a reason) otherwise.
bool readInt(const QJsonObject& o, const char* key, int lo, int hi, int* out, QString* error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || d < lo || d > hi) {
        *error = tr("“%1” must be a whole number between %2 and %3")
                     .arg(QLatin1String(key))
                     .arg(lo)
                     .arg(hi);
        return false;
    }
    *out = static_cast<int>(d);
    return true;
}

// The paths of the files a session imports, the ones that are set.
std::vector<QString*> importedFiles(SessionDocument* doc)
{
    std::vector<QString*> files;
    for (QString* path :
         {&doc->attention.path, &doc->attention.tokensPath, &doc->weights.weightsPath,
          &doc->weights.inputPath, &doc->weights.keyInputPath})
        if (!path->isEmpty())
            files.push_back(path);
    return files;
}

} // namespace

QJsonObject maskToJson(const Mask& mask)
{
    QJsonObject o;
    o[QStringLiteral("rows")] = mask.rows();
    o[QStringLiteral("cols")] = mask.cols();
    o[QStringLiteral("perHead")] = mask.isPerHead();
    o[QStringLiteral("planes")] = mask.planes();
    // One string of 0/1 per query row and plane: compact, and readable in a diff.
    QJsonArray rows;
    for (int p = 0; p < mask.planes(); ++p)
        for (int r = 0; r < mask.rows(); ++r) {
            QString line(mask.cols(), QLatin1Char('0'));
            for (int c = 0; c < mask.cols(); ++c)
                if (mask.allowed(p, r, c))
                    line[c] = QLatin1Char('1');
            rows.append(line);
        }
    o[QStringLiteral("cells")] = rows;
    return o;
}

QString maskFromJson(const QJsonValue& json, Mask* mask)
{
    if (!json.isObject())
        return tr("“mask” must be an object");
    const QJsonObject o = json.toObject();
    QString error;
    int rows = 0, cols = 0, planes = 0;
    constexpr int kMaxSide = 1 << 16;
    if (!readInt(o, "rows", 0, kMaxSide, &rows, &error) ||
        !readInt(o, "cols", 0, kMaxSide, &cols, &error) ||
        !readInt(o, "planes", 0, 4096, &planes, &error))
        return tr("mask: %1").arg(error);
    const bool perHead = o.value(QStringLiteral("perHead")).toBool();
    const QJsonArray cells = o.value(QStringLiteral("cells")).toArray();
    if (rows == 0 || cols == 0) {
        *mask = Mask();
        return {};
    }
    if (!perHead && planes != 1)
        return tr("mask: a shared mask has exactly one plane, not %1").arg(planes);
    if (planes < 1 || static_cast<qint64>(planes) * rows != cells.size())
        return tr("mask: expected %1 rows of cells, found %2")
            .arg(static_cast<qint64>(planes) * rows)
            .arg(cells.size());
    Mask m = perHead ? Mask::perHead(planes, rows, cols) : Mask::shared(rows, cols);
    for (int p = 0; p < planes; ++p)
        for (int r = 0; r < rows; ++r) {
            const QString line = cells.at(p * rows + r).toString();
            if (line.size() != cols)
                return tr("mask: row %1 of plane %2 has %3 cells, expected %4")
                    .arg(r)
                    .arg(p)
                    .arg(line.size())
                    .arg(cols);
            for (int c = 0; c < cols; ++c) {
                if (line[c] != QLatin1Char('0') && line[c] != QLatin1Char('1'))
                    return tr("mask: cells must be 0 or 1 (row %1 of plane %2)").arg(r).arg(p);
                if (line[c] == QLatin1Char('0'))
                    m.set(perHead ? p : Mask::kAllHeads, r, c, false, planes);
            }
        }
    *mask = std::move(m);
    return {};
}

QJsonObject sessionToJson(const SessionDocument& doc)
{
    const SessionState& s = doc.state;
    QJsonObject o;
    o[QStringLiteral("format")] = QLatin1String(kSessionFormat);
    o[QStringLiteral("version")] = kSessionVersion;
    o[QStringLiteral("text")] = s.text;
    o[QStringLiteral("dModel")] = s.dModel;
    o[QStringLiteral("heads")] = s.heads;
    // A string: JSON numbers are doubles and would round seeds above 2^53.
    o[QStringLiteral("seed")] = QString::number(s.seed);
    QJsonObject preset;
    preset[QStringLiteral("name")] = QString::fromUtf8(toString(s.preset).data());
    preset[QStringLiteral("padding")] = s.presetParams.padding;
    preset[QStringLiteral("window")] = s.presetParams.window;
    preset[QStringLiteral("block")] = s.presetParams.block;
    preset[QStringLiteral("prefix")] = s.presetParams.prefix;
    preset[QStringLiteral("probability")] = s.presetParams.probability;
    preset[QStringLiteral("inverted")] = s.inverted;
    o[QStringLiteral("preset")] = preset;
    o[QStringLiteral("mask")] = maskToJson(s.mask);
    o[QStringLiteral("fill")] = QString::fromUtf8(toString(s.fill).data());
    o[QStringLiteral("scale")] = s.scale;
    o[QStringLiteral("temperature")] = s.temperature;
    o[QStringLiteral("colorMap")] = s.colorMap;
    QJsonArray designed;
    for (const DesignedHead& d : s.designedHeads)
        designed.append(QJsonObject{
            {QStringLiteral("head"), d.head},
            {QStringLiteral("pattern"), QString::fromUtf8(toString(d.pattern).data())}});
    o[QStringLiteral("designedHeads")] = designed;
    QJsonObject view;
    view[QStringLiteral("focusedHead")] = doc.view.focusedHead;
    view[QStringLiteral("stage")] = doc.view.stage;
    o[QStringLiteral("view")] = view;
    if (!doc.attention.isEmpty()) {
        QJsonObject a;
        a[QStringLiteral("path")] = doc.attention.path;
        a[QStringLiteral("tokens")] = doc.attention.tokensPath;
        a[QStringLiteral("layer")] = doc.attention.layer;
        o[QStringLiteral("attention")] = a;
    }
    if (!doc.weights.isEmpty())
        o[QStringLiteral("weights")] =
            QJsonObject{{QStringLiteral("file"), doc.weights.weightsPath},
                        {QStringLiteral("input"), doc.weights.inputPath},
                        {QStringLiteral("key"), doc.weights.keyInputPath},
                        {QStringLiteral("heads"), doc.weights.heads}};
    return o;
}

QString sessionFromJson(const QJsonObject& o, SessionDocument* out)
{
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kSessionFormat))
        return tr("not an AttnViz session (no \"format\": \"%1\" member)")
            .arg(QLatin1String(kSessionFormat));
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isDouble())
        return tr("the session has no version number");
    if (version.toDouble() != kSessionVersion)
        return tr("session version %1 is not supported: this AttnViz reads version %2%3")
            .arg(version.toDouble())
            .arg(kSessionVersion)
            .arg(version.toDouble() > kSessionVersion ? tr(" (the file is from a newer AttnViz)")
                                                      : QString());
    SessionDocument doc;
    SessionState& s = doc.state;
    QString error;
    if (!o.value(QStringLiteral("text")).isString())
        return tr("“text” must be a string");
    s.text = o.value(QStringLiteral("text")).toString();
    if (!readInt(o, "dModel", 1, 65536, &s.dModel, &error) ||
        !readInt(o, "heads", 1, 4096, &s.heads, &error))
        return error;
    if (s.dModel % s.heads != 0)
        return tr("d_model %1 is not divisible by %2 heads").arg(s.dModel).arg(s.heads);
    bool ok = false;
    s.seed = o.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    if (!ok)
        return tr("“seed” must be a string holding a non-negative whole number");

    const QJsonObject preset = o.value(QStringLiteral("preset")).toObject();
    const auto presetName =
        maskPresetFromString(preset.value(QStringLiteral("name")).toString().toStdString());
    if (!presetName)
        return tr("unknown mask preset “%1”").arg(preset.value(QStringLiteral("name")).toString());
    s.preset = *presetName;
    if (!readInt(preset, "padding", 0, 65536, &s.presetParams.padding, &error) ||
        !readInt(preset, "window", 0, 65536, &s.presetParams.window, &error) ||
        !readInt(preset, "block", 1, 65536, &s.presetParams.block, &error) ||
        !readInt(preset, "prefix", 0, 65536, &s.presetParams.prefix, &error))
        return tr("preset: %1").arg(error);
    s.presetParams.probability = preset.value(QStringLiteral("probability")).toDouble(-1.0);
    if (!(s.presetParams.probability >= 0.0 && s.presetParams.probability <= 1.0))
        return tr("preset: “probability” must be between 0 and 1");
    s.inverted = preset.value(QStringLiteral("inverted")).toBool();

    error = maskFromJson(o.value(QStringLiteral("mask")), &s.mask);
    if (!error.isEmpty())
        return error;
    const auto fill = maskFillFromString(o.value(QStringLiteral("fill")).toString().toStdString());
    if (!fill)
        return tr("“fill” must be large-negative or neg-inf");
    s.fill = *fill;
    s.scale = o.value(QStringLiteral("scale")).toBool(true);
    s.temperature = o.value(QStringLiteral("temperature")).toDouble(std::nan(""));
    if (!(s.temperature > 0.0) || !std::isfinite(s.temperature))
        return tr("“temperature” must be a positive number");
    s.colorMap = o.value(QStringLiteral("colorMap")).toString();
    if (!ColorMap::names().contains(s.colorMap))
        return tr("unknown colour map “%1”").arg(s.colorMap);

    for (const QJsonValue& v : o.value(QStringLiteral("designedHeads")).toArray()) {
        const QJsonObject d = v.toObject();
        const auto pattern =
            headPatternFromString(d.value(QStringLiteral("pattern")).toString().toStdString());
        int head = 0;
        if (!pattern || !readInt(d, "head", 0, s.heads - 1, &head, &error))
            return tr("designedHeads: each needs a head below %1 and a known pattern").arg(s.heads);
        s.designedHeads.push_back({head, *pattern});
    }
    const QJsonObject view = o.value(QStringLiteral("view")).toObject();
    doc.view.focusedHead = view.value(QStringLiteral("focusedHead")).toInt(-1);
    doc.view.stage = view.value(QStringLiteral("stage")).toString(QStringLiteral("weights"));

    if (o.contains(QStringLiteral("attention"))) {
        const QJsonObject a = o.value(QStringLiteral("attention")).toObject();
        doc.attention.path = a.value(QStringLiteral("path")).toString();
        doc.attention.tokensPath = a.value(QStringLiteral("tokens")).toString();
        doc.attention.layer = a.value(QStringLiteral("layer")).toInt(0);
        if (doc.attention.path.isEmpty())
            return tr("“attention” needs a “path”");
    } else if (o.contains(QStringLiteral("weights"))) {
        const QJsonObject w = o.value(QStringLiteral("weights")).toObject();
        doc.weights.weightsPath = w.value(QStringLiteral("file")).toString();
        doc.weights.inputPath = w.value(QStringLiteral("input")).toString();
        doc.weights.keyInputPath = w.value(QStringLiteral("key")).toString();
        if (doc.weights.weightsPath.isEmpty() || doc.weights.inputPath.isEmpty())
            return tr("“weights” needs a “file” and an “input”");
        if (!readInt(w, "heads", 1, 4096, &doc.weights.heads, &error))
            return error;
    } else if (!s.mask.empty()) {
        // The demo's tokens come from the text: the mask must fit them.
        const int tokens = static_cast<int>(tokenize(s.text.toStdString()).size());
        if (s.mask.rows() != tokens || s.mask.cols() != tokens)
            return tr("the mask is %1×%2 but the text has %3 tokens")
                .arg(s.mask.rows())
                .arg(s.mask.cols())
                .arg(tokens);
        if (s.mask.isPerHead() && s.mask.planes() != s.heads)
            return tr("the mask has %1 per-head planes but there are %2 heads")
                .arg(s.mask.planes())
                .arg(s.heads);
    }
    *out = std::move(doc);
    return {};
}

QString saveSession(const QString& path, const SessionDocument& doc)
{
    SessionDocument copy = doc;
    const QDir dir = QFileInfo(path).absoluteDir();
    for (QString* file : importedFiles(&copy))
        *file = dir.relativeFilePath(*file);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("cannot write %1: %2").arg(path, file.errorString());
    file.write(QJsonDocument(sessionToJson(copy)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString sessionSavePath(const QString& path)
{
    return QFileInfo(path).suffix().isEmpty() ? path + QLatin1String(kSessionSuffix) : path;
}

QString loadSession(const QString& path, SessionDocument* doc)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("cannot open %1: %2").arg(path, file.errorString());
    if (file.size() > kMaxSessionBytes)
        return tr("%1: %2 bytes is far too large for a session file").arg(path).arg(file.size());
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return tr("%1: not valid JSON at byte %2: %3")
            .arg(path)
            .arg(parseError.offset)
            .arg(parseError.errorString());
    if (!json.isObject())
        return tr("%1: not an AttnViz session (the JSON is not an object)").arg(path);
    SessionDocument loaded;
    const QString error = sessionFromJson(json.object(), &loaded);
    if (!error.isEmpty())
        return tr("%1: %2").arg(path, error);
    const QDir dir = QFileInfo(path).absoluteDir();
    for (QString* file : importedFiles(&loaded))
        *file = QDir::cleanPath(dir.absoluteFilePath(*file));
    *doc = std::move(loaded);
    return {};
}

} // namespace attnviz::ui
