#include "mask/mask_bits.h"

#include "common/error.h"

#include <array>
#include <zlib.h>

namespace attnviz {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

// Bits in, zlib stream out, without holding the packed planes in memory.
class BitDeflater {
public:
    BitDeflater()
    {
        if (deflateInit(&m_zs, Z_DEFAULT_COMPRESSION) != Z_OK)
            throw std::bad_alloc();
    }
    ~BitDeflater() { deflateEnd(&m_zs); }
    BitDeflater(const BitDeflater&) = delete;
    BitDeflater& operator=(const BitDeflater&) = delete;

    void put(bool bit)
    {
        m_byte = static_cast<std::uint8_t>(m_byte << 1 | (bit ? 1 : 0));
        if (++m_bits == 8) {
            m_in[m_used++] = m_byte;
            m_byte = 0;
            m_bits = 0;
            if (m_used == m_in.size())
                deflateInput(Z_NO_FLUSH);
        }
    }
    void putZeros(std::size_t count)
    {
        for (; count > 0 && m_bits > 0; --count)
            put(false);
        for (; count >= 8; count -= 8) {
            m_in[m_used++] = 0;
            if (m_used == m_in.size())
                deflateInput(Z_NO_FLUSH);
        }
        for (; count > 0; --count)
            put(false);
    }
    std::string finish()
    {
        if (m_bits > 0)
            m_in[m_used++] = static_cast<std::uint8_t>(m_byte << (8 - m_bits));
        deflateInput(Z_FINISH);
        return std::move(m_out);
    }

private:
    void deflateInput(int flush)
    {
        m_zs.next_in = m_in.data();
        m_zs.avail_in = static_cast<uInt>(m_used);
        int rc = Z_OK;
        do {
            std::array<Bytef, kBufferBytes> out;
            m_zs.next_out = out.data();
            m_zs.avail_out = static_cast<uInt>(out.size());
            rc = deflate(&m_zs, flush);
            m_out.append(reinterpret_cast<const char*>(out.data()), out.size() - m_zs.avail_out);
        } while (m_zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
        m_used = 0;
    }

    z_stream m_zs{};
    std::array<Bytef, kBufferBytes> m_in{};
    std::size_t m_used = 0;
    std::uint8_t m_byte = 0;
    int m_bits = 0;
    std::string m_out;
};

// A zlib stream in, bits out; refuses a stream that ends early, runs long or is broken.
class BitInflater {
public:
    explicit BitInflater(std::string_view packed)
    {
        if (inflateInit(&m_zs) != Z_OK)
            throw std::bad_alloc();
        m_zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        m_zs.avail_in = static_cast<uInt>(packed.size());
    }
    ~BitInflater() { inflateEnd(&m_zs); }
    BitInflater(const BitInflater&) = delete;
    BitInflater& operator=(const BitInflater&) = delete;

    bool get()
    {
        if (m_bits == 0) {
            while (m_at == m_have) {
                if (m_ended)
                    fail("fewer cells than the mask's shape holds");
                inflateMore();
            }
            m_byte = m_out[m_at++];
            m_bits = 8;
        }
        return (m_byte >> --m_bits) & 1;
    }
    // After the last cell: the stream must end here, with nothing after it.
    void finish()
    {
        while (m_at == m_have && !m_ended)
            inflateMore();
        if (m_at != m_have)
            fail("more cells than the mask's shape holds");
        if (m_zs.avail_in != 0)
            fail("data after the end of the stream");
    }

private:
    void inflateMore()
    {
        m_at = 0;
        m_zs.next_out = m_out.data();
        m_zs.avail_out = static_cast<uInt>(m_out.size());
        const int rc = inflate(&m_zs, Z_NO_FLUSH);
        m_have = m_out.size() - m_zs.avail_out;
        if (rc == Z_STREAM_END)
            m_ended = true;
        else if (rc == Z_BUF_ERROR)
            fail("the stream is truncated");
        else if (rc != Z_OK)
            fail(m_zs.msg ? m_zs.msg : "not a zlib stream");
    }
    [[noreturn]] static void fail(const std::string& why) { throw Error("mask bits: " + why); }

    z_stream m_zs{};
    std::array<Bytef, kBufferBytes> m_out{};
    std::size_t m_at = 0;
    std::size_t m_have = 0;
    bool m_ended = false;
    std::uint8_t m_byte = 0;
    int m_bits = 0;
};

} // namespace

std::string packMaskBits(const Mask& mask)
{
    BitDeflater out;
    for (int p = 0; p < mask.planes(); ++p)
        for (int r = 0; r < mask.rows(); ++r) {
            const std::uint8_t* row = mask.rowData(p, r);
            const std::uint8_t* first = mask.rowData(0, r);
            if (p > 0 && row == first) { // a chunk the plane still shares with the first
                out.putZeros(static_cast<std::size_t>(mask.cols()));
                continue;
            }
            for (int c = 0; c < mask.cols(); ++c)
                out.put(p == 0 ? row[c] != 0 : (row[c] != 0) != (first[c] != 0));
        }
    return out.finish();
}

Mask unpackMaskBits(std::string_view packed, int planes, int rows, int cols, bool perHead)
{
    if (planes < 1 || rows < 1 || cols < 1 ||
        std::int64_t(planes) * rows * cols > kMaxPackedMaskCells || (!perHead && planes != 1))
        throw Error("mask bits: shape " + std::to_string(planes) + "×" + std::to_string(rows) +
                    "×" + std::to_string(cols) + " is out of bounds");
    BitInflater in(packed);
    Mask mask = Mask::shared(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (!in.get())
                mask.set(Mask::kAllHeads, r, c, false, 1);
    if (perHead)
        mask.makePerHead(planes); // the planes share the first plane's storage until they differ
    for (int p = 1; p < planes; ++p)
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                if (in.get())
                    mask.set(p, r, c, !mask.allowed(0, r, c), planes);
    in.finish();
    return mask;
}

} // namespace attnviz
