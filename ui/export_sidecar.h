#pragma once

#include "figure.h"
#include "image_exporter.h"
#include "session_file.h"

namespace attnviz::ui {

// What produced an exported image, recorded next to it as JSON: the whole session (tokens, sizes,
// seed, mask, fill, temperature, colour map), what was drawn and how, and the AttnViz version.
Json exportSidecar(const SessionDocument& session, const Figure& figure, Stage stage,
                   const std::vector<int>& heads, const ExportRequest& request);

} // namespace attnviz::ui
