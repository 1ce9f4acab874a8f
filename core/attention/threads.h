#pragma once

namespace attnviz {

// Caps the threads the BLAS backend may use for large products (a no-op when Eigen uses its own
// products, which are single-threaded here). Benchmarks call it with 1.
void setBlasThreads(int threads);

} // namespace attnviz
