#include "atomic_output.h"

namespace fs = std::filesystem;

namespace {

fs::path temporaryPath(const fs::path& dir, const std::string& name)
{
    return dir / ("." + name + ".partial");
}

} // namespace

AtomicOutput::AtomicOutput(fs::path dir)
    : m_dir(std::move(dir))
{
}

AtomicOutput::~AtomicOutput()
{
    if (m_committed)
        return;
    std::error_code ignored;
    for (const std::string& name : m_names)
        fs::remove(temporaryPath(m_dir, name), ignored);
}

fs::path AtomicOutput::stage(const std::string& name)
{
    fs::create_directories(m_dir);
    m_names.push_back(name);
    return temporaryPath(m_dir, name);
}

void AtomicOutput::commit()
{
    for (const std::string& name : m_names)
        fs::rename(temporaryPath(m_dir, name), m_dir / name);
    m_committed = true;
}
