#pragma once

// `attnviz compute`: runs multi-head attention on tensors from files and writes the weights,
// scores and output as .npy. Exit codes: 0 success, 2 bad input or usage, 1 cannot write output.
int runCompute(int argc, char** argv);
