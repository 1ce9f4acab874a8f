#pragma once

#include <QString>

namespace attnviz::ui {

// Chooses the UI language: `requested` ("zh_CN", "en") or, when empty, the system locale.
// Installs the compiled-in translation (":/i18n/attnviz_<lang>.qm") and Qt's own, makes it the
// default QLocale (lesson captions follow it), and for Chinese puts a Simplified Chinese CJK
// font first so Han characters get the mainland glyph forms. Returns the language in use.
QString installLanguage(const QString& requested);

// Languages with a translation, plus "en" (the source language).
QStringList availableLanguages();

} // namespace attnviz::ui
