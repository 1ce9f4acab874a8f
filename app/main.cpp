#include "compute_command.h"
#include "gui_main.h"

#include <cstring>

// One binary: `attnviz compute ...` runs headless (no display, no environment needed); anything
// else starts the GUI.
int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "compute") == 0)
        return runCompute(argc, argv);
    return runGui(argc, argv);
}
