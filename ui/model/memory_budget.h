#pragma once

#include <QtGlobal>

namespace attnviz::ui {

inline constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// The memory budget of a recompute, remembered in QSettings ("memory/budgetGiB"; default 2 GiB).
quint64 loadMemoryBudget();
void saveMemoryBudget(quint64 bytes);

} // namespace attnviz::ui
