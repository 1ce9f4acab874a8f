#include "theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyleFactory>

namespace attnviz::ui {

namespace {

Theme g_current = Theme::Light;

void setColors(QPalette& p, QColor window, QColor base, QColor alternate, QColor text,
               QColor button, QColor highlight, QColor highlightText, QColor mid)
{
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, window);
        p.setColor(g, QPalette::WindowText, text);
        p.setColor(g, QPalette::Base, base);
        p.setColor(g, QPalette::AlternateBase, alternate);
        p.setColor(g, QPalette::Text, text);
        p.setColor(g, QPalette::Button, button);
        p.setColor(g, QPalette::ButtonText, text);
        p.setColor(g, QPalette::Highlight, highlight);
        p.setColor(g, QPalette::HighlightedText, highlightText);
        p.setColor(g, QPalette::ToolTipBase, base);
        p.setColor(g, QPalette::ToolTipText, text);
        p.setColor(g, QPalette::Mid, mid);
        p.setColor(g, QPalette::PlaceholderText, mid);
        p.setColor(g, QPalette::Link, highlight);
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, mid);
    p.setColor(QPalette::Disabled, QPalette::Text, mid);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mid);
}

} // namespace

QStringList ThemeManager::names()
{
    return {QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("high-contrast")};
}

QString ThemeManager::name(Theme theme)
{
    return names().at(static_cast<int>(theme));
}

Theme ThemeManager::fromName(const QString& name)
{
    const int i = names().indexOf(name);
    return i < 0 ? Theme::Light : static_cast<Theme>(i);
}

QPalette ThemeManager::palette(Theme theme)
{
    QPalette p;
    switch (theme) {
    case Theme::Light:
        setColors(p, QColor(0xf3, 0xf3, 0xf3), Qt::white, QColor(0xf7, 0xf7, 0xf7),
                  QColor(0x20, 0x20, 0x20), QColor(0xe8, 0xe8, 0xe8), QColor(0x15, 0x65, 0xc0),
                  Qt::white, QColor(0x90, 0x90, 0x90));
        break;
    case Theme::Dark:
        setColors(p, QColor(0x2b, 0x2b, 0x2e), QColor(0x1e, 0x1e, 0x21), QColor(0x33, 0x33, 0x37),
                  QColor(0xe6, 0xe6, 0xe6), QColor(0x3a, 0x3a, 0x3e), QColor(0x4f, 0xa3, 0xff),
                  Qt::black, QColor(0x80, 0x80, 0x86));
        break;
    case Theme::HighContrast:
        // Pure black on white reads best on washed-out projectors; a saturated orange accent
        // stays visible on every colour map.
        setColors(p, Qt::white, Qt::white, QColor(0xf0, 0xf0, 0xf0), Qt::black,
                  QColor(0xe0, 0xe0, 0xe0), QColor(0xff, 0x6d, 0x00), Qt::black,
                  QColor(0x50, 0x50, 0x50));
        break;
    }
    return p;
}

void ThemeManager::apply(Theme theme)
{
    if (auto* style = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(style);
    QApplication::setPalette(palette(theme));
    g_current = theme;
}

Theme ThemeManager::current()
{
    return g_current;
}

Theme ThemeManager::saved()
{
    return fromName(QSettings().value(QStringLiteral("view/theme")).toString());
}

void ThemeManager::save(Theme theme)
{
    QSettings().setValue(QStringLiteral("view/theme"), name(theme));
}

} // namespace attnviz::ui
