#pragma once

#include <QPalette>
#include <QString>
#include <QStringList>

namespace attnviz::ui {

// Application-wide colours. Light and dark for everyday use (View ▸ Theme, remembered), high
// contrast for a projector (presentation mode).
enum class Theme { Light, Dark, HighContrast };

class ThemeManager {
public:
    static QStringList names(); // "light", "dark", "high-contrast"
    static QString name(Theme theme);
    static Theme fromName(const QString& name); // unknown names give Light
    static QPalette palette(Theme theme);
    // Fusion style (it honours palettes on every platform) and the theme's palette.
    static void apply(Theme theme);
    static Theme current();

    // Remembered user choice (QSettings "view/theme").
    static Theme saved();
    static void save(Theme theme);
};

} // namespace attnviz::ui
