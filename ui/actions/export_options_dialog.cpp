#include "export_options_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSettings>

namespace attnviz::ui {

namespace {

const char* const kStageKey = "export/stage";
const char* const kScaleKey = "export/scale";

QString describe(Stage stage)
{
    switch (stage) {
    case Stage::Weights:
        return ExportOptionsDialog::tr("Attention weights (softmax)");
    case Stage::Scores:
        return ExportOptionsDialog::tr("Scaled scores QKᵀ/√d_k, before the mask");
    case Stage::Masked:
        return ExportOptionsDialog::tr("Masked scores (blocked cells hatched)");
    case Stage::Output:
        return ExportOptionsDialog::tr("Head outputs A·V (d_k columns)");
    }
    return {};
}

} // namespace

ExportOptionsDialog::ExportOptionsDialog(ExportFormat format, const std::vector<Stage>& stages,
                                         QWidget* parent)
    : QDialog(parent)
    , m_format(format)
    , m_stage(new QComboBox(this))
    , m_scale(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Export image"));
    const QSettings settings;
    const QString remembered = settings.value(kStageKey, toString(Stage::Weights)).toString();
    for (Stage s : stages) {
        m_stage->addItem(describe(s), static_cast<int>(s));
        if (toString(s) == remembered)
            m_stage->setCurrentIndex(m_stage->count() - 1);
    }
    m_stage->setToolTip(tr("Which step of the computation the image shows"));
    m_scale->setRange(kMinExportScale, kMaxExportScale);
    m_scale->setDecimals(1);
    m_scale->setSingleStep(0.5);
    m_scale->setSuffix(QStringLiteral(" ×"));
    m_scale->setValue(settings.value(kScaleKey, 2.0).toDouble());
    m_scale->setToolTip(tr("Pixels per screen pixel: 2 × is sharp on slides and high-DPI screens"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Stage:"), m_stage);
    if (format == ExportFormat::Png)
        form->addRow(tr("S&cale:"), m_scale);
    else
        m_scale->hide(); // vector formats have no pixels
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

Stage ExportOptionsDialog::stage() const
{
    return static_cast<Stage>(m_stage->currentData().toInt());
}

double ExportOptionsDialog::scale() const
{
    return m_scale->value();
}

void ExportOptionsDialog::accept()
{
    QSettings settings;
    settings.setValue(kStageKey, toString(stage()));
    if (m_format == ExportFormat::Png)
        settings.setValue(kScaleKey, scale());
    QDialog::accept();
}

} // namespace attnviz::ui
