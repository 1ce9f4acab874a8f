#include "lesson_player.h"

#include "ui/model/attention_controller.h"

#include <QDir>

// Resources compiled into a static library must be registered by name (the linker would drop
// an unreferenced resource object).
static void initLessonResources()
{
    Q_INIT_RESOURCE(lessons);
}

namespace attnviz::ui {

LessonPlayer::LessonPlayer(AttentionController* controller, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
{
}

QStringList LessonPlayer::shippedLessons()
{
    initLessonResources();
    QStringList paths;
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

SessionState LessonPlayer::stateAt(const Lesson& lesson, int index)
{
    SessionState s = lesson.setup;
    for (int i = 0; i <= index && i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        if (step.mask) {
            s.preset = *step.mask;
            s.inverted = false;
        }
        if (step.scale)
            s.scale = *step.scale;
        if (step.temperature)
            s.temperature = *step.temperature;
        if (step.fill)
            s.fill = *step.fill;
        if (step.pattern || step.clearPattern) {
            std::erase_if(s.designedHeads,
                          [&](const DesignedHead& d) { return d.head == step.head; });
            if (step.pattern)
                s.designedHeads.push_back({step.head, *step.pattern});
        }
    }
    s.mask = Mask(); // regenerated from the preset
    return s;
}

void LessonPlayer::start(const Lesson& lesson)
{
    m_lesson = lesson;
    m_active = true;
    m_index = -1;
    emit started();
    goTo(0);
}

void LessonPlayer::stop()
{
    if (!m_active)
        return;
    m_active = false;
    emit stopped();
}

bool LessonPlayer::next()
{
    if (!m_active || m_index + 1 >= count())
        return false;
    goTo(m_index + 1);
    return true;
}

bool LessonPlayer::previous()
{
    if (!m_active || m_index <= 0)
        return false;
    goTo(m_index - 1);
    return true;
}

void LessonPlayer::goTo(int index)
{
    if (!m_active || index < 0 || index >= count())
        return;
    m_index = index;
    SessionState s = stateAt(m_lesson, index);
    s.colorMap = m_controller->state().colorMap; // a lesson does not choose the user's colours
    m_controller->setState(s);
    emit stepApplied(index);
}

} // namespace attnviz::ui
