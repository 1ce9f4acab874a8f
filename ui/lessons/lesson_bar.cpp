#include "lesson_bar.h"

#include "lesson_player.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace attnviz::ui {

LessonBar::LessonBar(LessonPlayer* player, QWidget* parent)
    : QFrame(parent)
    , m_player(player)
    , m_title(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_caption->setWordWrap(true);
    QFont big = m_caption->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_caption->setFont(big);
    m_previous->setText(tr("◀ Page Up"));
    m_next->setText(tr("Page Down ▶"));
    m_close->setText(tr("End lesson"));
    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_caption);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(text, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);
    connect(m_previous, &QToolButton::clicked, player, &LessonPlayer::previous);
    connect(m_next, &QToolButton::clicked, player, &LessonPlayer::next);
    connect(m_close, &QToolButton::clicked, player, &LessonPlayer::stop);
    connect(player, &LessonPlayer::stepApplied, this, &LessonBar::refresh);
    connect(player, &LessonPlayer::started, this, &QWidget::show);
    connect(player, &LessonPlayer::stopped, this, &QWidget::hide);
    hide();
}

void LessonBar::refresh()
{
    m_title->setText(tr("<b>Lesson: %1</b> — step %2 of %3")
                         .arg(m_player->title().toHtmlEscaped())
                         .arg(m_player->index() + 1)
                         .arg(m_player->count()));
    m_caption->setText(m_player->caption());
    m_previous->setEnabled(m_player->index() > 0);
    m_next->setEnabled(m_player->index() + 1 < m_player->count());
}

} // namespace attnviz::ui
