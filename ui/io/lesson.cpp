#include "lesson.h"

#include "ui/model/pipeline_model.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace attnviz::ui {

namespace {

struct LessonError {
    QString message;
};

[[noreturn]] void fail(const QString& message)
{
    throw LessonError{message};
}

bool isText(const QJsonValue& v)
{
    if (v.isString())
        return true;
    if (!v.isObject() || v.toObject().isEmpty())
        return false;
    for (const QJsonValue& t : v.toObject())
        if (!t.isString())
            return false;
    return true;
}

MaskPreset presetFrom(const QJsonValue& v, const QString& where)
{
    const auto p = maskPresetFromString(v.toString().toStdString());
    if (!v.isString() || !p)
        fail(Lesson::tr("%1: unknown mask preset “%2”").arg(where, v.toString()));
    return *p;
}

MaskFill fillFrom(const QJsonValue& v, const QString& where)
{
    const auto f = maskFillFromString(v.toString().toStdString());
    if (!v.isString() || !f)
        fail(Lesson::tr("%1: fill must be “large-negative” or “neg-inf”").arg(where));
    return *f;
}

double positive(const QJsonValue& v, const QString& where, const char* name)
{
    if (!v.isDouble() || !(v.toDouble() > 0.0))
        fail(Lesson::tr("%1: “%2” must be a positive number").arg(where, QLatin1String(name)));
    return v.toDouble();
}

SessionState parseSetup(const QJsonObject& o)
{
    const QString where = Lesson::tr("setup");
    SessionState s;
    if (!o.value(QLatin1String("text")).isString())
        fail(Lesson::tr("setup: “text” (the sentence) is missing"));
    s.text = o.value(QLatin1String("text")).toString();
    if (o.contains(QLatin1String("d_model")))
        s.dModel = static_cast<int>(positive(o.value(QLatin1String("d_model")), where, "d_model"));
    if (o.contains(QLatin1String("heads")))
        s.heads = static_cast<int>(positive(o.value(QLatin1String("heads")), where, "heads"));
    if (s.dModel % s.heads != 0)
        fail(Lesson::tr("setup: d_model must be divisible by heads"));
    if (o.contains(QLatin1String("seed")))
        s.seed = static_cast<std::uint64_t>(o.value(QLatin1String("seed")).toDouble());
    if (o.contains(QLatin1String("preset")))
        s.preset = presetFrom(o.value(QLatin1String("preset")), where);
    if (o.contains(QLatin1String("padding")))
        s.presetParams.padding =
            static_cast<int>(positive(o.value(QLatin1String("padding")), where, "padding"));
    if (o.contains(QLatin1String("fill")))
        s.fill = fillFrom(o.value(QLatin1String("fill")), where);
    if (o.contains(QLatin1String("scale")))
        s.scale = o.value(QLatin1String("scale")).toBool(true);
    if (o.contains(QLatin1String("temperature")))
        s.temperature = positive(o.value(QLatin1String("temperature")), where, "temperature");
    return s;
}

LessonStep parseStep(const QJsonObject& o, int index, int heads)
{
    const QString where = Lesson::tr("step %1").arg(index + 1);
    LessonStep s;
    if (o.contains(QLatin1String("view"))) {
        s.view = o.value(QLatin1String("view")).toString();
        if (s.view != QLatin1String("pipeline") && s.view != QLatin1String("heads") &&
            s.view != QLatin1String("teaching"))
            fail(Lesson::tr("%1: unknown view “%2”").arg(where, s.view));
    }
    s.stage = o.value(QLatin1String("stage")).toString();
    if (!s.stage.isEmpty() && !PipelineModel::stepFromKey(s.stage))
        fail(Lesson::tr("%1: unknown stage “%2”").arg(where, s.stage));
    if (o.contains(QLatin1String("head"))) {
        const int head = o.value(QLatin1String("head")).toInt(0);
        if (head < 1 || head > heads)
            fail(Lesson::tr("%1: head must be between 1 and %2").arg(where).arg(heads));
        s.head = head - 1;
    }
    if (o.contains(QLatin1String("mask")))
        s.mask = presetFrom(o.value(QLatin1String("mask")), where);
    if (o.contains(QLatin1String("scale")))
        s.scale = o.value(QLatin1String("scale")).toBool(true);
    if (o.contains(QLatin1String("temperature")))
        s.temperature = positive(o.value(QLatin1String("temperature")), where, "temperature");
    if (o.contains(QLatin1String("fill")))
        s.fill = fillFrom(o.value(QLatin1String("fill")), where);
    if (o.contains(QLatin1String("pattern"))) {
        const QString name = o.value(QLatin1String("pattern")).toString();
        s.clearPattern = name == QLatin1String("learned");
        s.pattern = headPatternFromString(name.toStdString());
        if (!s.clearPattern && !s.pattern)
            fail(Lesson::tr("%1: unknown head pattern “%2”").arg(where, name));
    }
    s.caption = o.value(QLatin1String("caption"));
    if (!isText(s.caption))
        fail(Lesson::tr("%1: “caption” is missing").arg(where));
    return s;
}

} // namespace

std::optional<Lesson> Lesson::parse(const QByteArray& json, QString* error)
{
    try {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            fail(Lesson::tr("not valid JSON: %1").arg(parseError.errorString()));
        const QJsonObject root = doc.object();
        if (root.value(QLatin1String("format")).toString() != QLatin1String("attnviz-lesson"))
            fail(Lesson::tr("not an AttnViz lesson (\"format\" is not \"attnviz-lesson\")"));
        const int version = root.value(QLatin1String("version")).toInt(0);
        if (version != kVersion)
            fail(Lesson::tr("lesson version %1 is not supported "
                            "(this AttnViz reads version %2)")
                     .arg(version)
                     .arg(kVersion));
        Lesson lesson;
        lesson.title = root.value(QLatin1String("title"));
        if (!isText(lesson.title))
            fail(Lesson::tr("the lesson has no title"));
        lesson.setup = parseSetup(root.value(QLatin1String("setup")).toObject());
        const QJsonArray steps = root.value(QLatin1String("steps")).toArray();
        if (steps.isEmpty())
            fail(Lesson::tr("the lesson has no steps"));
        for (int i = 0; i < steps.size(); ++i)
            lesson.steps.push_back(parseStep(steps[i].toObject(), i, lesson.setup.heads));
        return lesson;
    } catch (const LessonError& e) {
        if (error)
            *error = e.message;
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

QString Lesson::localized(const QJsonValue& text)
{
    if (text.isString())
        return text.toString();
    const QJsonObject o = text.toObject();
    const QString name = QLocale().name();
    for (const QString& key : {name, name.section(QLatin1Char('_'), 0, 0), QStringLiteral("en")})
        if (o.contains(key))
            return o.value(key).toString();
    return o.isEmpty() ? QString() : o.begin()->toString();
}

} // namespace attnviz::ui
