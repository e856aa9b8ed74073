// The e911 command line: a thin layer over libe911. Parsing flags and choosing exit codes is
// all that lives here; every answer comes from the library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "e911/e911.hpp"

namespace {

constexpr int kClean = 0, kFindings = 1, kUsage = 2;

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

// Writes to -o FILE or stdout.
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

// Loads and prints load errors to stderr; returns an exit code or -1 to continue.
int load_or_report(const std::vector<std::string>& files, e911::LoadResult& r, bool quiet_warnings = true) {
    r = e911::load_files(files);
    if (r.unreadable()) {
        std::cerr << e911::diagnostics_to_text(r.diagnostics, isatty(STDERR_FILENO));
        return kUsage;
    }
    if (!r.ok()) {
        std::cerr << e911::diagnostics_to_text(r.diagnostics, isatty(STDERR_FILENO));
        std::cerr << "e911: the configuration has errors; run `e911 validate` for details\n";
        return kUsage;
    }
    (void)quiet_warnings;
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"e911: check emergency-calling configurations (Teams Direct Routing, Skype for Business) before they are deployed,\n"
                 "and simulate where an emergency call goes."};
    app.set_version_flag("--version", std::string("e911 ") + e911::version());
    app.require_subcommand(1);

    // validate
    std::vector<std::string> v_files;
    std::string v_format = "text";
    auto* validate = app.add_subcommand("validate", "Load configuration files and report every problem with file:line:col");
    validate->add_option("FILE", v_files, "configuration files (YAML or JSON)")->required();
    validate->add_option("--format", v_format, "text or json")->check(CLI::IsMember({"text", "json"}));

    auto* schema = app.add_subcommand("schema", "Print the JSON Schema of the configuration format");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : kUsage;
    }

    try {
        if (*schema) {
            std::cout << e911::schema_text() << "\n";
            return kClean;
        }
        if (*validate) {
            auto r = e911::load_files(v_files);
            if (v_format == "json") std::cout << e911::diagnostics_to_json(r.diagnostics) << "\n";
            else {
                std::cout << e911::diagnostics_to_text(r.diagnostics, stdout_is_terminal());
                if (r.diagnostics.empty()) std::cout << "ok: " << e911::join_files(v_files) << " loaded cleanly\n";
            }
            if (r.unreadable()) return kUsage;
            return r.ok() ? kClean : kFindings;
        }
    } catch (const std::exception& e) {
        std::cerr << "e911: internal error: " << e.what() << "\n";
        return kUsage;
    }
    return kUsage;
}
