#include "autosave_prompt.h"

#include "ui/io/autosave.h"

#include <QMessageBox>

namespace attnviz::ui {

bool offerRestore(Autosave& autosave, QWidget* parent)
{
    if (!autosave.previousRunCrashed())
        return false;
    const auto answer = QMessageBox::question(
        parent, Autosave::tr("Restore session"),
        Autosave::tr(
            "AttnViz did not exit cleanly last time. Restore the automatically saved session?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        autosave.declineRestore();
        return false;
    }
    const QString error = autosave.restore();
    if (!error.isEmpty()) {
        QMessageBox::warning(
            parent, Autosave::tr("Restore session"),
            Autosave::tr("The autosaved session could not be read: %1").arg(error));
        return false;
    }
    return true;
}

} // namespace attnviz::ui
