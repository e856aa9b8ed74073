// The e911 command line: a thin layer over libe911. Parsing flags and choosing exit codes is
// all that lives here (one cmd_*.cpp per subcommand); every answer comes from the library.
#include <csignal>
#include <iostream>

#include "command.hpp"
#include "progress.hpp"

int main(int argc, char** argv) {
    CLI::App app{"e911: check emergency-calling configurations (Teams Direct Routing, Skype for Business) before they are deployed,\n"
                 "and simulate where an emergency call goes."};
    app.set_version_flag("--version", std::string("e911 ") + e911::version());
    app.require_subcommand(1);
    // Given before or after the subcommand (fallthrough): bounds of every load, docs/security.md.
    auto& load = cli::load_options();
    app.add_flag("--allow-include-outside", load.allow_include_outside,
                 "let include: name files outside the root configuration's directory")->group("Input bounds");
    app.add_option("--max-file-size", load.limits.max_file_bytes, "largest file read, in bytes (default 256 MiB)")->group("Input bounds");
    app.add_option("--max-diagnostics", load.limits.max_diagnostics, "diagnostics listed per load before \"N more not shown\"")
        ->group("Input bounds");
    app.add_flag("--quiet", cli::quiet(), "no progress display on stderr (shown only on a terminal, for work over 2 s)");
    app.fallthrough();
    // A closed pipe is reported as a write error (check_stdout) instead of killing the process silently.
    std::signal(SIGPIPE, SIG_IGN);
    // Registration order is the order `e911 --help` lists them in.
    std::vector<cli::Command> commands = {
        cli::add_validate(app), cli::add_schema(app), cli::add_lint(app),  cli::add_simulate(app), cli::add_pidf(app),
        cli::add_matrix(app),   cli::add_diff(app),   cli::add_convert(app), cli::add_rules(app),  cli::add_explain(app),
        cli::add_import(app),   cli::add_export(app),
    };
    commands.push_back(cli::add_report(app));
    commands.push_back(cli::add_help(app));
    commands.push_back(cli::add_completion(app));
    if (int rc = cli::check_subcommand(app, argc, argv); rc >= 0) return rc;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : cli::kUsage;
    }
    try {
        for (const auto& c : commands)
            if (c.app->parsed()) {
                int rc = c.run();
                int out = cli::check_stdout();
                return out ? out : rc;
            }
    } catch (const std::exception& e) {
        std::cerr << "e911: internal error: " << e.what() << "\n";
        return cli::kUsage;
    }
    return cli::kUsage;
}
