#pragma once

class QWidget;

namespace attnviz::ui {

class AttentionController;

// Asks for a new memory budget in GiB; applies and remembers it. False when cancelled.
bool editMemoryBudget(QWidget* parent, AttentionController* controller);

} // namespace attnviz::ui
