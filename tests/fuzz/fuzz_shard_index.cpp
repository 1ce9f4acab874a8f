// libFuzzer target: any byte string is either a valid model.safetensors.index.json or a
// FormatError, never a crash, an over-read (ASan) or undefined behaviour (UBSan). This also fuzzes
// the strict JSON parser (nlohmann-json with our depth, size and duplicate-key checks).

#include "io/shard_index.h"
#include "io/tensor.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        attnviz::io::parseShardIndex({reinterpret_cast<const char*>(data), size},
                                     "model.safetensors.index.json");
    } catch (const attnviz::io::FormatError&) {
    }
    return 0;
}
