#include "memory_budget.h"

#include "attention/memory_estimate.h"

#include <QSettings>
#include <cmath>

namespace attnviz::ui {

namespace {

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

} // namespace attnviz::ui
