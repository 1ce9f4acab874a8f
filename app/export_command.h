#pragma once

// `attnviz export`: renders heatmaps of a session, of the seeded demo or of precomputed attention
// (.npy) to PNG, SVG or PDF plus a JSON sidecar, without a display. Exit codes: 0 success, 2 bad
// input or usage (nothing written), 1 the output could not be written.
int runExport(int argc, char** argv);
