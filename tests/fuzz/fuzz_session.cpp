// libFuzzer target: any byte string given as a session file either loads or is refused with a
// reason, never a crash, an over-read (ASan) or undefined behaviour (UBSan).

#include "ui/io/session_file.h"

#include <QByteArray>
#include <QJsonDocument>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QJsonDocument json = QJsonDocument::fromJson(bytes);
    if (!json.isObject())
        return 0;
    attnviz::ui::SessionDocument doc;
    if (attnviz::ui::sessionFromJson(json.object(), &doc).isEmpty())
        attnviz::ui::sessionToJson(doc); // what loaded must also save
    return 0;
}
