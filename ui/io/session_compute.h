#pragma once

#include "session_file.h"
#include "ui/model/compute_job.h"

#include <memory>

namespace attnviz::ui {

// A session's imported inputs read again, as File ▸ Open reads them: "" and *out (null for the
// demo), or the reason. Safe on a worker thread.
QString sessionInputs(const SessionDocument& doc, std::shared_ptr<const ImportedInputs>* out);

// A session's result without a window, computed through the GUI's own mapping (adoptImport and
// sessionRequest): what `attnviz export --session` draws. doc->state becomes the state the
// result was computed from (an import's heads and width, the mask used). On failure the
// result's error says why.
ComputeResult computeSession(SessionDocument* doc);

} // namespace attnviz::ui
