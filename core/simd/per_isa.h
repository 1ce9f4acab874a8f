#pragma once

// Declares `declaration` once in each path's namespace (baseline, avx2, avx512).
#define ATTNVIZ_PER_ISA(declaration)                                                               \
    namespace baseline {                                                                           \
    declaration;                                                                                   \
    }                                                                                              \
    namespace avx2 {                                                                               \
    declaration;                                                                                   \
    }                                                                                              \
    namespace avx512 {                                                                             \
    declaration;                                                                                   \
    }
