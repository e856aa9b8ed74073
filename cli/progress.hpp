// One line of progress on stderr for long work (loading, linting): shown only when stderr is a
// terminal (never into a pipe or a log file), only once the work has taken two seconds
// (E911_PROGRESS_AFTER, in seconds, moves that for tests), never with --quiet; erased when done.
#pragma once
#include <chrono>
#include <string>

#include "e911/progress.hpp"

namespace cli {

// The global --quiet: no progress display.
bool& quiet();

class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;
    // A function for LoadOptions::progress / LintOptions::progress; valid while this object lives.
    e911::ProgressFn fn();
    void show(const e911::Progress& p);

private:
    using Clock = std::chrono::steady_clock;
    bool enabled_ = false, shown_ = false;
    double after_ = 2.0, last_ = 0;
    Clock::time_point start_ = Clock::now(), stage_start_ = Clock::now();
    std::string stage_;
};

}  // namespace cli
