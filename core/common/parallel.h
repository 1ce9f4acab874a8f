#pragma once

#include <functional>

namespace attnviz {

// The threads parallelFor spreads work over, the calling thread included: ATTNVIZ_THREADS if
// set, else setThreadCount()'s, else the machine's cores.
int threadCount();
// n ≥ 1 (the CLI's --threads). Takes effect for the next parallelFor.
void setThreadCount(int n);

// Calls fn(i) once for every i in [0, n) on threadCount() threads and returns when all have
// returned; the first exception thrown is rethrown here. Which thread runs which i is not fixed,
// so results must not depend on it. A call made inside another parallelFor, or while another
// thread's loop runs, runs on the calling thread alone.
void parallelFor(int n, const std::function<void(int)>& fn);

// The thread of the current parallelFor calling this, in [0, threadCount()), for per-thread
// scratch; 0 outside a loop.
int currentWorker();

} // namespace attnviz
