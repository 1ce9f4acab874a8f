#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace attnviz::io {

// A whole file mapped read-only. Pages are read on first touch and shared with the page cache,
// so model weights cost no copy and only the parts used count towards memory. The bytes stay at
// the same address until the object is destroyed, also when it is moved.
class MappedFile {
public:
    MappedFile() = default;
    // Throws FormatError "<path>: cannot open file: <reason>" (also for a directory).
    explicit MappedFile(std::string path);
    ~MappedFile();

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }
    const std::string& path() const { return m_path; }

private:
    void unmap();

    std::string m_path;
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace attnviz::io
