#include "language.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace attnviz::ui {

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString installLanguage(const QString& requested)
{
    const QString system = QLocale::system().name();
    QString lang = requested.isEmpty() ? system : requested;
    if (lang.startsWith(QLatin1String("zh")))
        lang = QStringLiteral("zh_CN");
    else
        lang = QStringLiteral("en");
    QLocale::setDefault(QLocale(lang));
    if (lang == QLatin1String("en"))
        return lang;

    auto* ours = new QTranslator(qApp);
    if (ours->load(QStringLiteral(":/i18n/attnviz_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(ours);
    auto* qt = new QTranslator(qApp);
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);

    // Fontconfig would otherwise pick whichever CJK face comes first (often the Japanese one).
    const QStringList families = QFontDatabase::families();
    for (const QString& cjk :
         {QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Source Han Sans SC"),
          QStringLiteral("WenQuanYi Micro Hei")}) {
        if (families.contains(cjk)) {
            QFont font = QApplication::font();
            font.setFamilies({font.family(), cjk});
            QApplication::setFont(font);
            break;
        }
    }
    return lang;
}

} // namespace attnviz::ui
