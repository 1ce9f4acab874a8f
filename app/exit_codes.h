#pragma once

enum ExitCode : int {
    ExitSuccess = 0,
    ExitWriteFailed = 1,
    ExitBadInput = 2,
};
