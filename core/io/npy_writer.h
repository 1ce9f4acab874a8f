#pragma once

#include "io/file.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace attnviz::io {

// Writes a '<f4', C-order .npy file block by block, so that a large array never has to be held in
// memory whole (`attnviz compute` writes its H×L×S stacks head by head). The finished file is
// byte for byte what serializeNpy gives. Until finish() returns the file is incomplete: write to
// a temporary name and rename it when done.
class NpyWriter {
public:
    // Creates (replaces) `path` and writes the header for `shape`. Throws std::invalid_argument
    // for a negative dimension (before creating the file) and FormatError when it cannot write.
    NpyWriter(const std::string& path, std::vector<std::int64_t> shape);

    // Appends `count` floats in C order. Throws std::logic_error, writing nothing, when they go
    // past the declared shape; FormatError when the file cannot be written.
    void write(const float* data, std::size_t count);
    // Closes the file. Throws std::logic_error when fewer floats than the shape holds were
    // written; FormatError when flushing fails (a full disk may only show up here).
    void finish();

private:
    std::vector<std::int64_t> m_shape;
    std::size_t m_count;
    std::size_t m_written = 0;
    FileWriter m_file;
    std::string m_buffer; // little-endian bytes of one block
};

} // namespace attnviz::io
