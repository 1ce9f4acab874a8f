#pragma once

#include "ui/io/json_value.h"
#include "ui/render/figure.h"

#include <QImage>
#include <QString>
#include <optional>

namespace attnviz::ui {

enum class ExportFormat { Png, Svg, Pdf };
std::optional<ExportFormat> exportFormatFromString(const QString& name);
QString toString(ExportFormat format);

struct ExportRequest {
    ExportFormat format = ExportFormat::Png;
    double scale = 2.0; // PNG only: pixels per figure unit (1×–4×)
    QString path;
    Json sidecar; // written to path + ".json" unless null
};

inline constexpr double kMinExportScale = 1.0;
inline constexpr double kMaxExportScale = 4.0;

// The figure as a raster image (also what the clipboard gets).
QImage renderImage(const Figure& figure, double scale);

// PNG, SVG (every cell a <rect>, every label a <text>) or PDF (a multi-head figure gets the whole
// grid on page 1, then one page per head). The image and its sidecar appear together or not at
// all (QSaveFile: temporary file, then rename). Returns the reason of a failure, "" on success.
QString exportFigure(const Figure& figure, const ExportRequest& request);

// Number of PDF pages exportFigure writes for `figure`.
int pdfPageCount(const Figure& figure);

} // namespace attnviz::ui
