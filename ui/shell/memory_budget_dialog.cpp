#include "memory_budget_dialog.h"

#include "ui/model/attention_controller.h"
#include "ui/model/memory_budget.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <cmath>

namespace attnviz::ui {

bool editMemoryBudget(QWidget* parent, AttentionController* controller)
{
    bool ok = false;
    const double gib = QInputDialog::getDouble(
        parent, QCoreApplication::translate("attnviz::ui::MemoryBudget", "Memory budget"),
        QCoreApplication::translate(
            "attnviz::ui::MemoryBudget",
            "Largest memory a recompute may use, in GiB. When the new result does not fit next "
            "to the one on screen, that one is released first (its picture stays); larger "
            "requests are refused with a message instead of running out of memory."),
        static_cast<double>(controller->memoryBudget()) / kGiB, 0.0625, 1024.0, 2, &ok);
    if (!ok)
        return false;
    const quint64 bytes = static_cast<quint64>(std::llround(gib * kGiB));
    controller->setMemoryBudget(bytes);
    saveMemoryBudget(bytes);
    return true;
}

} // namespace attnviz::ui
