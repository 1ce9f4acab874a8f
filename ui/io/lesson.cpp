#include "ui/io/lesson.h"

#include "common/error.h"
#include "io/strict_json.h"
#include "ui/model/pipeline_model.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <cmath>

namespace attnviz::ui {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw Error(message.toStdString());
}

bool isText(const Json& v)
{
    if (v.is_string())
        return true;
    if (!v.is_object() || v.empty())
        return false;
    for (const Json& t : v)
        if (!t.is_string())
            return false;
    return true;
}

MaskPreset presetFrom(const Json& v, const QString& where)
{
    const auto p = maskPresetFromString(jsonString(v).toStdString());
    if (!v.is_string() || !p)
        fail(Lesson::tr("%1: unknown mask preset “%2”").arg(where, jsonString(v)));
    return *p;
}

MaskFill fillFrom(const Json& v, const QString& where)
{
    const auto f = maskFillFromString(jsonString(v).toStdString());
    if (!v.is_string() || !f)
        fail(Lesson::tr("%1: fill must be “large-negative” or “neg-inf”").arg(where));
    return *f;
}

double positive(const Json& v, const QString& where, const char* name)
{
    if (!v.is_number() || !(v.get<double>() > 0.0))
        fail(Lesson::tr("%1: “%2” must be a positive number").arg(where, QLatin1String(name)));
    return v.get<double>();
}

// A JSON number is a double: casting one that is NaN or out of range to an integer is undefined
// behaviour (defect 6), so integers are checked to be whole and in [lo, hi] first. 2^53 is the
// largest bound a double holds every integer below.
double wholeNumber(const Json& v, const QString& where, const char* name, double lo, double hi)
{
    const double d = v.is_number() ? v.get<double>() : std::nan("");
    if (!(d >= lo && d <= hi) || d != std::floor(d))
        fail(Lesson::tr("%1: “%2” must be a whole number between %3 and %4")
                 .arg(where, QLatin1String(name))
                 .arg(lo, 0, 'f', 0)
                 .arg(hi, 0, 'f', 0));
    return d;
}

// How scores become weights: a setup and a step may both set these; absent ones stay unset.
void readScoreOptions(const Json& o, const QString& where, LessonStep* step)
{
    if (o.contains("scale"))
        step->scale = jsonBool(o, "scale", true);
    if (o.contains("temperature"))
        step->temperature = positive(jsonMember(o, "temperature"), where, "temperature");
    if (o.contains("fill"))
        step->fill = fillFrom(jsonMember(o, "fill"), where);
}

SessionState parseSetup(const Json& o)
{
    const QString where = Lesson::tr("setup");
    SessionState s;
    if (!jsonMember(o, "text").is_string())
        fail(Lesson::tr("setup: “text” (the sentence) is missing"));
    s.text = jsonString(o, "text");
    if (o.contains("d_model"))
        s.dModel =
            static_cast<int>(wholeNumber(jsonMember(o, "d_model"), where, "d_model", 1, 65536));
    if (o.contains("heads"))
        s.heads = static_cast<int>(wholeNumber(jsonMember(o, "heads"), where, "heads", 1, 4096));
    if (s.dModel % s.heads != 0)
        fail(Lesson::tr("setup: d_model must be divisible by heads"));
    if (o.contains("seed"))
        s.seed = static_cast<std::uint64_t>(
            wholeNumber(jsonMember(o, "seed"), where, "seed", 0, 0x1p53));
    if (o.contains("preset"))
        s.preset = presetFrom(jsonMember(o, "preset"), where);
    if (o.contains("padding"))
        s.presetParams.padding =
            static_cast<int>(wholeNumber(jsonMember(o, "padding"), where, "padding", 1, 65536));
    LessonStep options; // the same three settings as a step's
    readScoreOptions(o, where, &options);
    s.scale = options.scale.value_or(s.scale);
    s.temperature = options.temperature.value_or(s.temperature);
    s.fill = options.fill.value_or(s.fill);
    return s;
}

LessonStep parseStep(const Json& o, int index, int heads)
{
    const QString where = Lesson::tr("step %1").arg(index + 1);
    LessonStep s;
    if (o.contains("view")) {
        s.view = jsonString(o, "view");
        if (s.view != QLatin1String("pipeline") && s.view != QLatin1String("heads") &&
            s.view != QLatin1String("teaching"))
            fail(Lesson::tr("%1: unknown view “%2”").arg(where, s.view));
    }
    s.stage = jsonString(o, "stage");
    if (!s.stage.isEmpty() && !PipelineModel::stepFromKey(s.stage))
        fail(Lesson::tr("%1: unknown stage “%2”").arg(where, s.stage));
    if (o.contains("head")) {
        const int head = jsonInt(o, "head", 0);
        if (head < 1 || head > heads)
            fail(Lesson::tr("%1: head must be between 1 and %2").arg(where).arg(heads));
        s.head = head - 1;
    }
    if (o.contains("mask"))
        s.mask = presetFrom(jsonMember(o, "mask"), where);
    readScoreOptions(o, where, &s);
    if (o.contains("pattern")) {
        const QString name = jsonString(o, "pattern");
        s.clearPattern = name == QLatin1String("learned");
        s.pattern = headPatternFromString(name.toStdString());
        if (!s.clearPattern && !s.pattern)
            fail(Lesson::tr("%1: unknown head pattern “%2”").arg(where, name));
    }
    s.caption = jsonMember(o, "caption");
    if (!isText(s.caption))
        fail(Lesson::tr("%1: “caption” is missing").arg(where));
    return s;
}

} // namespace

std::optional<Lesson> Lesson::parse(const QByteArray& json, QString* error)
{
    try {
        Json root;
        try {
            root = io::parseStrictJson(std::string_view(json.data(), std::size_t(json.size())),
                                       "lesson");
        } catch (const io::JsonError& e) {
            fail(Lesson::tr("not valid JSON: %1").arg(QString::fromStdString(e.reason())));
        }
        if (jsonString(root, "format") != QLatin1String("attnviz-lesson"))
            fail(Lesson::tr("not an AttnViz lesson (\"format\" is not \"attnviz-lesson\")"));
        const int version = jsonInt(root, "version", 0);
        if (version != kVersion)
            fail(Lesson::tr("lesson version %1 is not supported "
                            "(this AttnViz reads version %2)")
                     .arg(version)
                     .arg(kVersion));
        Lesson lesson;
        lesson.title = jsonMember(root, "title");
        if (!isText(lesson.title))
            fail(Lesson::tr("the lesson has no title"));
        lesson.setup = parseSetup(jsonMember(root, "setup"));
        const Json& steps = jsonMember(root, "steps");
        if (!steps.is_array() || steps.empty())
            fail(Lesson::tr("the lesson has no steps"));
        for (std::size_t i = 0; i < steps.size(); ++i)
            lesson.steps.push_back(parseStep(steps[i], int(i), lesson.setup.heads));
        return lesson;
    } catch (const Error& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

std::optional<Lesson> Lesson::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Lesson::tr("cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString reason;
    auto lesson = parse(file.read(4 << 20), &reason);
    if (!lesson && error)
        *error = QStringLiteral("%1: %2").arg(path, reason);
    return lesson;
}

QString Lesson::localized(const Json& text)
{
    if (text.is_string())
        return jsonString(text);
    const QString name = QLocale().name();
    for (const QString& key : {name, name.section(QLatin1Char('_'), 0, 0), QStringLiteral("en")})
        if (const Json& t = jsonMember(text, key.toUtf8().constData()); !t.is_null())
            return jsonString(t);
    return text.is_object() && !text.empty() ? jsonString(*text.begin()) : QString();
}

} // namespace attnviz::ui
