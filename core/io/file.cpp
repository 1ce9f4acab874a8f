#include "io/file.h"

#include "io/tensor.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <utility>

namespace attnviz::io {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// errno names the reason in the user's terms ("No such file or directory", "Permission denied").
[[noreturn]] void fail(const std::string& path, const char* what, int error)
{
    throw FormatError(path + ": " + what + (error ? std::string(": ") + std::strerror(error) : ""));
}

} // namespace

std::string readFileBytes(const std::string& path)
{
    errno = 0;
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file)
        fail(path, "cannot open file", errno);

    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        fail(path, "cannot open file", EISDIR);
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec)
        fail(path, "cannot determine the file size", ec.value());
    if (size > kMaxFileBytes)
        throw FormatError(path + ": file is " + std::to_string(size) +
                          " bytes; files above 4 GiB are not supported");

    std::string bytes(static_cast<std::size_t>(size), '\0');
    const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (got != bytes.size())
        throw FormatError(path + ": could only read " + std::to_string(got) + " of " +
                          std::to_string(size) + " bytes");
    return bytes;
}

FileWriter::FileWriter(std::string path)
    : m_path(std::move(path))
{
    errno = 0;
    m_file = std::fopen(m_path.c_str(), "wb");
    if (!m_file)
        fail(m_path, "cannot write file", errno);
}

FileWriter::~FileWriter()
{
    if (m_file)
        std::fclose(m_file);
}

void FileWriter::write(std::string_view bytes)
{
    if (!m_file)
        throw std::logic_error(m_path + ": written after close");
    errno = 0;
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        fail(m_path, "cannot write file", errno);
}

void FileWriter::close()
{
    if (!m_file)
        throw std::logic_error(m_path + ": closed twice");
    errno = 0;
    // fclose releases the stream even when flushing fails; it must not be closed again.
    const int result = std::fclose(std::exchange(m_file, nullptr));
    if (result != 0)
        fail(m_path, "cannot write file", errno);
}

} // namespace attnviz::io
