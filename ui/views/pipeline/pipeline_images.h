#pragma once

#include "ui/model/job_tracker.h"
#include "ui/model/pipeline_model.h"
#include "ui/render/heatmap_lod.h"

#include <QImage>
#include <QObject>
#include <memory>
#include <optional>
#include <vector>

namespace attnviz::ui {

// The level-of-detail images of the pipeline's panels (heatmap_lod.h) at their on-screen sizes.
// Large renders run on a worker while the previous images stay on screen (drawn scaled); a
// request made meanwhile starts when that one is done. A job holds the panels and its own copy
// of the mask (copy on write), so nothing it reads is written while it runs.
class PipelineImages : public QObject {
    Q_OBJECT
public:
    using Panels = std::vector<PipelinePanel>;
    // One panel's colours (its values and mask come from the panels and the mask) and pixels.
    struct Target {
        LodSource source;
        bool masked = false;
        QRectF cells;
        QSize pixels;
    };

    using QObject::QObject;

    // One target per panel. Renders now when cheap or `now`, else in the background.
    void render(std::shared_ptr<const Panels> panels, std::shared_ptr<const Mask> mask,
                std::vector<Target> targets, Pooling pooling, bool now);
    // A null image when there is none (yet) for the panel.
    const QImage& image(int panel) const;
    bool isRendering() const { return m_jobs.isBusy(); }
    // Renders reading more cells than this run on a worker thread (infinite: never; screenshots).
    static void setAsyncRenderCost(double cells);

signals:
    void ready(); // new images are in

private:
    struct Request {
        std::shared_ptr<const Panels> panels;
        std::shared_ptr<const Mask> mask;
        std::vector<Target> targets;
        Pooling pooling = Pooling::Max;
    };
    static std::vector<QImage> renderAll(const Request& request);
    void start(Request request);

    std::vector<QImage> m_images;
    JobTracker m_jobs;             // one render at a time; busy while it runs
    std::optional<Request> m_next; // asked for while a job ran
};

} // namespace attnviz::ui
