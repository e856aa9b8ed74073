// e911 report: the HTML report (summary, coverage heat map, call flows, findings) as one file.
#include <iostream>

#include "command.hpp"

namespace cli {

Command add_report(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string output, today;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("report", "Write a self-contained HTML report: summary, coverage heat map, call flows, findings");
    sub->add_option("CONFIG", o->files, "configuration files (one configuration, as for matrix)")->required();
    sub->add_option("-o,--output", o->output, "write the page to this file (default: standard output)");
    sub->add_option("--today", o->today, "date (YYYY-MM-DD) for waiver expiry; default today")->group("");
    return {sub, [o] {
                e911::LoadResult r;
                if (int rc = load_or_report(o->files, r); rc >= 0) return rc;
                e911::LintOptions opt;
                opt.today = o->today;
                return emit(e911::report_html(r.config, opt), o->output);
            }};
}

}  // namespace cli
