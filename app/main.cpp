#include "compute_command.h"
#include "export_command.h"
#include "gui_main.h"
#include "model_command.h"

#include <cstring>

// One binary: `attnviz compute ...`, `attnviz export ...` and `attnviz model ...` run headless (no
// display, no environment needed); anything else starts the GUI.
int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "compute") == 0)
        return runCompute(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
        return runExport(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "model") == 0)
        return runModel(argc, argv);
    return runGui(argc, argv);
}
