#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace attnviz::ui {

class AttentionController;

// The left-hand controls. Every change is forwarded to the controller at once; the panel
// re-reads the controller's state when it changes (undo of a preset, sessions).
class ControlPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlPanel(AttentionController* controller, QWidget* parent = nullptr);

    QLineEdit* textEdit() const { return m_text; }
    QSpinBox* dModelSpin() const { return m_dModel; }
    QSpinBox* headsSpin() const { return m_heads; }
    QSpinBox* seedSpin() const { return m_seed; }
    QComboBox* presetCombo() const { return m_preset; }
    QSpinBox* presetParamSpin() const { return m_param; }
    QComboBox* fillCombo() const { return m_fill; }
    QCheckBox* scaleCheck() const { return m_scale; }
    QSlider* temperatureSlider() const { return m_temperature; }
    QComboBox* colorMapCombo() const { return m_colorMap; }
    QLabel* messageLabel() const { return m_message; }

private:
    void syncFromState();
    void updateParamWidget();
    void presetParamChanged(int value);

    AttentionController* m_controller;
    QLineEdit* m_text;
    QLabel* m_tokenCount;
    QSpinBox* m_dModel;
    QSpinBox* m_heads;
    QLabel* m_dHead;
    QSpinBox* m_seed;
    QLabel* m_message;
    QComboBox* m_preset;
    QLabel* m_paramLabel;
    QSpinBox* m_param;
    QPushButton* m_invert;
    QComboBox* m_fill;
    QCheckBox* m_scale;
    QSlider* m_temperature;
    QLabel* m_temperatureValue;
    QComboBox* m_colorMap;
};

} // namespace attnviz::ui
