#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace attnviz {

// A boolean attention mask, nonzero = the query may attend to the key (the reference post's
// convention; PyTorch's boolean attn_mask is the opposite). Either shared by all heads (one L×S
// plane) or per head (H planes of L×S).
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
    bool empty() const { return m_data.empty() || m_rows == 0 || m_cols == 0; }

    // `head` is ignored for a shared mask.
    bool allowed(int head, int row, int col) const { return rowData(head, row)[col] != 0; }
    const std::uint8_t* rowData(int head, int row) const
    {
        return m_data[m_planes > 1 ? head : 0]->data() + static_cast<std::size_t>(row) * m_cols;
    }
    bool rowAllAllowed(int head, int row) const;
    bool rowAllBlocked(int head, int row) const;

    // Sets one cell for one head, or for every head with kAllHeads. Setting a single head of a
    // shared mask first splits it into `heads` per-head planes
    // (when heads > 1).
    void set(int head, int row, int col, bool allowed, int heads);
    // Splits a shared mask into `heads` identical per-head planes (no-op if already per head).
    void makePerHead(int heads);

    // Becomes a shared rows×cols mask with every cell allowed, reusing the storage.
    void reset(int rows, int cols);
    // Blocked cells become allowed and allowed cells blocked.
    void invert();

    // Shape check against a forward pass: throws std::invalid_argument with the reason.
    void validateFor(int heads, int rows, int cols) const;

    // Same shape and cells (planes that share storage are not compared cell by cell).
    bool operator==(const Mask& other) const;

private:
    using Plane = std::vector<std::uint8_t>;
    // Plane `plane`, copied first unless this mask's head is its only user.
    Plane& writablePlane(int plane);
    // Every plane made private to this mask; heads that shared storage keep sharing one copy.
    void detachAll();
    // Planes in this mask that use the same storage as plane `plane`.
    long occurrences(int plane) const;

    int m_planes = 0;
    int m_rows = 0;
    int m_cols = 0;
    bool m_perHead = false;                     // true also for a per-head mask with a single head
    std::vector<std::shared_ptr<Plane>> m_data; // one entry per plane
};

} // namespace attnviz
