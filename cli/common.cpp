// Output and loading helpers shared by the subcommands.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "platform.hpp"

namespace cli {

bool stdout_is_terminal() { return platform::stdout_is_tty() && !std::getenv("NO_COLOR"); }
bool stderr_is_terminal() { return platform::stderr_is_tty(); }

int emit(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::cout << text;
        if (!text.empty() && text.back() != '\n') std::cout << '\n';
        return 0;
    }
    std::ofstream f(output);
    if (!f) {
        std::cerr << "e911: cannot write " << output << "\n";
        return kUsage;
    }
    f << text;
    return 0;
}

int load_or_report(const std::vector<std::string>& files, e911::LoadResult& r) {
    r = e911::load_files(e911::plan_configs(files, true).front().files);  // a file another includes: once
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
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::invalid_argument("cannot read " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace cli
