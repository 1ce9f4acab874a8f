#pragma once

#include <QtGlobal>

class QWidget;

namespace attnviz::ui {

class AttentionController;

// The memory budget of a recompute, remembered in QSettings ("memory/budgetGiB"; default 2 GiB).
quint64 loadMemoryBudget();
void saveMemoryBudget(quint64 bytes);
// Asks for a new budget in GiB; applies and remembers it. False when cancelled.
bool editMemoryBudget(QWidget* parent, AttentionController* controller);

} // namespace attnviz::ui
