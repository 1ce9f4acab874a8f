#include "export_sidecar.h"

#include <QFileInfo>
#include <QJsonArray>

namespace attnviz::ui {

QJsonObject exportSidecar(const SessionDocument& session, const Figure& figure, Stage stage,
                          const std::vector<int>& heads, const ExportRequest& request)
{
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("attnviz-export");
    o[QStringLiteral("version")] = 1;
    o[QStringLiteral("attnvizVersion")] = QStringLiteral(ATTNVIZ_VERSION_STRING);
    QJsonObject image;
    image[QStringLiteral("file")] = QFileInfo(request.path).fileName();
    image[QStringLiteral("format")] = toString(request.format);
    if (request.format == ExportFormat::Png)
        image[QStringLiteral("scale")] = request.scale;
    const QSizeF size = FigureRenderer(figure).naturalSize();
    image[QStringLiteral("width")] = size.width();
    image[QStringLiteral("height")] = size.height();
    o[QStringLiteral("image")] = image;
    o[QStringLiteral("stage")] = toString(stage);
    QJsonArray shown;
    for (const FigurePanel& p : figure.panels)
        shown.append(p.head + 1);
    o[QStringLiteral("heads")] = heads.empty() ? QJsonValue(QStringLiteral("all")) : shown;
    o[QStringLiteral("headsShown")] = shown;
    o[QStringLiteral("colorMap")] = figure.colorMap.name();
    o[QStringLiteral("range")] = QJsonArray{figure.vmin, figure.vmax};
    o[QStringLiteral("queryTokens")] = QJsonArray::fromStringList(figure.rowTokens);
    o[QStringLiteral("keyTokens")] = QJsonArray::fromStringList(figure.colTokens);
    QJsonObject s = sessionToJson(session);
    if (!session.attention.isEmpty()) {
        // Demo parameters do not apply to precomputed attention.
        for (const char* key : {"text", "dModel", "seed"})
            s.remove(QLatin1String(key));
    }
    o[QStringLiteral("session")] = s;
    return o;
}

} // namespace attnviz::ui
