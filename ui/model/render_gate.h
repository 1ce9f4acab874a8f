#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace attnviz::ui {

// Lets background renders read the engine on screen while the GUI thread edits it in place. An
// edit calls invalidate(): the renders that run see cancelled() between pixel rows and stop, and
// invalidate() waits until they have (microseconds); renders that start later see a newer
// generation and do nothing. Copying the engine instead costs 1.1 GiB at L = 4096, H = 16.
class RenderGate {
public:
    // A render's permission to read; false (read nothing) when an edit came after `generation`.
    class Reader {
    public:
        Reader(RenderGate& gate, std::uint64_t generation);
        ~Reader();
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        explicit operator bool() const { return m_entered; }

    private:
        RenderGate& m_gate;
        bool m_entered = false;
    };

    // GUI thread: the generation of a render requested now.
    std::uint64_t generation() const { return m_generation.load(std::memory_order_acquire); }
    // Any thread, between rows: an edit is waiting for the data.
    bool cancelled(std::uint64_t generation) const { return this->generation() != generation; }
    // GUI thread, before writing what renders read.
    void invalidate();

private:
    std::atomic<std::uint64_t> m_generation{0};
    std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_readers = 0;
};

} // namespace attnviz::ui
