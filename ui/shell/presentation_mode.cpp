#include "presentation_mode.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace attnviz::ui {

PresentationMode::PresentationMode(QMainWindow* window)
    : QObject(window)
    , m_window(window)
{
}

void PresentationMode::enter()
{
    if (m_active)
        return;
    m_active = true;
    m_state = m_window->saveState();
    m_wasMaximized = m_window->isMaximized();
    m_wasFullScreen = m_window->isFullScreen();
    m_font = QApplication::font();
    m_theme = ThemeManager::current();

    // Everything but the content goes: menus, tool bars, docks, status bar.
    m_hidden.clear();
    std::vector<QWidget*> chrome{m_window->menuBar(), m_window->statusBar()};
    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>())
        chrome.push_back(dock);
    for (QToolBar* bar : m_window->findChildren<QToolBar*>())
        chrome.push_back(bar);
    for (QWidget* w : chrome)
        if (w && w->isVisible()) {
            m_hidden.emplace_back(w);
            w->hide();
        }

    QFont big = m_font;
    if (big.pointSizeF() > 0)
        big.setPointSizeF(big.pointSizeF() * kFontScale);
    else
        big.setPixelSize(static_cast<int>(big.pixelSize() * kFontScale));
    QApplication::setFont(big);
    ThemeManager::apply(Theme::HighContrast);
    m_window->showFullScreen();
    emit activeChanged(true);
}

void PresentationMode::leave()
{
    if (!m_active)
        return;
    m_active = false;
    QApplication::setFont(m_font);
    ThemeManager::apply(m_theme);
    for (const QPointer<QWidget>& w : m_hidden)
        if (w)
            w->show();
    m_hidden.clear();
    if (m_wasFullScreen)
        m_window->showFullScreen();
    else if (m_wasMaximized)
        m_window->showMaximized();
    else
        m_window->showNormal();
    m_window->restoreState(m_state);
    emit activeChanged(false);
}

} // namespace attnviz::ui
