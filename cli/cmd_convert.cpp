// e911 convert: the configuration (includes merged) as one canonical JSON document.
#include "command.hpp"

namespace cli {

Command add_convert(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string output;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("convert", "Write a configuration (and its includes) as one canonical JSON document");
    sub->add_option("CONFIG", o->files, "configuration files")->required();
    sub->add_option("-o,--output", o->output, "write to this file");
    return {sub, [o] {
                e911::LoadResult r;
                if (int rc = load_or_report(o->files, r); rc >= 0) return rc;
                return emit(e911::config_to_json(r.config) + "\n", o->output);
            }};
}

}  // namespace cli
