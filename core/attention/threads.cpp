#include "attention/threads.h"

#ifdef EIGEN_USE_BLAS
extern "C" void openblas_set_num_threads(int threads);
#endif

namespace attnviz {

void setBlasThreads([[maybe_unused]] int threads)
{
#ifdef EIGEN_USE_BLAS
    openblas_set_num_threads(threads);
#endif
}

} // namespace attnviz
