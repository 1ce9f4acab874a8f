#include "ui/io/session_file.h"

#include "common/error.h"
#include "demo/tokenizer.h"
#include "io/strict_json.h"
#include "mask/mask_bits.h"
#include "ui/render/color_map.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cmath>
#include <vector>

namespace attnviz::ui {

namespace {

// The messages' translation context. lupdate files a free tr() by the namespace it is called in,
// which QObject::tr never looks up: those messages were never translated (defect 3).
class SessionFile {
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

// Reads an integer member in [lo, hi]; false (and a reason) otherwise.
bool readInt(const Json& o, const char* key, int lo, int hi, int* out, QString* error)
{
    const double d = jsonNumber(o, key, std::nan(""));
    if (d != std::floor(d) || d < lo || d > hi) {
        *error = SessionFile::tr("“%1” must be a whole number between %2 and %3")
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

// Files before the packed bits: one string of 0/1 per row and plane.
QString maskFromCells(const Json& cells, int planes, int rows, int cols, bool perHead, Mask* mask)
{
    const qint64 size = cells.is_array() ? qint64(cells.size()) : 0;
    if (planes < 1 || static_cast<qint64>(planes) * rows != size)
        return SessionFile::tr("mask: expected %1 rows of cells, found %2")
            .arg(static_cast<qint64>(planes) * rows)
            .arg(size);
    Mask m = perHead ? Mask::perHead(planes, rows, cols) : Mask::shared(rows, cols);
    for (int p = 0; p < planes; ++p)
        for (int r = 0; r < rows; ++r) {
            const Json& cell = cells[std::size_t(p) * rows + r];
            const std::string line = cell.is_string() ? cell.get<std::string>() : std::string();
            if (line.size() != std::size_t(cols))
                return SessionFile::tr("mask: row %1 of plane %2 has %3 cells, expected %4")
                    .arg(r)
                    .arg(p)
                    .arg(line.size())
                    .arg(cols);
            for (int c = 0; c < cols; ++c) {
                if (line[c] != '0' && line[c] != '1')
                    return SessionFile::tr("mask: cells must be 0 or 1 (row %1 of plane %2)")
                        .arg(r)
                        .arg(p);
                if (line[c] == '0')
                    m.set(perHead ? p : Mask::kAllHeads, r, c, false, planes);
            }
        }
    *mask = std::move(m);
    return {};
}

} // namespace

Json maskToJson(const Mask& mask)
{
    Json o = {{"rows", mask.rows()},
              {"cols", mask.cols()},
              {"perHead", mask.isPerHead()},
              {"planes", mask.planes()}};
    if (!mask.empty()) {
        const std::string bits = packMaskBits(mask);
        o["bits"] =
            QByteArray::fromRawData(bits.data(), qsizetype(bits.size())).toBase64().toStdString();
    }
    return o;
}

QString maskFromJson(const Json& o, Mask* mask)
{
    if (!o.is_object())
        return SessionFile::tr("“mask” must be an object");
    QString error;
    int rows = 0, cols = 0, planes = 0;
    constexpr int kMaxSide = 1 << 16;
    if (!readInt(o, "rows", 0, kMaxSide, &rows, &error) ||
        !readInt(o, "cols", 0, kMaxSide, &cols, &error) ||
        !readInt(o, "planes", 0, 4096, &planes, &error))
        return SessionFile::tr("mask: %1").arg(error);
    const bool perHead = jsonBool(o, "perHead", false);
    if (rows == 0 || cols == 0) {
        *mask = Mask();
        return {};
    }
    if (!perHead && planes != 1)
        return SessionFile::tr("mask: a shared mask has exactly one plane, not %1").arg(planes);
    if (o.contains("cells"))
        return maskFromCells(o["cells"], planes, rows, cols, perHead, mask);
    const Json& text = jsonMember(o, "bits");
    const auto bits = QByteArray::fromBase64Encoding(
        QByteArray::fromStdString(text.is_string() ? text.get<std::string>() : std::string()),
        QByteArray::AbortOnBase64DecodingErrors);
    if (!text.is_string() || !bits)
        return SessionFile::tr("mask: “bits” must be a base64 string");
    try {
        *mask =
            unpackMaskBits(std::string_view(bits.decoded.data(), std::size_t(bits.decoded.size())),
                           planes, rows, cols, perHead);
    } catch (const Error& e) {
        return SessionFile::tr("mask: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

Json sessionToJson(const SessionDocument& doc)
{
    const SessionState& s = doc.state;
    Json o;
    o["format"] = kSessionFormat;
    o["version"] = kSessionVersion;
    o["text"] = toJson(s.text);
    o["dModel"] = s.dModel;
    o["heads"] = s.heads;
    // A string: JSON numbers are doubles and would round seeds above 2^53.
    o["seed"] = std::to_string(s.seed);
    o["preset"] = {{"name", std::string(toString(s.preset))},
                   {"padding", s.presetParams.padding},
                   {"window", s.presetParams.window},
                   {"block", s.presetParams.block},
                   {"prefix", s.presetParams.prefix},
                   {"probability", s.presetParams.probability},
                   {"inverted", s.inverted}};
    o["mask"] = maskToJson(s.mask);
    o["fill"] = std::string(toString(s.fill));
    o["scale"] = s.scale;
    o["temperature"] = s.temperature;
    o["colorMap"] = toJson(s.colorMap);
    Json designed = Json::array();
    for (const DesignedHead& d : s.designedHeads)
        designed.push_back({{"head", d.head}, {"pattern", std::string(toString(d.pattern))}});
    o["designedHeads"] = std::move(designed);
    o["view"] = {{"focusedHead", doc.view.focusedHead}, {"stage", toJson(doc.view.stage)}};
    if (!doc.attention.isEmpty())
        o["attention"] = {{"path", toJson(doc.attention.path)},
                          {"tokens", toJson(doc.attention.tokensPath)},
                          {"layer", doc.attention.layer}};
    if (!doc.weights.isEmpty())
        o["weights"] = {{"file", toJson(doc.weights.weightsPath)},
                        {"input", toJson(doc.weights.inputPath)},
                        {"key", toJson(doc.weights.keyInputPath)},
                        {"heads", doc.weights.heads}};
    return o;
}

QString sessionFromJson(const Json& o, SessionDocument* out)
{
    if (jsonString(o, "format") != QLatin1String(kSessionFormat))
        return SessionFile::tr("not an AttnViz session (no \"format\": \"%1\" member)")
            .arg(QLatin1String(kSessionFormat));
    const double version = jsonNumber(o, "version", std::nan(""));
    if (std::isnan(version))
        return SessionFile::tr("the session has no version number");
    if (version != kSessionVersion)
        return SessionFile::tr(
                   "session version %1 is not supported: this AttnViz reads version %2%3")
            .arg(version)
            .arg(kSessionVersion)
            .arg(version > kSessionVersion ? SessionFile::tr(" (the file is from a newer AttnViz)")
                                           : QString());
    SessionDocument doc;
    SessionState& s = doc.state;
    QString error;
    if (!jsonMember(o, "text").is_string())
        return SessionFile::tr("“text” must be a string");
    s.text = jsonString(o, "text");
    if (!readInt(o, "dModel", 1, 65536, &s.dModel, &error) ||
        !readInt(o, "heads", 1, 4096, &s.heads, &error))
        return error;
    if (s.dModel % s.heads != 0)
        return SessionFile::tr("d_model %1 is not divisible by %2 heads")
            .arg(s.dModel)
            .arg(s.heads);
    bool ok = false;
    s.seed = jsonString(o, "seed").toULongLong(&ok);
    if (!ok)
        return SessionFile::tr("“seed” must be a string holding a non-negative whole number");

    const Json& preset = jsonMember(o, "preset");
    const auto presetName = maskPresetFromString(jsonString(preset, "name").toStdString());
    if (!presetName)
        return SessionFile::tr("unknown mask preset “%1”").arg(jsonString(preset, "name"));
    s.preset = *presetName;
    if (!readInt(preset, "padding", 0, 65536, &s.presetParams.padding, &error) ||
        !readInt(preset, "window", 0, 65536, &s.presetParams.window, &error) ||
        !readInt(preset, "block", 1, 65536, &s.presetParams.block, &error) ||
        !readInt(preset, "prefix", 0, 65536, &s.presetParams.prefix, &error))
        return SessionFile::tr("preset: %1").arg(error);
    s.presetParams.probability = jsonNumber(preset, "probability", -1.0);
    if (!(s.presetParams.probability >= 0.0 && s.presetParams.probability <= 1.0))
        return SessionFile::tr("preset: “probability” must be between 0 and 1");
    s.inverted = jsonBool(preset, "inverted", false);

    error = maskFromJson(jsonMember(o, "mask"), &s.mask);
    if (!error.isEmpty())
        return error;
    const auto fill = maskFillFromString(jsonString(o, "fill").toStdString());
    if (!fill)
        return SessionFile::tr("“fill” must be large-negative or neg-inf");
    s.fill = *fill;
    s.scale = jsonBool(o, "scale", true);
    s.temperature = jsonNumber(o, "temperature", std::nan(""));
    if (!(s.temperature > 0.0) || !std::isfinite(s.temperature))
        return SessionFile::tr("“temperature” must be a positive number");
    s.colorMap = jsonString(o, "colorMap");
    if (!ColorMap::names().contains(s.colorMap))
        return SessionFile::tr("unknown colour map “%1”").arg(s.colorMap);

    const Json& designed = jsonMember(o, "designedHeads");
    for (const Json& d : designed.is_array() ? designed : Json::array()) {
        const auto pattern = headPatternFromString(jsonString(d, "pattern").toStdString());
        int head = 0;
        if (!pattern || !readInt(d, "head", 0, s.heads - 1, &head, &error))
            return SessionFile::tr("designedHeads: each needs a head below %1 and a known pattern")
                .arg(s.heads);
        s.designedHeads.push_back({head, *pattern});
    }
    const Json& view = jsonMember(o, "view");
    doc.view.focusedHead = jsonInt(view, "focusedHead", -1);
    doc.view.stage = jsonString(view, "stage", QStringLiteral("weights"));

    if (o.contains("attention")) {
        const Json& a = o["attention"];
        doc.attention.path = jsonString(a, "path");
        doc.attention.tokensPath = jsonString(a, "tokens");
        doc.attention.layer = jsonInt(a, "layer", 0);
        if (doc.attention.path.isEmpty())
            return SessionFile::tr("“attention” needs a “path”");
    } else if (o.contains("weights")) {
        const Json& w = o["weights"];
        doc.weights.weightsPath = jsonString(w, "file");
        doc.weights.inputPath = jsonString(w, "input");
        doc.weights.keyInputPath = jsonString(w, "key");
        if (doc.weights.weightsPath.isEmpty() || doc.weights.inputPath.isEmpty())
            return SessionFile::tr("“weights” needs a “file” and an “input”");
        if (!readInt(w, "heads", 1, 4096, &doc.weights.heads, &error))
            return error;
    } else if (!s.mask.empty()) {
        // The demo's tokens come from the text: the mask must fit them.
        const int tokens = static_cast<int>(tokenize(s.text.toStdString()).size());
        if (s.mask.rows() != tokens || s.mask.cols() != tokens)
            return SessionFile::tr("the mask is %1×%2 but the text has %3 tokens")
                .arg(s.mask.rows())
                .arg(s.mask.cols())
                .arg(tokens);
        if (s.mask.isPerHead() && s.mask.planes() != s.heads)
            return SessionFile::tr("the mask has %1 per-head planes but there are %2 heads")
                .arg(s.mask.planes())
                .arg(s.heads);
    }
    *out = std::move(doc);
    return {};
}

QString parseSession(std::string_view text, const QString& name, SessionDocument* doc)
{
    Json json;
    try {
        json = io::parseStrictJson(text, name.toStdString());
    } catch (const io::JsonError& e) {
        return SessionFile::tr("%1: not valid JSON at byte %2: %3")
            .arg(name)
            .arg(e.byte())
            .arg(QString::fromStdString(e.reason()));
    }
    if (!json.is_object())
        return SessionFile::tr("%1: not an AttnViz session (the JSON is not an object)").arg(name);
    const QString error = sessionFromJson(json, doc);
    return error.isEmpty() ? error : SessionFile::tr("%1: %2").arg(name, error);
}

QString saveSession(const QString& path, const SessionDocument& doc)
{
    const Mask& mask = doc.state.mask;
    if (std::int64_t(mask.planes()) * mask.rows() * mask.cols() > kMaxPackedMaskCells)
        return SessionFile::tr("cannot save %1: a mask of %2 cells is more than a session file "
                               "may hold (%3)")
            .arg(path)
            .arg(std::int64_t(mask.planes()) * mask.rows() * mask.cols())
            .arg(kMaxPackedMaskCells);
    SessionDocument copy = doc;
    const QDir dir = QFileInfo(path).absoluteDir();
    for (QString* file : importedFiles(&copy))
        *file = dir.relativeFilePath(*file);
    const std::string json = jsonText(sessionToJson(copy));
    // Checked before the file is touched: a session that could not be opened again is not saved.
    if (qint64(json.size()) > kMaxSessionBytes)
        return SessionFile::tr(
                   "cannot save %1: the session would be %2 MB, more than the %3 MB a session "
                   "file may have")
            .arg(path)
            .arg(double(json.size()) / (1 << 20), 0, 'f', 1)
            .arg(kMaxSessionBytes >> 20);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return SessionFile::tr("cannot write %1: %2").arg(path, file.errorString());
    file.write(json.data(), qint64(json.size()));
    if (!file.commit())
        return SessionFile::tr("cannot write %1: %2").arg(path, file.errorString());
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
        return SessionFile::tr("cannot open %1: %2").arg(path, file.errorString());
    if (file.size() > kMaxSessionBytes)
        return SessionFile::tr("%1: %2 bytes is far too large for a session file")
            .arg(path)
            .arg(file.size());
    const QByteArray bytes = file.readAll();
    SessionDocument loaded;
    const QString error =
        parseSession(std::string_view(bytes.data(), std::size_t(bytes.size())), path, &loaded);
    if (!error.isEmpty())
        return error;
    const QDir dir = QFileInfo(path).absoluteDir();
    for (QString* file : importedFiles(&loaded))
        *file = QDir::cleanPath(dir.absoluteFilePath(*file));
    *doc = std::move(loaded);
    return {};
}

} // namespace attnviz::ui
