#include "image_exporter.h"

#include <QBuffer>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>

namespace attnviz::ui {

std::optional<ExportFormat> exportFormatFromString(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("png"))
        return ExportFormat::Png;
    if (n == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (n == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    return std::nullopt;
}

QString toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QImage renderImage(const Figure& figure, double scale)
{
    const FigureRenderer renderer(figure);
    const QSizeF size = renderer.naturalSize() * scale;
    QImage image(QSize(static_cast<int>(std::ceil(size.width())),
                       static_cast<int>(std::ceil(size.height()))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    // Text and hatching antialiased; cells are axis-aligned and stay exact colours.
    p.setRenderHint(QPainter::TextAntialiasing);
    renderer.paint(p, QRectF(QPointF(0, 0), size));
    p.end();
    return image.convertToFormat(QImage::Format_RGB32);
}

int pdfPageCount(const Figure& figure)
{
    return figure.panels.size() > 1 ? 1 + static_cast<int>(figure.panels.size()) : 1;
}

namespace {

// The figure of one panel only (PDF pages after the grid).
Figure singlePanel(const Figure& figure, std::size_t index)
{
    Figure one = figure;
    one.panels = {figure.panels[index]};
    return one;
}

void setPdfPage(QPdfWriter& writer, const QSizeF& size)
{
    writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize::Point), QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0)));
}

QString writePdf(const Figure& figure, QIODevice* device)
{
    QPdfWriter writer(device);
    writer.setResolution(72); // one figure unit = one point
    writer.setCreator(QStringLiteral("AttnViz"));
    writer.setTitle(figure.title);
    const FigureRenderer whole(figure);
    setPdfPage(writer, whole.naturalSize());
    QPainter p;
    if (!p.begin(&writer))
        return QObject::tr("the PDF writer could not start");
    whole.paint(p, QRectF(QPointF(0, 0), whole.naturalSize()));
    if (figure.panels.size() > 1)
        for (std::size_t i = 0; i < figure.panels.size(); ++i) {
            const Figure one = singlePanel(figure, i);
            const FigureRenderer page(one);
            setPdfPage(writer, page.naturalSize());
            writer.newPage();
            page.paint(p, QRectF(QPointF(0, 0), page.naturalSize()));
        }
    p.end();
    return {};
}

QString writeSvg(const Figure& figure, QIODevice* device)
{
    const FigureRenderer renderer(figure);
    const QSizeF size = renderer.naturalSize();
    QSvgGenerator svg;
    svg.setOutputDevice(device);
    svg.setSize(size.toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), size));
    svg.setResolution(72); // font sizes in the SVG equal the figure's pixel sizes
    svg.setTitle(figure.title.isEmpty() ? QStringLiteral("AttnViz") : figure.title);
    svg.setDescription(QStringLiteral("Attention heatmap exported by AttnViz"));
    QPainter p;
    if (!p.begin(&svg))
        return QObject::tr("the SVG generator could not start");
    renderer.paint(p, QRectF(QPointF(0, 0), size));
    p.end();
    return {};
}

} // namespace

QString exportFigure(const Figure& figure, const ExportRequest& request)
{
    if (figure.panels.empty())
        return QObject::tr("nothing to export: no heads");
    if (!(request.scale >= kMinExportScale && request.scale <= kMaxExportScale))
        return QObject::tr("the scale must be between %1 and %2")
            .arg(kMinExportScale)
            .arg(kMaxExportScale);
    QSaveFile image(request.path);
    if (!image.open(QIODevice::WriteOnly))
        return QObject::tr("cannot write %1: %2").arg(request.path, image.errorString());
    QString error;
    switch (request.format) {
    case ExportFormat::Png:
        if (!renderImage(figure, request.scale).save(&image, "PNG"))
            error = QObject::tr("PNG encoding failed");
        break;
    case ExportFormat::Svg:
        error = writeSvg(figure, &image);
        break;
    case ExportFormat::Pdf:
        error = writePdf(figure, &image);
        break;
    }
    if (!error.isEmpty()) {
        image.cancelWriting();
        return QObject::tr("cannot write %1: %2").arg(request.path, error);
    }
    const QString sidecarPath = request.path + QStringLiteral(".json");
    QSaveFile sidecar(sidecarPath);
    if (!request.sidecar.is_null()) {
        if (!sidecar.open(QIODevice::WriteOnly))
            return QObject::tr("cannot write %1: %2").arg(sidecarPath, sidecar.errorString());
        const std::string text = jsonText(request.sidecar);
        sidecar.write(text.data(), qint64(text.size()));
    }
    // Both are complete in their temporary files; a failed rename of the second removes the
    // first so that an image never appears without the record of what produced it.
    if (!image.commit())
        return QObject::tr("cannot write %1: %2").arg(request.path, image.errorString());
    if (!request.sidecar.is_null() && !sidecar.commit()) {
        QFile::remove(request.path);
        return QObject::tr("cannot write %1: %2").arg(sidecarPath, sidecar.errorString());
    }
    return {};
}

} // namespace attnviz::ui
