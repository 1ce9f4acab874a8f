#pragma once

#include "mask/mask.h"
#include "mask/presets.h"

#include <QUndoCommand>
#include <vector>

namespace attnviz::ui {

class AttentionController;

// One mask cell of one head. Mask::kAllHeads only for a shared mask (every head has the same
// value); all-heads edits of a per-head mask are expanded so that undo restores heads that
// differed.
struct CellEdit {
    int head = 0;
    int row = 0;
    int col = 0;
    bool before = true;
    bool after = true;
};

// A click, a drag rectangle or a row/column action: one undo step, applied incrementally.
class MaskEditCommand : public QUndoCommand {
public:
    MaskEditCommand(AttentionController* controller, std::vector<CellEdit> edits,
                    const QString& text);
    void redo() override;
    void undo() override;
    const std::vector<CellEdit>& edits() const { return m_edits; }

private:
    AttentionController* m_controller;
    std::vector<CellEdit> m_edits;
};

// What a preset change or "invert" replaces: the whole mask and the preset description.
struct MaskSnapshot {
    Mask mask;
    MaskPreset preset = MaskPreset::None;
    MaskPresetParams params;
    bool inverted = false;
};

class SetMaskCommand : public QUndoCommand {
public:
    SetMaskCommand(AttentionController* controller, MaskSnapshot before, MaskSnapshot after,
                   const QString& text);
    void redo() override;
    void undo() override;

private:
    AttentionController* m_controller;
    MaskSnapshot m_before;
    MaskSnapshot m_after;
};

} // namespace attnviz::ui
