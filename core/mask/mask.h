#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace attnviz {

// A boolean attention mask, nonzero = the query may attend to the key (the reference post's
// convention; PyTorch's boolean attn_mask is the opposite). Either shared by all heads (one L×S
// plane) or per head (H planes of L×S).
//
// Storage is copy on write in chunks of rows (about 256 KiB): copies of a mask, the heads of a
// mask split from a shared one and untouched chunks share memory until written. At L = 4096 with
// 16 heads a copy or a split costs a few thousand pointers instead of 256 MiB, and a cell edit
// copies at most its chunk. Each Mask object is used by one thread at a time; copies may live on
// other threads.
class Mask {
public:
    static constexpr int kAllHeads = -1;

    Mask() = default;
    static Mask shared(int rows, int cols, bool allowed = true);
    static Mask perHead(int heads, int rows, int cols, bool allowed = true);

    bool isPerHead() const { return m_planes > 1 || m_perHead; }
    int planes() const { return m_planes; }
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    bool empty() const { return m_chunks.empty(); }

    // `head` is ignored for a shared mask.
    bool allowed(int head, int row, int col) const { return rowData(head, row)[col] != 0; }
    const std::uint8_t* rowData(int head, int row) const
    {
        return m_chunks[slot(head, row)]->data() + offset(row, 0);
    }
    bool rowAllAllowed(int head, int row) const;
    bool rowAllBlocked(int head, int row) const;

    // Sets one cell for one head, or for every head with kAllHeads. Setting a single head of a
    // shared mask first splits it into `heads` per-head planes
    // (when heads > 1).
    void set(int head, int row, int col, bool allowed, int heads);
    // Splits a shared mask into `heads` identical per-head planes (no-op if already per head).
    void makePerHead(int heads);

    // Becomes a shared rows×cols mask with every cell allowed.
    void reset(int rows, int cols);
    // Blocked cells become allowed and allowed cells blocked.
    void invert();

    // Shape check against a forward pass: throws attnviz::Error with the reason.
    void validateFor(int heads, int rows, int cols) const;

    // Same shape and cells (chunks that share storage are not compared cell by cell).
    bool operator==(const Mask& other) const;

private:
    using Chunk = std::vector<std::uint8_t>; // 2^m_chunkShift rows of one plane
    static constexpr std::size_t kChunkBytes = std::size_t(1) << 18;

    // Every cell `allowed`; every chunk starts on one shared storage.
    void fill(int planes, int rows, int cols, bool allowed);
    std::size_t slot(int head, int row) const
    {
        return static_cast<std::size_t>(m_planes > 1 ? head : 0) * m_chunksPerPlane +
               (static_cast<std::size_t>(row) >> m_chunkShift);
    }
    std::size_t offset(int row, int col) const
    {
        return (static_cast<std::size_t>(row) & ((std::size_t(1) << m_chunkShift) - 1)) * m_cols +
               col;
    }
    // The chunk in `slot`, copied first unless this slot is its only user.
    Chunk& writable(std::size_t slot);
    // Bytes of `slot`'s chunk that hold cells (the last chunk of a plane may be partly unused).
    std::size_t usedBytes(std::size_t slot) const;

    int m_planes = 0;
    int m_rows = 0;
    int m_cols = 0;
    bool m_perHead = false; // true also for a per-head mask with a single head
    int m_chunkShift = 0;
    std::size_t m_chunksPerPlane = 0;
    std::vector<std::shared_ptr<Chunk>> m_chunks; // plane-major: plane · m_chunksPerPlane + chunk
};

} // namespace attnviz
