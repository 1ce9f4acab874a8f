#pragma once

#include "compute_job.h"
#include "mask_commands.h"
#include "session_state.h"

#include <memory>

namespace attnviz::ui {

// The one mapping from what the user chose to what the engine runs. The controller uses it for
// every recompute, and `attnviz export` through computeSession (io/session_compute.h).

// Takes an import into the state: its heads and width, and the kept mask with its preset when
// it fits the import's shape, else no preset (every key allowed).
void adoptImport(SessionState& s, const ImportedInputs& inputs, const MaskSnapshot& keep);

// The state's request: its mask when that fits the tokens (or the import), else the preset's.
ComputeRequest sessionRequest(const SessionState& s,
                              std::shared_ptr<const ImportedInputs> imported = {});

} // namespace attnviz::ui
