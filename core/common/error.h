#pragma once

#include <stdexcept>

namespace attnviz {

// The one exception core throws for anything a user can fix: a bad file, a bad option, input of
// the wrong shape, a request over the memory budget. what() is the whole message, starting with
// the thing at fault ("w.safetensors: tensor 'q_proj.weight': ...") so that the GUI's dialog and
// the CLI's stderr line can show it as it is. Programming errors stay std::logic_error. ui and the
// command line throw it too (worded and translated in Qt, then UTF-8); ui's functions that a
// dialog calls return the message as a QString instead, "" on success.
class Error : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

} // namespace attnviz
