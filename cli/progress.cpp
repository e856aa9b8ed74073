#include "progress.hpp"

#include <cstdlib>
#include <iostream>

#include "platform.hpp"

namespace cli {

bool& quiet() {
    static bool q = false;
    return q;
}

ProgressLine::ProgressLine() : enabled_(!quiet() && platform::stderr_is_tty()) {
    if (const char* after = std::getenv("E911_PROGRESS_AFTER")) after_ = std::atof(after);
}

ProgressLine::~ProgressLine() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
}

e911::ProgressFn ProgressLine::fn() {
    if (!enabled_) return nullptr;  // the library skips the calls altogether
    return [this](const e911::Progress& p) { show(p); };
}

namespace {
std::string amount(std::uint64_t n, const std::string& unit) {
    if (unit == "bytes") return std::to_string(n / 1000000) + "." + std::to_string(n / 100000 % 10) + " MB";
    return std::to_string(n) + " " + unit;
}
}  // namespace

void ProgressLine::show(const e911::Progress& p) {
    auto now = Clock::now();
    bool new_stage = stage_ != p.stage;
    if (new_stage) stage_ = p.stage, stage_start_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    if (secs < after_ || (shown_ && !new_stage && secs - last_ < 0.25)) return;  // a new stage shows at once
    last_ = secs, shown_ = true;
    double in_stage = std::chrono::duration<double>(now - stage_start_).count();
    std::cerr << "\r\033[Ke911: " << p.stage << ": " << amount(p.done, p.unit);
    if (p.total > 0) std::cerr << " of " << amount(p.total, p.unit);
    if (in_stage > 0.5 && p.unit != std::string("bytes"))
        std::cerr << ", " << static_cast<long long>(static_cast<double>(p.done) / in_stage) << " " << p.unit << "/s";
    if (p.total > 0 && p.done > 0 && p.done < p.total && in_stage > 0.5)
        std::cerr << ", about "
                  << static_cast<long long>(in_stage * static_cast<double>(p.total - p.done) / static_cast<double>(p.done))
                  << " s left";
    std::cerr << std::flush;
}

}  // namespace cli
