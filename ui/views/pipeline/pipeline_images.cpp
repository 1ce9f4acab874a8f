#include "pipeline_images.h"

namespace attnviz::ui {

namespace {

double g_asyncRenderCost = 2.0e6; // cells read; about 5 ms on one core

} // namespace

void PipelineImages::setAsyncRenderCost(double cells)
{
    g_asyncRenderCost = cells;
}

std::vector<QImage> PipelineImages::renderAll(const Request& request)
{
    std::vector<QImage> images(request.targets.size());
    for (std::size_t i = 0; i < request.targets.size() && i < request.panels->size(); ++i) {
        const Target& t = request.targets[i];
        LodSource source = t.source;
        source.values = &(*request.panels)[i].values;
        source.mask = t.masked ? request.mask.get() : nullptr;
        images[i] = renderLod(source, t.cells, t.pixels, request.pooling);
    }
    return images;
}

void PipelineImages::render(std::shared_ptr<const Panels> panels, std::shared_ptr<const Mask> mask,
                            std::vector<Target> targets, Pooling pooling, bool now)
{
    Request request{std::move(panels), std::move(mask), std::move(targets), pooling};
    double cost = 0.0;
    for (const Target& t : request.targets)
        cost += lodCost(t.cells, t.pixels);
    if (now || cost < g_asyncRenderCost) {
        m_images = renderAll(request);
        m_jobs.invalidate(); // a running job's images are older than these
        m_next.reset();
        emit ready();
        return;
    }
    if (m_jobs.isBusy()) {
        m_next = std::move(request);
        return;
    }
    start(std::move(request));
}

void PipelineImages::start(Request request)
{
    // The job reads only the request (shared panels and mask); the tracker drops its images if
    // we are gone.
    m_jobs.start([request = std::move(request)] { return renderAll(request); },
                 [this](std::vector<QImage> images) {
                     m_images = std::move(images);
                     if (m_next) {
                         Request next = std::move(*m_next);
                         m_next.reset();
                         start(std::move(next));
                     }
                     emit ready();
                 });
}

const QImage& PipelineImages::image(int panel) const
{
    static const QImage none;
    return panel >= 0 && panel < static_cast<int>(m_images.size()) ? m_images[panel] : none;
}

} // namespace attnviz::ui
