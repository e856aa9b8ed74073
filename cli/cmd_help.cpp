// e911 help [SUBCOMMAND]: the same text as `e911 SUBCOMMAND --help`; and "did you mean" for a
// mistyped subcommand, checked before CLI11 parses (it would only say the argument was not expected).
#include <algorithm>
#include <iostream>

#include "command.hpp"

namespace cli {
namespace {

// Levenshtein distance: a mistyped subcommand name is a short word.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::vector<std::string> names(CLI::App& app) {
    std::vector<std::string> out;
    for (auto* s : app.get_subcommands([](CLI::App*) { return true; })) out.push_back(s->get_name());
    return out;
}

int unknown(CLI::App& app, const std::string& word) {
    std::string best;
    std::size_t best_d = 0;
    for (const auto& n : names(app)) {
        std::size_t d = distance(word, n);
        // A typo: at most 2 edits, and fewer than half the word (so `x` does not suggest `pidf`).
        if (d <= 2 && d * 2 < std::max(word.size(), n.size()) && (best.empty() || d < best_d))
            best = n, best_d = d;
        else if (n.rfind(word, 0) == 0 && best.empty())
            best = n, best_d = d;  // a prefix: `sim` -> `simulate`
    }
    std::cerr << "e911: unknown command `" << word << "`";
    if (!best.empty()) std::cerr << "; did you mean `" << best << "`?";
    std::cerr << "\n(`e911 help` lists the commands)\n";
    return kUsage;
}

}  // namespace

int check_subcommand(CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return -1;
    std::string word = argv[1];
    auto all = names(app);
    if (std::find(all.begin(), all.end(), word) != all.end()) return -1;
    return unknown(app, word);
}

Command add_help(CLI::App& app) {
    auto topic = std::make_shared<std::string>();
    auto* sub = app.add_subcommand("help", "Show the help of e911 or of one command: e911 help SUBCOMMAND");
    sub->add_option("SUBCOMMAND", *topic, "the command to explain");
    return {sub, [topic, &app] {
                if (topic->empty()) {
                    // app.help() would describe the selected subcommand (`help` itself).
                    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
                    return kClean;
                }
                auto all = names(app);
                if (std::find(all.begin(), all.end(), *topic) == all.end()) return unknown(app, *topic);
                std::cout << app.get_subcommand(*topic)->help(app.get_name());
                return kClean;
            }};
}

}  // namespace cli
