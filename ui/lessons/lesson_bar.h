#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace attnviz::ui {

class LessonPlayer;

// The banner above the views during a lesson: title, step n of m, the caption in large type,
// previous / next / end.
class LessonBar : public QFrame {
    Q_OBJECT
public:
    LessonBar(LessonPlayer* player, QWidget* parent = nullptr);

    QLabel* captionLabel() const { return m_caption; }

private:
    void refresh();

    LessonPlayer* m_player;
    QLabel* m_title;
    QLabel* m_caption;
    QToolButton* m_previous;
    QToolButton* m_next;
    QToolButton* m_close;
};

} // namespace attnviz::ui
