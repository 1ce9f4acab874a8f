#include "io/npy_writer.h"

#include "io/encode.h"
#include "io/npy.h"
#include "io/tensor.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace attnviz::io {

namespace {

// Large enough for few system calls, small enough to be negligible next to the data.
constexpr std::size_t kBlockFloats = std::size_t(1) << 16;

} // namespace

NpyWriter::NpyWriter(const std::string& path, std::vector<std::int64_t> shape)
    : m_shape(std::move(shape))
    , m_count(npyFloatCount(m_shape)) // throws before the file is created
    , m_file(path)
    , m_buffer(std::min(m_count, kBlockFloats) * 4, '\0')
{
    m_file.write(serializeNpyHeader(m_shape));
}

void NpyWriter::write(const float* data, std::size_t count)
{
    if (count > m_count - m_written)
        throw std::logic_error(m_file.path() + ": " + std::to_string(count) +
                               " more floats do not fit; " + std::to_string(m_written) +
                               " of the " + std::to_string(m_count) + " of shape " +
                               shapeToString(m_shape) + " are written already");
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min(count - done, kBlockFloats);
        encodeFloat32LittleEndian(data + done, n, m_buffer.data());
        m_file.write(std::string_view(m_buffer.data(), n * 4));
        done += n;
        m_written += n;
    }
}

void NpyWriter::finish()
{
    if (m_written != m_count)
        throw std::logic_error(m_file.path() + ": only " + std::to_string(m_written) + " of the " +
                               std::to_string(m_count) + " floats of shape " +
                               shapeToString(m_shape) + " were written");
    m_file.close();
}

} // namespace attnviz::io
