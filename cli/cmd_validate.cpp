// e911 validate: does each configuration load? Every problem with file:line:col.
#include <iostream>

#include "command.hpp"

namespace cli {

Command add_validate(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string format = "text";
        bool merge = false, only_configs = false;
    };
    auto o = std::make_shared<Opts>();
    auto* sub =
        app.add_subcommand("validate", "Load each configuration file and report every problem with file:line:col");
    sub->add_option("FILE", o->files, "configuration files (YAML or JSON), each its own configuration")->required();
    sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    add_file_set_options(sub, o->merge, o->only_configs);
    sub->add_flag("--check-schema", load_options().check_schema,
                  "also validate against the JSON Schema (slower: the loader applies the same rules itself)");
    return {sub, [o] {
                auto units = plan_files(o->files, o->merge, o->only_configs);
                std::vector<e911::Diagnostic> all;
                bool unreadable = false, errors = false;
                for (const auto& u : units) {
                    auto r = load_showing_progress(u.files);
                    unreadable = unreadable || r.unreadable();
                    errors = errors || !r.ok();
                    if (o->format != "json") {
                        std::cout << e911::diagnostics_to_text(r.diagnostics, stdout_is_terminal());
                        if (r.diagnostics.empty())
                            std::cout << "ok: " << e911::join_files(u.files) << " loaded cleanly\n";
                    }
                    all.insert(all.end(), r.diagnostics.begin(), r.diagnostics.end());
                }
                if (o->format == "json") std::cout << e911::render(all, e911::ReportFormat::json) << "\n";
                else if (units.empty()) std::cout << "ok: no libe911 configuration among the files\n";
                if (unreadable) return kUsage;
                return errors ? kFindings : kClean;
            }};
}

Command add_schema(CLI::App& app) {
    auto output = std::make_shared<std::string>();
    auto* sub = app.add_subcommand("schema", "Print (or write with -o) the JSON Schema of the configuration format");
    sub->add_option("-o,--output", *output,
                    "write the schema to this file (keep the name e911-config.schema.json: modelines are found by it)");
    return {sub, [output] { return emit(e911::schema_text() + "\n", *output); }};
}

}  // namespace cli
