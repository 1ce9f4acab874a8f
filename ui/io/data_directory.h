#pragma once

#include <QString>

namespace attnviz::ui {

// The folder of AttnViz's shipped data (models/: the sample models). An installed binary finds
// it as share/attnviz beside its bin/ folder, so any install prefix works; a binary in the build
// tree uses the source tree's resources/ folder, so that it runs without being installed.
QString dataDirectory();

// The same for a binary in `binaryDir`.
QString dataDirectory(const QString& binaryDir);

} // namespace attnviz::ui
