// libFuzzer target: any byte string is either a valid .npy or a FormatError, never a crash, an
// over-read (ASan) or undefined behaviour (UBSan). Valid tensors also feed the mask builder.

#include "io/npy.h"
#include "mask/mask_tensor.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const attnviz::io::Tensor t =
            attnviz::io::parseNpy({reinterpret_cast<const char*>(data), size}, "fuzz.npy");
        attnviz::maskFromValues(t.shape, t.values, "fuzz.npy");
    } catch (const attnviz::Error&) { // FormatError, or a tensor that is not a mask
    }
    return 0;
}
