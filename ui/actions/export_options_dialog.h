#pragma once

#include "ui/export/image_exporter.h"
#include "ui/render/figure.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;

namespace attnviz::ui {

// What to draw in an exported image: the stage of the computation and, for PNG, the pixel scale.
// Both are remembered between exports.
class ExportOptionsDialog : public QDialog {
    Q_OBJECT
public:
    // `stages` lists what can be exported (imported attention has only its weights).
    ExportOptionsDialog(ExportFormat format, const std::vector<Stage>& stages,
                        QWidget* parent = nullptr);

    Stage stage() const;
    double scale() const;

    void accept() override; // remembers the choice

private:
    ExportFormat m_format;
    QComboBox* m_stage;
    QDoubleSpinBox* m_scale;
};

} // namespace attnviz::ui
