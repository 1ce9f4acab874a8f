#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QToolButton;

namespace attnviz::ui {

class AttentionController;
class PipelineView;

// The pipeline tab: which head, step mode on/off, previous/next, and the view itself.
class PipelinePage : public QWidget {
    Q_OBJECT
public:
    explicit PipelinePage(AttentionController* controller, QWidget* parent = nullptr);

    PipelineView* view() const { return m_view; }
    QComboBox* headCombo() const { return m_head; }

private:
    void syncHeads();

    AttentionController* m_controller;
    PipelineView* m_view;
    QComboBox* m_head;
    QCheckBox* m_stepMode;
    QToolButton* m_previous;
    QToolButton* m_next;
};

} // namespace attnviz::ui
