// libFuzzer target: any byte string is either a valid GGUF file or a FormatError, never a crash,
// an over-read (ASan) or undefined behaviour (UBSan). A valid file's metadata goes through every
// getter and its tensors through widenRows, which reads every byte a view claims.

#include "io/gguf.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

using attnviz::io::FormatError;
using attnviz::io::GgufFile;

// Each getter either decodes the value or names the type mismatch.
template <typename Get> void tryGet(Get&& get)
{
    try {
        get();
    } catch (const FormatError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const GgufFile file({reinterpret_cast<const char*>(data), size}, "fuzz.gguf");
        for (std::string_view key : file.keys()) {
            tryGet([&] { file.string(key); });
            tryGet([&] { file.integer(key); });
            tryGet([&] { file.real(key); });
            tryGet([&] { file.boolean(key); });
            tryGet([&] { file.strings(key); });
            tryGet([&] { file.integers(key); });
            tryGet([&] { file.reals(key); });
        }
        std::vector<float> out;
        for (const attnviz::io::WeightView& view : file.tensors()) {
            // A tensor with bytes lies inside the input and has at most two elements per byte,
            // so its rows stay small; one without bytes may claim (0, 2^40) and is skipped.
            if (view.bytes == 0)
                continue;
            out.resize(std::size_t(view.cols()));
            for (std::int64_t row = 0; row < view.rows(); ++row)
                attnviz::io::widenRows(view, row, 1, out.data());
        }
    } catch (const FormatError&) {
    }
    return 0;
}
