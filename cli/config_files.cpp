// The files given to validate/lint as the configurations they stand for (rule in e911/config_set.hpp).
#include <iostream>

#include "command.hpp"

namespace cli {

std::vector<e911::ConfigUnit> plan_files(const std::vector<std::string>& files, bool merge, bool only_configs) {
    std::vector<std::string> kept;
    for (const auto& f : files)
        if (!only_configs || e911::is_config_file(f)) kept.push_back(f);
    if (kept.empty()) return {};
    auto units = e911::plan_configs(kept, merge);
    for (const auto& u : units)
        for (const auto& n : u.notes) std::cerr << "e911: " << n << "\n";
    return units;
}

void add_file_set_options(CLI::App* sub, bool& merge, bool& only_configs) {
    sub->add_flag("--merge", merge,
                  "the files are ONE configuration: load them together (default: each file is its own)");
    sub->add_flag("--only-configs", only_configs,
                  "skip files that are not libe911 configurations, judged by content (for pre-commit and globs)");
}

}  // namespace cli
