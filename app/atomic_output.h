#pragma once

#include <filesystem>
#include <string>
#include <vector>

// Writes a set of files into a directory all-or-nothing: each file goes to a hidden temporary
// name first and all are renamed into place only once every one was written, so a failure
// never leaves a half-written result behind.
class AtomicOutput {
public:
    explicit AtomicOutput(std::filesystem::path dir);
    ~AtomicOutput(); // removes temporaries of an uncommitted output

    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    // Path to write `name` to; it appears under its real name on commit().
    std::filesystem::path stage(const std::string& name);
    // Renames every staged file into place. Throws std::filesystem::filesystem_error.
    void commit();

private:
    std::filesystem::path m_dir;
    std::vector<std::string> m_names;
    bool m_committed = false;
};
