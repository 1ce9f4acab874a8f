#include "autosave_prompt.h"

#include "ui/io/autosave.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace attnviz::ui {

// The strings keep the context they had as Autosave's members (the .ts file has them there).
bool offerRestore(Autosave& autosave, QWidget* parent)
{
    if (!autosave.previousRunCrashed())
        return false;
    const auto answer = QMessageBox::question(
        parent, QCoreApplication::translate("attnviz::ui::Autosave", "Restore session"),
        QCoreApplication::translate(
            "attnviz::ui::Autosave",
            "AttnViz did not exit cleanly last time. Restore the automatically saved session?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        autosave.declineRestore();
        return false;
    }
    const QString error = autosave.restore();
    if (!error.isEmpty()) {
        QMessageBox::warning(
            parent, QCoreApplication::translate("attnviz::ui::Autosave", "Restore session"),
            QCoreApplication::translate("attnviz::ui::Autosave",
                                        "The autosaved session could not be read: %1")
                .arg(error));
        return false;
    }
    return true;
}

} // namespace attnviz::ui
