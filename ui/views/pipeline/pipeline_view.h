#pragma once

#include "pipeline_images.h"
#include "ui/model/pipeline_model.h"
#include "ui/render/heatmap_lod.h"
#include "ui/render/heatmap_painter.h"

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

namespace attnviz::ui {

class AttentionController;

// The whole computation of one head as linked heatmaps, drawn through HeatmapPainter:
//   X → Q, Kᵀ, V → QKᵀ → ÷√d_k → mask → softmax → A·V → concat → output.
// Hovering a cell outlines the cells of the earlier panels it was computed from. In step mode
// ←/→ reveal one step at a time, with a one-sentence caption. Each panel's cells are a
// level-of-detail image of its on-screen size (pipeline_images.h: max or mean pooling, large
// ones in the background). The panels and the mask they were built with are kept, so the view
// keeps its picture while the controller's result is released.
class PipelineView : public QWidget {
    Q_OBJECT
public:
    explicit PipelineView(AttentionController* controller, QWidget* parent = nullptr);

    int head() const { return m_head; }
    bool stepMode() const { return m_stepMode; }
    // Index of the last revealed step (0 … kPipelineSteps − 1); every step when not in step mode.
    int revealedStep() const { return m_stepMode ? m_revealed : kPipelineSteps - 1; }
    bool isStepVisible(PipelineStep step) const { return static_cast<int>(step) <= revealedStep(); }
    QString captionText() const;

    // Brought up to date first if the result changed while the view was hidden.
    const std::vector<PipelinePanel>& panels() const;
    // Where panel i's cells are on screen (empty before the first layout).
    HeatmapLayout panelLayout(int panel) const;
    // Panel i's cells as drawn: about the size of its grid on screen (rendered now if stale or
    // still rendering).
    const QImage& panelImage(int panel) const;
    bool isRendering() const { return m_images->isRendering(); }
    Pooling pooling() const { return m_pooling; }
    // Cells outlined for the hovered cell.
    const std::vector<PanelCells>& highlighted() const { return m_highlight; }
    // Hover programmatically (tests, lessons): -1 clears.
    void hoverCell(int panel, int row, int col);

    QSize sizeHint() const override { return {1200, 800}; }
    QSize minimumSizeHint() const override { return {480, 360}; }

public slots:
    void setHead(int head);
    void setStepMode(bool on);
    void setRevealedStep(int step);
    void nextStep();
    void previousStep();
    void setPooling(Pooling pooling);

signals:
    void stepChanged(int step);
    void stepModeChanged(bool on);
    void headChanged(int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void sourceChanged();
    // Rebuilds now if the result changed while hidden (accessors are always current).
    void ensureFresh() const;
    void rebuild();
    void relayout();
    // Renders the panels' images for their layouts unless they are up to date; `now`: on this
    // thread, whatever the cost.
    void ensureImages(bool now);
    HeatmapPainter painterFor(int panel) const;
    const PipelinePanel& panelAt(std::size_t panel) const { return (*m_panels)[panel]; }
    QRectF captionRect() const;

    AttentionController* m_controller;
    int m_head = 0;
    bool m_stepMode = false;
    bool m_stale = false; // the result changed while hidden
    int m_revealed = 0;
    // Replaced, never changed, so background renders can hold them.
    std::shared_ptr<const std::vector<PipelinePanel>> m_panels;
    std::shared_ptr<const Mask> m_mask; // the engine's mask when the panels were built
    PipelineImages* m_images;
    bool m_imagesDirty = true;
    Pooling m_pooling = Pooling::Max;
    std::vector<QRectF> m_boxes; // panel bounds
    std::vector<HeatmapLayout> m_layouts;
    std::vector<double> m_formulaY; // top of each panel's formula line
    std::vector<double> m_ranges;   // symmetric range of signed panels
    std::vector<PanelCells> m_highlight;
    int m_hoverPanel = -1;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
};

} // namespace attnviz::ui
