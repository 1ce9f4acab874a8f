#pragma once

#include <QWidget>

namespace attnviz::ui {

class AttentionController;

// The shared colour legend beside the heads (0 … colour max), drawn by Legend.
class ColorBar : public QWidget {
    Q_OBJECT
public:
    explicit ColorBar(AttentionController* controller, QWidget* parent = nullptr);

    QSize sizeHint() const override { return {92, 300}; }
    QSize minimumSizeHint() const override { return {92, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    AttentionController* m_controller;
};

} // namespace attnviz::ui
