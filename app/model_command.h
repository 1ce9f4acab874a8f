#pragma once

// `attnviz model`: runs a real transformer (HF folder or .gguf) on text or ids, with attention
// knockouts, and writes ids, tokens, every layer's attention, hidden states, logits and a
// summary. Exit codes: 0 success, 2 bad input or usage, 1 cannot write output.
int runModel(int argc, char** argv);
