#include "data_directory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace attnviz::ui {

// Set by ui/CMakeLists.txt: ATTNVIZ_DATA_FROM_BINARY is the install layout's path from bin/ to
// share/attnviz (GNUInstallDirs), ATTNVIZ_BUILD_DIR the build tree, ATTNVIZ_SOURCE_DATA_DIR
// the source tree's resources/.
QString dataDirectory(const QString& binaryDir)
{
    const QString buildTree = QFileInfo(QStringLiteral(ATTNVIZ_BUILD_DIR)).canonicalFilePath();
    const QString binary = QFileInfo(binaryDir).canonicalFilePath();
    if (!buildTree.isEmpty() &&
        (binary == buildTree || binary.startsWith(buildTree + QLatin1Char('/'))))
        return QStringLiteral(ATTNVIZ_SOURCE_DATA_DIR);
    return QDir::cleanPath(binaryDir + QStringLiteral("/" ATTNVIZ_DATA_FROM_BINARY));
}

QString dataDirectory()
{
    return dataDirectory(QCoreApplication::applicationDirPath());
}

} // namespace attnviz::ui
