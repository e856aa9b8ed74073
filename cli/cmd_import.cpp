// e911 import: PowerShell exports (Get-Cs* JSON/CSV, LIS CSV layouts, Microsoft365DSC), as files,
// folders or ZIP archives, written as one configuration. What was read, what could not be mapped
// and what the user must still supply go to stderr (or --report FILE as JSON).
#include <iostream>

#include "command.hpp"
#include "e911/import.hpp"

namespace cli {

Command add_import(CLI::App& app) {
    struct Opts {
        std::vector<std::string> paths;
        std::string output, format = "yaml", report;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand(
        "import", "Read PowerShell exports of a Teams tenant or Skype for Business pool into a configuration");
    sub->add_option("PATH", o->paths, "export files, folders or ZIP archives")->required();
    sub->add_option("-o,--output", o->output, "write the configuration to this file");
    sub->add_option("--format", o->format, "yaml or json")->check(CLI::IsMember({"yaml", "json"}));
    sub->add_option("--report", o->report, "write the import report as JSON to this file (default: text on stderr)");
    return {sub, [o] {
                e911::ImportResult r = e911::import_paths(o->paths);
                std::cerr << e911::diagnostics_to_text(r.diagnostics, stderr_is_terminal());
                if (o->report.empty())
                    std::cerr << e911::import_report_text(r.report);
                else if (int rc = emit(e911::import_report_json(r.report), o->report); rc != 0)
                    return rc;
                bool unreadable = false;
                for (const auto& d : r.diagnostics) unreadable |= d.id == "unreadable-file";
                if (r.report.files.empty()) return kUsage;
                std::string text =
                    o->format == "json" ? e911::config_to_json(r.config) + "\n" : e911::config_to_yaml(r.config);
                if (int rc = emit(text, o->output); rc != 0) return rc;
                return unreadable ? kUsage : r.ok() ? kClean : kFindings;
            }};
}

}  // namespace cli
