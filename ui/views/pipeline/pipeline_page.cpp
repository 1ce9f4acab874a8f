#include "pipeline_page.h"

#include "pipeline_view.h"
#include "ui/model/attention_controller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace attnviz::ui {

PipelinePage::PipelinePage(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_view(new PipelineView(controller, this))
    , m_head(new QComboBox(this))
    , m_stepMode(new QCheckBox(tr("&Step mode"), this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
{
    m_previous->setText(tr("◀ Previous step"));
    m_next->setText(tr("Next step ▶"));
    m_previous->setToolTip(tr("Left arrow"));
    m_next->setToolTip(tr("Right arrow"));
    m_stepMode->setToolTip(tr("Reveal the computation one step at a time (← / →)."));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Head:"), this));
    bar->addWidget(m_head);
    bar->addSpacing(16);
    bar->addWidget(m_stepMode);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_head, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_view->setHead(index);
    });
    connect(m_view, &PipelineView::headChanged, m_head, &QComboBox::setCurrentIndex);
    connect(m_stepMode, &QCheckBox::toggled, m_view, &PipelineView::setStepMode);
    connect(m_view, &PipelineView::stepModeChanged, m_stepMode, &QCheckBox::setChecked);
    connect(m_previous, &QToolButton::clicked, m_view, &PipelineView::previousStep);
    connect(m_next, &QToolButton::clicked, m_view, &PipelineView::nextStep);
    connect(controller, &AttentionController::resultChanged, this, &PipelinePage::syncHeads);
    syncHeads();
    setFocusProxy(m_view);
}

void PipelinePage::syncHeads()
{
    const int heads = m_controller->hasResult() ? m_controller->engine().heads() : 0;
    if (m_head->count() == heads)
        return;
    const QSignalBlocker block(m_head);
    m_head->clear();
    for (int h = 0; h < heads; ++h)
        m_head->addItem(tr("Head %1").arg(h + 1));
    const int current = std::min(m_view->head(), heads - 1);
    m_head->setCurrentIndex(std::max(0, current));
    m_view->setHead(std::max(0, current));
}

} // namespace attnviz::ui
