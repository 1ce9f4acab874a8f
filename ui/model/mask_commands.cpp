#include "mask_commands.h"

#include "attention_controller.h"

namespace attnviz::ui {

MaskEditCommand::MaskEditCommand(AttentionController* controller, std::vector<CellEdit> edits,
                                 const QString& text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_edits(std::move(edits))
{
}

void MaskEditCommand::redo()
{
    m_controller->applyCellEdits(m_edits, true);
}

void MaskEditCommand::undo()
{
    m_controller->applyCellEdits(m_edits, false);
}

SetMaskCommand::SetMaskCommand(AttentionController* controller, MaskSnapshot before,
                               MaskSnapshot after, const QString& text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SetMaskCommand::redo()
{
    m_controller->applyMaskSnapshot(m_after);
}

void SetMaskCommand::undo()
{
    m_controller->applyMaskSnapshot(m_before);
}

} // namespace attnviz::ui
