#pragma once

#include "ui/io/json_value.h"
#include "ui/model/session_state.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>
#include <optional>

namespace attnviz::ui {

// One step of a lesson: what to show and the sentence the teacher says.
struct LessonStep {
    QString view = QStringLiteral("pipeline"); // "pipeline", "heads" or "teaching"
    QString stage;                             // pipeline step key ("softmax", …); empty: all
    int head = 0;                              // 0-based (1-based in the file)
    std::optional<MaskPreset> mask;            // unset: keep the current mask
    std::optional<bool> scale;
    std::optional<double> temperature;
    std::optional<MaskFill> fill;
    std::optional<HeadPattern> pattern; // designed pattern for `head` ("learned" clears it)
    bool clearPattern = false;
    Json caption; // a string or {"en": …, "zh_CN": …}
};

// A lesson file: a self-contained set-up (the same fields as a session's essentials) and an
// ordered list of steps. JSON, "format": "attnviz-lesson", "version": 1.
struct Lesson {
    Q_DECLARE_TR_FUNCTIONS(Lesson)
public:
    Json title;
    SessionState setup;
    QVector<LessonStep> steps;

    static constexpr int kVersion = 1;
    // Parses a lesson; on failure returns nothing and sets *error to the reason.
    static std::optional<Lesson> parse(const QByteArray& json, QString* error);
    static std::optional<Lesson> load(const QString& path, QString* error);

    // The text for the current UI language (QLocale's default): an exact match ("zh_CN"), then
    // the language alone ("zh"), then "en", then anything.
    static QString localized(const Json& text);
};

} // namespace attnviz::ui
