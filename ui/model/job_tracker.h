#pragma once

#include <QCoreApplication>
#include <QThreadPool>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

// Qt's thread pool and event queue order their hand-offs with futex locks ThreadSanitizer cannot
// see (Qt is not built with it). These mark the hand-offs below on two process-wide addresses
// (jobs start after start(), deliveries after their job), so that the tsan preset reports races
// in our code.
#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#define ATTNVIZ_HANDOFF_RELEASE(p) __tsan_release(p)
#define ATTNVIZ_HANDOFF_ACQUIRE(p) __tsan_acquire(p)
#else
#define ATTNVIZ_HANDOFF_RELEASE(p) static_cast<void>(p)
#define ATTNVIZ_HANDOFF_ACQUIRE(p) static_cast<void>(p)
#endif

namespace attnviz::ui {

namespace handoff {
inline char jobStart;
inline char delivery;
} // namespace handoff

// Runs `work` on the pool with nothing to deliver (e.g. freeing a large result off the GUI
// thread).
template <typename Work>
void startDetached(Work work, QThreadPool* pool = QThreadPool::globalInstance())
{
    auto job = std::make_shared<Work>(std::move(work));
    std::function<void()> run = [job] {
        ATTNVIZ_HANDOFF_ACQUIRE(&handoff::jobStart);
        (*job)();
    };
    ATTNVIZ_HANDOFF_RELEASE(&handoff::jobStart); // after the job is built, before it is queued
    pool->start(std::move(run));
}

// Background jobs of one owner, newest wins: every start() gets a higher generation, and a
// result is delivered (queued, on the GUI thread) only when no job started after it and the
// tracker still exists. Workers never touch the owner, not even through a QPointer: they post
// to the application object, which outlives every job, and the GUI thread checks the tracker's
// shared state before calling `deliver`. So an owner may be deleted while its jobs run.
//
//   m_jobs.start([request] { return compute(request); },    // worker thread
//                [this](Result r) { show(std::move(r)); });  // GUI thread, only if newest
class JobTracker {
public:
    explicit JobTracker(QThreadPool* pool = QThreadPool::globalInstance())
        : m_pool(pool)
    {
    }
    ~JobTracker() { m_state->alive = false; }
    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    // Runs `work()` on the pool, then `deliver(result)` on the GUI thread if still newest.
    template <typename Work, typename Deliver> std::uint64_t start(Work work, Deliver deliver)
    {
        const std::uint64_t generation = ++m_state->generation;
        m_state->pending = generation;
        std::function<void()> run = [state = m_state, generation, work = std::move(work),
                                     deliver = std::move(deliver)]() mutable {
            ATTNVIZ_HANDOFF_ACQUIRE(&handoff::jobStart);
            auto result = std::make_shared<std::invoke_result_t<Work&>>(work());
            ATTNVIZ_HANDOFF_RELEASE(&handoff::delivery);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [state = std::move(state), generation, deliver = std::move(deliver),
                 result = std::move(result)]() mutable {
                    ATTNVIZ_HANDOFF_ACQUIRE(&handoff::delivery);
                    if (!state->alive || generation != state->generation)
                        return; // the owner is gone, or a newer job was started
                    state->pending = 0;
                    deliver(std::move(*result));
                },
                Qt::QueuedConnection);
        };
        ATTNVIZ_HANDOFF_RELEASE(&handoff::jobStart);
        m_pool->start(std::move(run));
        return generation;
    }

    // Drops the results of every job started so far (e.g. a synchronous result superseded
    // them); the new generation.
    std::uint64_t invalidate()
    {
        m_state->pending = 0;
        return ++m_state->generation;
    }
    std::uint64_t generation() const { return m_state->generation; }
    // The newest job has not delivered yet.
    bool isBusy() const { return m_state->pending != 0; }

private:
    // Read and written on the GUI thread only; workers just hold a reference.
    struct State {
        std::uint64_t generation = 0;
        std::uint64_t pending = 0;
        bool alive = true;
    };
    QThreadPool* m_pool;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace attnviz::ui
