#pragma once

#include "ui/io/lesson.h"

#include <QObject>
#include <QStringList>

namespace attnviz::ui {

class AttentionController;

// Walks through a lesson. Going to step k sets the controller to the lesson's set-up with the
// changes of steps 0 … k folded in (one recompute), so stepping backwards shows exactly what
// stepping forwards showed. Views follow through stepApplied().
class LessonPlayer : public QObject {
    Q_OBJECT
public:
    explicit LessonPlayer(AttentionController* controller, QObject* parent = nullptr);

    bool isActive() const { return m_active; }
    const Lesson& lesson() const { return m_lesson; }
    int index() const { return m_index; }
    int count() const { return static_cast<int>(m_lesson.steps.size()); }
    const LessonStep& step() const { return m_lesson.steps.at(m_index); }
    QString title() const { return Lesson::localized(m_lesson.title); }
    QString caption() const { return m_active ? Lesson::localized(step().caption) : QString(); }

    // The lessons compiled into the application (":/lessons/….json"), in file-name order.
    static QStringList shippedLessons();
    // The set-up with steps 0 … index applied.
    static SessionState stateAt(const Lesson& lesson, int index);

public slots:
    void start(const attnviz::ui::Lesson& lesson);
    void stop();
    bool next();
    bool previous();
    void goTo(int index);

signals:
    void started();
    void stepApplied(int index);
    void stopped();

private:
    AttentionController* m_controller;
    Lesson m_lesson;
    int m_index = 0;
    bool m_active = false;
};

} // namespace attnviz::ui
