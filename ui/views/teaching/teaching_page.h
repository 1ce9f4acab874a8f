#pragma once

#include "teaching/designed_heads.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSlider;

namespace attnviz::ui {

class AttentionController;
class TeachingCompare;

// The teaching tab: toggles that each come with an explanation of what they do to the numbers
// (scaling and temperature, the fill of blocked scores, designed heads), and the reference
// post's bugs side by side with correct attention.
class TeachingPage : public QWidget {
    Q_OBJECT
public:
    explicit TeachingPage(AttentionController* controller, QWidget* parent = nullptr);

    TeachingCompare* compare() const { return m_compare; }
    QCheckBox* scaleCheck() const { return m_scale; }
    QSlider* temperatureSlider() const { return m_temperature; }
    QRadioButton* negInfRadio() const { return m_negInf; }
    QRadioButton* largeNegativeRadio() const { return m_largeNegative; }
    QPushButton* blockRowButton() const { return m_blockRow; }
    QComboBox* headCombo() const { return m_head; }
    QComboBox* patternCombo() const { return m_pattern; }

    static QString patternName(std::optional<HeadPattern> pattern);
    static QString patternNote(std::optional<HeadPattern> pattern);

private:
    void syncFromState();
    void updateStats();
    void applyPattern();

    AttentionController* m_controller;
    TeachingCompare* m_compare;
    QComboBox* m_head;
    QCheckBox* m_scale;
    QSlider* m_temperature;
    QLabel* m_temperatureValue;
    QLabel* m_sharpness;
    QRadioButton* m_largeNegative;
    QRadioButton* m_negInf;
    QPushButton* m_blockRow;
    QLabel* m_fillStats;
    QComboBox* m_pattern;
    QLabel* m_patternNote;
    QLabel* m_bugSummary;
};

} // namespace attnviz::ui
