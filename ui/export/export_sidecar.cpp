#include "export_sidecar.h"

#include <QFileInfo>

namespace attnviz::ui {

Json exportSidecar(const SessionDocument& session, const Figure& figure, Stage stage,
                   const std::vector<int>& heads, const ExportRequest& request)
{
    Json o;
    o["format"] = "attnviz-export";
    o["version"] = 1;
    o["attnvizVersion"] = ATTNVIZ_VERSION_STRING;
    Json image;
    image["file"] = toJson(QFileInfo(request.path).fileName());
    image["format"] = toJson(toString(request.format));
    if (request.format == ExportFormat::Png)
        image["scale"] = request.scale;
    const QSizeF size = FigureRenderer(figure).naturalSize();
    image["width"] = size.width();
    image["height"] = size.height();
    o["image"] = std::move(image);
    o["stage"] = toJson(toString(stage));
    Json shown = Json::array();
    for (const FigurePanel& p : figure.panels)
        shown.push_back(p.head + 1);
    o["heads"] = heads.empty() ? Json("all") : shown;
    o["headsShown"] = shown;
    o["colorMap"] = toJson(figure.colorMap.name());
    o["range"] = {figure.vmin, figure.vmax};
    o["queryTokens"] = toJson(figure.rowTokens);
    o["keyTokens"] = toJson(figure.colTokens);
    Json s = sessionToJson(session);
    if (!session.attention.isEmpty()) {
        // Demo parameters do not apply to precomputed attention.
        for (const char* key : {"text", "dModel", "seed"})
            s.erase(key);
    }
    o["session"] = std::move(s);
    return o;
}

} // namespace attnviz::ui
