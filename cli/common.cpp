// Output and loading helpers shared by the subcommands.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "command.hpp"
#include "platform.hpp"
#include "progress.hpp"

namespace cli {

bool stdout_is_terminal() { return platform::stdout_is_tty() && !std::getenv("NO_COLOR"); }
bool stderr_is_terminal() { return platform::stderr_is_tty(); }

e911::LoadOptions& load_options() {
    static e911::LoadOptions options;
    return options;
}

int check_stdout() {
    static bool reported = false;  // once: main() checks again after the command
    if (reported) return kUsage;
    int err = errno;  // a write that already failed left its reason here
    if (std::cout) {
        errno = 0;
        std::cout.flush();
        err = errno;
    }
    if (std::cout) return 0;
    reported = true;
    std::cerr << "e911: cannot write standard output: " << (err ? std::strerror(err) : "write error") << "\n";
    return kUsage;
}

int emit(const std::string& text, const std::string& output) {
    return emit([&](const e911::TextSink& write) { write(text); }, output);
}

int emit(const std::function<void(const e911::TextSink&)>& produce, const std::string& output) {
    if (output.empty() || output == "-") {
        errno = 0;
        char last = '\n';
        produce([&](std::string_view piece) {
            if (piece.empty()) return;
            std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            last = piece.back();
        });
        if (last != '\n') std::cout << '\n';
        return check_stdout();
    }
    try {
        e911::write_file(output, produce);
    } catch (const e911::FileError& e) {
        std::cerr << "e911: " << e.what() << "\n";
        return kUsage;
    }
    return 0;
}

e911::LoadResult load_showing_progress(const std::vector<std::string>& files) {
    ProgressLine progress;
    auto load = load_options();
    load.progress = progress.fn();
    return e911::load_files(files, load);
}

int load_or_report(const std::vector<std::string>& files, e911::LoadResult& r) {
    r = load_showing_progress(e911::plan_configs(files, true).front().files);  // a file another includes: once
    if (r.unreadable()) {
        std::cerr << e911::diagnostics_to_text(r.diagnostics, stderr_is_terminal());
        return kUsage;
    }
    if (!r.ok()) {
        std::cerr << e911::diagnostics_to_text(r.diagnostics, stderr_is_terminal());
        std::cerr << "e911: the configuration has errors; run `e911 validate` for details\n";
        return kUsage;
    }
    return -1;
}

std::string read_file(const std::string& path) {
    try {
        return e911::read_file(path, load_options().limits.max_file_bytes);
    } catch (const e911::FileError& e) {
        throw std::invalid_argument(e.what());
    }
}

}  // namespace cli
