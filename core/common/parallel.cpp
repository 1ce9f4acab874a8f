// A small fixed pool rather than std::execution::par: libstdc++'s parallel algorithms need TBB,
// which the build does not have, and the loops here are a few coarse tasks (heads, row blocks)
// that a shared counter hands out well enough.

#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace attnviz {

namespace {

thread_local int t_worker = 0;
thread_local bool t_inLoop = false;

int defaultThreads()
{
    if (const char* env = std::getenv("ATTNVIZ_THREADS"); env && std::atoi(env) > 0)
        return std::atoi(env);
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::atomic<int> g_threads{defaultThreads()};

class Pool {
public:
    // Runs the loop on `threads` threads if no other loop is running; false if one is.
    bool run(int n, const std::function<void(int)>& fn, int threads)
    {
        std::unique_lock busy(m_busy, std::try_to_lock);
        if (!busy.owns_lock())
            return false;
        resize(threads - 1);
        {
            std::lock_guard lock(m_mutex);
            m_fn = &fn;
            m_n = n;
            m_next = 0;
            m_running = static_cast<int>(m_threads.size());
            m_error = nullptr;
            ++m_generation;
        }
        m_wake.notify_all();
        work(0);
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_running == 0; });
        if (m_error)
            std::rethrow_exception(m_error);
        return true;
    }

private:
    void resize(int workers)
    {
        if (static_cast<int>(m_threads.size()) == workers)
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            ++m_generation;
        }
        m_wake.notify_all();
        for (std::thread& t : m_threads)
            t.join();
        m_threads.clear();
        m_stop = false;
        for (int w = 1; w <= workers; ++w)
            m_threads.emplace_back([this, w, seen = m_generation] { loop(w, seen); });
    }

    // `seen` is the generation at the thread's start, so that a loop started before the thread
    // first locks is not missed.
    void loop(int worker, std::uint64_t seen)
    {
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_generation != seen; });
                seen = m_generation;
                if (m_stop)
                    return;
            }
            work(worker);
            std::lock_guard lock(m_mutex);
            if (--m_running == 0)
                m_done.notify_one();
        }
    }

    void work(int worker)
    {
        t_worker = worker;
        t_inLoop = true;
        for (int i; (i = m_next.fetch_add(1)) < m_n;) {
            try {
                (*m_fn)(i);
            } catch (...) {
                std::lock_guard lock(m_mutex);
                if (!m_error)
                    m_error = std::current_exception();
            }
        }
        t_inLoop = false;
        t_worker = 0;
    }

    std::mutex m_busy; // one loop at a time
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<std::thread> m_threads;
    const std::function<void(int)>* m_fn = nullptr;
    int m_n = 0;
    std::atomic<int> m_next{0};
    int m_running = 0;
    std::uint64_t m_generation = 0;
    bool m_stop = false;
    std::exception_ptr m_error;
};

// Never destroyed: its threads may still wait when static destructors run at exit.
Pool& pool()
{
    static Pool* instance = new Pool;
    return *instance;
}

} // namespace

int threadCount()
{
    return g_threads.load();
}

void setThreadCount(int n)
{
    g_threads = std::max(n, 1);
}

int currentWorker()
{
    return t_worker;
}

void parallelFor(int n, const std::function<void(int)>& fn)
{
    const int threads = threadCount();
    if (threads > 1 && n > 1 && !t_inLoop && pool().run(n, fn, threads))
        return;
    const bool outer = t_inLoop;
    t_inLoop = true; // loops nested in fn run here too
    try {
        for (int i = 0; i < n; ++i)
            fn(i);
    } catch (...) {
        t_inLoop = outer;
        throw;
    }
    t_inLoop = outer;
}

} // namespace attnviz
