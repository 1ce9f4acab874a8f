#pragma once

#include "attention/engine.h"
#include "teaching/post_bugs.h"

#include <QWidget>
#include <array>

namespace attnviz::ui {

class AttentionController;

// Correct attention next to the reference post's two bugs, for one head: (a) the mask's result
// discarded, (b) K and V computed with the query projection. Re-runs the engine on the
// controller's inputs and weights (core/teaching/post_bugs) whenever the result changes.
class TeachingCompare : public QWidget {
    Q_OBJECT
public:
    explicit TeachingCompare(AttentionController* controller, QWidget* parent = nullptr);

    static constexpr std::array<PostBug, 3> kVariants = {PostBug::None, PostBug::MaskDiscarded,
                                                         PostBug::QueryProjectionForKeyValue};
    // The engine of one variant (no result before the controller has one).
    const AttentionEngine& variant(PostBug bug) const;
    int head() const { return m_head; }
    // Plain-language numbers for the explanation panel (how much each bug moves the weights).
    QString summary() const;

    QSize sizeHint() const override { return {900, 360}; }
    QSize minimumSizeHint() const override { return {360, 200}; }

public slots:
    void setHead(int head);
    void recompute();

signals:
    void recomputed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void sourceChanged();
    // Recomputes now if the result changed while hidden (accessors are always current).
    void ensureFresh() const;
    static QString title(PostBug bug);

    AttentionController* m_controller;
    std::array<AttentionEngine, 3> m_engines;
    int m_head = 0;
    bool m_stale = false; // the result changed while hidden
};

} // namespace attnviz::ui
