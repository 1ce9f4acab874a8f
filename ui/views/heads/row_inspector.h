#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

class QLabel;

namespace attnviz::ui {

class AttentionController;
class SelectionModel;
class RowChart;

// "See the softmax effect": for the hovered (else the cursor's) query row of one head, bars of
// the scaled scores, the masked scores and the softmax weights, with the weights before the last
// edit as ghost bars, and the row sum.
class RowInspector : public QWidget {
    Q_OBJECT
public:
    RowInspector(AttentionController* controller, SelectionModel* selection,
                 QWidget* parent = nullptr);

    int head() const { return m_head; }
    int row() const { return m_row; }
    // What is on screen, for tests and accessibility.
    const std::vector<float>& shownScores() const { return m_scores; }
    const std::vector<float>& shownWeights() const { return m_weights; }
    const std::vector<float>& ghostWeights() const { return m_ghost; } // empty: no ghost
    const std::vector<bool>& shownAllowed() const { return m_allowed; }
    QString rowSumText() const;

    QSize sizeHint() const override { return {340, 500}; }

public slots:
    void refresh();

private:
    friend class RowChart;
    AttentionController* m_controller;
    SelectionModel* m_selection;
    QLabel* m_header;
    QLabel* m_sum;
    RowChart* m_chart;
    int m_head = -1;
    int m_row = -1;
    QStringList m_queryTokens, m_keyTokens;
    std::vector<float> m_scores;
    std::vector<float> m_weights;
    std::vector<float> m_ghost;
    std::vector<bool> m_allowed;
    bool m_negInf = false;
};

} // namespace attnviz::ui
