#pragma once

class QWidget;

namespace attnviz::ui {

class Autosave;

// Asks the user whether to restore the autosave (only after a crash); true when restored.
bool offerRestore(Autosave& autosave, QWidget* parent);

} // namespace attnviz::ui
