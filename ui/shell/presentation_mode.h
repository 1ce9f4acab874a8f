#pragma once

#include "theme.h"

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>
#include <vector>

class QMainWindow;
class QWidget;

namespace attnviz::ui {

// Classroom presentation: full screen, large fonts, the high-contrast theme, menus, tool bars,
// docks and the status bar hidden. leave() restores exactly what was there before.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    explicit PresentationMode(QMainWindow* window);

    bool isActive() const { return m_active; }
    // The application font grows by this factor (a projector at the back of a room).
    static constexpr double kFontScale = 1.7;

public slots:
    void enter();
    void leave();
    void toggle() { m_active ? leave() : enter(); }

signals:
    void activeChanged(bool active);

private:
    QMainWindow* m_window;
    bool m_active = false;
    QByteArray m_state;
    bool m_wasMaximized = false;
    bool m_wasFullScreen = false;
    QFont m_font;
    Theme m_theme = Theme::Light;
    std::vector<QPointer<QWidget>> m_hidden;
};

} // namespace attnviz::ui
