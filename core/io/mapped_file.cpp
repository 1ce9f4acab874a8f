#include "io/mapped_file.h"

#include "io/tensor.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace attnviz::io {

namespace {

[[noreturn]] void fail(const std::string& path, int error)
{
    throw FormatError(path + ": cannot open file: " + std::strerror(error));
}

// Closes the descriptor on every path out of the constructor; the mapping does not need it.
struct Descriptor {
    int fd;
    ~Descriptor() { ::close(fd); }
};

} // namespace

MappedFile::MappedFile(std::string path)
    : m_path(std::move(path))
{
    const Descriptor file{::open(m_path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0)
        fail(m_path, errno);
    struct stat info {};
    if (::fstat(file.fd, &info) != 0)
        fail(m_path, errno);
    if (S_ISDIR(info.st_mode))
        fail(m_path, EISDIR);
    if (info.st_size == 0)
        return; // mmap refuses zero bytes; an empty view says the same
    void* data = ::mmap(nullptr, std::size_t(info.st_size), PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (data == MAP_FAILED)
        fail(m_path, errno);
    m_data = data;
    m_size = std::size_t(info.st_size);
}

MappedFile::~MappedFile()
{
    unmap();
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        unmap();
        m_path = std::move(other.m_path);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void MappedFile::unmap()
{
    if (m_data)
        ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

} // namespace attnviz::io
