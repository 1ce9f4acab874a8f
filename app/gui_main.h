#pragma once

// Starts the desktop application (argv may hold GUI options such as --screenshot FILE).
int runGui(int argc, char** argv);
