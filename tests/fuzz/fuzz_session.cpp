// libFuzzer target: any byte string given as a session file either loads or is refused with a
// reason, never a crash, an over-read (ASan) or undefined behaviour (UBSan).

#include "ui/io/session_file.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    attnviz::ui::SessionDocument doc;
    if (attnviz::ui::parseSession(text, QStringLiteral("fuzz"), &doc).isEmpty())
        attnviz::ui::jsonText(attnviz::ui::sessionToJson(doc)); // what loaded must also save
    return 0;
}
