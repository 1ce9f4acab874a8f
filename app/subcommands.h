#pragma once

// The headless subcommands, one line each, for `attnviz --help` and `attnviz help`.
struct Subcommand {
    const char* name;
    const char* summary;
    int (*run)(int argc, char** argv); // null: not part of this build
};

extern const Subcommand kSubcommands[3];

// The --help text's list of subcommands.
const char* subcommandList();
