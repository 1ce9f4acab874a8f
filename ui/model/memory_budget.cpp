#include "memory_budget.h"

#include "attention/memory_estimate.h"
#include "attention_controller.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QSettings>
#include <cmath>

namespace attnviz::ui {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
const char kKey[] = "memory/budgetGiB";

} // namespace

quint64 loadMemoryBudget()
{
    bool ok = false;
    const double gib = QSettings().value(QLatin1String(kKey)).toDouble(&ok);
    if (!ok || !(gib > 0.0))
        return kDefaultMemoryBudget;
    return static_cast<quint64>(std::llround(gib * kGiB));
}

void saveMemoryBudget(quint64 bytes)
{
    QSettings().setValue(QLatin1String(kKey), static_cast<double>(bytes) / kGiB);
}

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
