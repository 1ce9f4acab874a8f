#pragma once

#include "image_exporter.h"
#include "ui/io/session_file.h"
#include "ui/render/figure.h"

namespace attnviz::ui {

// What produced an exported image, recorded next to it as JSON: the whole session (tokens, sizes,
// seed, mask, fill, temperature, colour map), what was drawn and how, and the AttnViz version.
Json exportSidecar(const SessionDocument& session, const Figure& figure, Stage stage,
                   const std::vector<int>& heads, const ExportRequest& request);

} // namespace attnviz::ui
