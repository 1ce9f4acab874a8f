#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace attnviz::io {

// Tensor files are read whole; anything larger would not fit the float copy we make anyway.
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t(4) << 30;

// Reads the whole file in binary. Throws FormatError "<path>: cannot open file: <reason>" when it
// cannot be opened, and refuses directories and files above kMaxFileBytes before allocating.
std::string readFileBytes(const std::string& path);

// Writes a file (replacing it) piece by piece, so that large outputs need not be assembled in
// memory first. Failures are FormatErrors naming the path, like readFileBytes's. Destroyed without
// close(), it closes the file unchecked: the file may then be incomplete.
class FileWriter {
public:
    explicit FileWriter(std::string path); // creates or truncates the file
    ~FileWriter();

    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    void write(std::string_view bytes);
    // Flushes and closes; a full disk may only show up here. Writing or closing a closed file
    // is a std::logic_error.
    void close();

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::FILE* m_file = nullptr;
};

} // namespace attnviz::io
