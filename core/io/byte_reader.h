#pragma once

#include "io/tensor.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace attnviz::io {

static_assert(std::endian::native == std::endian::little, "values are read as stored");

// Reads little-endian values from the front of a byte range, checking every size against what is
// left before touching it: a damaged file ends in a FormatError, never in an over-read.
class ByteReader {
public:
    ByteReader(std::string_view bytes, const std::string& name)
        : m_bytes(bytes)
        , m_name(name)
    {
    }

    std::size_t position() const { return m_pos; }
    // The bytes read since `start`, an earlier position().
    std::string_view consumedSince(std::size_t start) const
    {
        return m_bytes.substr(start, m_pos - start);
    }
    std::size_t remaining() const { return m_bytes.size() - m_pos; }

    // The next n bytes, or FormatError "<name>: the file ends inside <what> ...".
    std::string_view take(std::uint64_t n, std::string_view what)
    {
        if (n > remaining())
            throw FormatError(m_name + ": the file ends inside " + std::string(what) + " (" +
                              std::to_string(n) + " bytes needed at byte " + std::to_string(m_pos) +
                              ", " + std::to_string(remaining()) + " left)");
        const std::string_view out = m_bytes.substr(m_pos, std::size_t(n));
        m_pos += std::size_t(n);
        return out;
    }

    template <typename T> T read(std::string_view what)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T value;
        std::memcpy(&value, take(sizeof(T), what).data(), sizeof(T));
        return value;
    }

    // A u64 length and that many bytes (GGUF's gguf_string_t).
    std::string_view readString(std::string_view what)
    {
        return take(read<std::uint64_t>(what), what);
    }

    // Refuses a count of items that cannot fit in what is left, before anything is allocated
    // for them: each item takes at least `minBytes`.
    void requireRoom(std::uint64_t count, std::size_t minBytes, std::string_view what) const
    {
        if (count > remaining() / minBytes)
            throw FormatError(m_name + ": " + std::string(what) + " claims " +
                              std::to_string(count) + " items, more than the " +
                              std::to_string(remaining()) + " bytes left can hold");
    }

private:
    std::string_view m_bytes;
    const std::string& m_name;
    std::size_t m_pos = 0;
};

} // namespace attnviz::io
