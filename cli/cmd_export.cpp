// e911 export: a configuration written back as a PowerShell deployment script (optionally only
// the changes since an older configuration) or as the JSON the Get-Cs* cmdlets would return.
#include <iostream>

#include "command.hpp"
#include "e911/import.hpp"

namespace cli {

Command add_export(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string to = "powershell", output, since;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand(
        "export", "Write a configuration as a PowerShell script or as Get-Cs* cmdlet JSON (never run)");
    sub->add_option("CONFIG", o->files, "configuration files")->required();
    sub->add_option("--to", o->to, "powershell or cmdlet-json")->check(CLI::IsMember({"powershell", "cmdlet-json"}));
    sub->add_option("-o,--output", o->output, "powershell: a file; cmdlet-json: a folder, or a .zip archive");
    sub->add_option("--since", o->since, "an older configuration: write only New-/Set-/Remove- for what changed");
    return {
        sub, [o] {
            e911::LoadResult r;
            if (int rc = load_or_report(o->files, r); rc >= 0) return rc;
            e911::LoadResult old;
            if (!o->since.empty())
                if (int rc = load_or_report({o->since}, old); rc >= 0) return rc;
            if (o->to == "cmdlet-json") {
                if (!o->since.empty()) {
                    std::cerr << "e911: --since applies to --to powershell only\n";
                    return kUsage;
                }
                if (o->output.empty()) {
                    std::cerr << "e911: --to cmdlet-json writes one file per cmdlet: give -o FOLDER or -o FILE.zip\n";
                    return kUsage;
                }
                auto files = e911::export_config(r.config, e911::ExportTarget::cmdlet_json);
                if (std::string err = e911::write_export(files, o->output); !err.empty()) {
                    std::cerr << "e911: " << err << "\n";
                    return kUsage;
                }
                return kClean;
            }
            auto files =
                e911::export_config(r.config, e911::ExportTarget::powershell, o->since.empty() ? nullptr : &old.config);
            return emit(files.front().text, o->output);
        }};
}

}  // namespace cli
