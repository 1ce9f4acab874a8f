#include "render_gate.h"

namespace attnviz::ui {

RenderGate::Reader::Reader(RenderGate& gate, std::uint64_t generation)
    : m_gate(gate)
{
    // Under the lock: an edit either sees this reader or this reader sees its generation.
    const std::lock_guard lock(gate.m_mutex);
    if (gate.m_generation.load(std::memory_order_relaxed) != generation)
        return;
    ++gate.m_readers;
    m_entered = true;
}

RenderGate::Reader::~Reader()
{
    if (!m_entered)
        return;
    const std::lock_guard lock(m_gate.m_mutex);
    if (--m_gate.m_readers == 0)
        m_gate.m_idle.notify_all();
}

void RenderGate::invalidate()
{
    std::unique_lock lock(m_mutex);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_idle.wait(lock, [this] { return m_readers == 0; });
}

} // namespace attnviz::ui
