// e911 validate: does the configuration load? Every problem with file:line:col.
#include <iostream>

#include "command.hpp"

namespace cli {

Command add_validate(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string format = "text";
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("validate", "Load configuration files and report every problem with file:line:col");
    sub->add_option("FILE", o->files, "configuration files (YAML or JSON)")->required();
    sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    return {sub, [o] {
                auto r = e911::load_files(o->files, load_options());
                if (o->format == "json") std::cout << e911::render(r.diagnostics, e911::ReportFormat::json) << "\n";
                else {
                    std::cout << e911::diagnostics_to_text(r.diagnostics, stdout_is_terminal());
                    if (r.diagnostics.empty()) std::cout << "ok: " << e911::join_files(o->files) << " loaded cleanly\n";
                }
                if (r.unreadable()) return kUsage;
                return r.ok() ? kClean : kFindings;
            }};
}

Command add_schema(CLI::App& app) {
    auto* sub = app.add_subcommand("schema", "Print the JSON Schema of the configuration format");
    return {sub, [] {
                std::cout << e911::schema_text() << "\n";
                return kClean;
            }};
}

}  // namespace cli
