#include "io/file.h"

#include "io/tensor.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

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

void writeFileBytes(const std::string& path, std::string_view bytes)
{
    errno = 0;
    FilePtr file(std::fopen(path.c_str(), "wb"));
    if (!file)
        fail(path, "cannot write file", errno);
    if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size())
        fail(path, "cannot write file", errno);
    // fclose flushes; a full disk may only show up here.
    if (std::fclose(file.release()) != 0)
        fail(path, "cannot write file", errno);
}

} // namespace attnviz::io
