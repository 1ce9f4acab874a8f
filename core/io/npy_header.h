#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// The three keys numpy writes into a .npy header.
struct NpyHeader {
    std::string descr; // e.g. "<f4"; a structured dtype is reported as "[...]"
    bool fortranOrder = false;
    std::vector<std::int64_t> shape;
};

// Parses the header's Python dict literal, e.g. "{'descr': '<f4', 'fortran_order': False,
// 'shape': (3, 4), }": any key order, any whitespace, trailing commas, "(3,)" and "()" shapes,
// Python 2 "3L" integers. Extra keys are ignored; missing or duplicate ones are errors. Throws
// FormatError "<name>: ..." for anything else.
NpyHeader parseNpyHeader(std::string_view text, const std::string& name);

} // namespace attnviz::io
