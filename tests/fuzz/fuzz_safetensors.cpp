// libFuzzer target: any byte string is either valid .safetensors or a FormatError, never a crash,
// an over-read (ASan) or undefined behaviour (UBSan). Valid files also go through the weights
// loader, which matches tensor names and checks shapes.

#include "io/safetensors.h"
#include "io/weights_loader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto tensors = attnviz::io::parseSafetensors(
            {reinterpret_cast<const char*>(data), size}, "fuzz.safetensors");
        attnviz::io::weightsFromTensors(tensors, "fuzz.safetensors");
    } catch (const attnviz::io::FormatError&) {
    }
    return 0;
}
