#include "common/isa.h"
#include "compute_command.h"
#include "exit_codes.h"
#include "export_command.h"
#include "gui_main.h"
#include "model_command.h"
#include "subcommands.h"

#include <cstdio>
#include <cstring>
#include <string>

const Subcommand kSubcommands[3] = {
    {"compute", "compute attention from .npy/.safetensors files and write every stage", runCompute},
    {"export", "render heatmaps to PNG, SVG or PDF without a display", runExport},
    {"model", "run a transformer (GGUF, safetensors) on text and keep every layer's attention",
     runModel},
};

const char* subcommandList()
{
    static const std::string list = [] {
        std::string s = "Headless subcommands (attnviz help SUBCOMMAND for their options):\n";
        for (const Subcommand& c : kSubcommands)
            s += "  " + std::string(c.name) + std::string(10 - std::strlen(c.name), ' ') +
                 c.summary + "\n";
        return s;
    }();
    return list.c_str();
}

namespace {

const Subcommand* find(const char* name)
{
    for (const Subcommand& c : kSubcommands)
        if (std::strcmp(c.name, name) == 0)
            return &c;
    return nullptr;
}

// `attnviz help SUBCOMMAND` is `attnviz SUBCOMMAND --help`.
int runHelp(int argc, char** argv)
{
    if (argc == 2) {
        std::printf("usage: attnviz help SUBCOMMAND\n%s", subcommandList());
        return ExitSuccess;
    }
    if (argc != 3 || !find(argv[2])) {
        std::fprintf(stderr, "usage: attnviz help SUBCOMMAND\n%s", subcommandList());
        return ExitBadInput;
    }
    char help[] = "--help";
    char* args[] = {argv[0], argv[2], help, nullptr};
    return find(argv[2])->run(3, args);
}

} // namespace

// One binary: the subcommands run headless (no display, no environment needed); anything else
// starts the GUI.
int main(int argc, char** argv)
{
    if (const std::string refusal = attnviz::isaRefusal(); !refusal.empty()) {
        std::fprintf(stderr, "attnviz: %s\n", refusal.c_str());
        return ExitBadInput;
    }
    if (argc > 1 && std::strcmp(argv[1], "help") == 0)
        return runHelp(argc, argv);
    if (argc > 1)
        if (const Subcommand* command = find(argv[1]))
            return command->run(argc, argv);
    return runGui(argc, argv);
}
