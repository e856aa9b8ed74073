// e911 matrix: every site x location x number x platform; e911 diff: what a change does to them.
#include <iostream>

#include "command.hpp"

namespace cli {

Command add_matrix(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string format = "text", output;
        std::vector<std::string> down;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("matrix", "Simulate every site x location x emergency number x platform");
    sub->add_option("CONFIG", o->files, "configuration files")->required();
    sub->add_option("--format", o->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    sub->add_option("-o,--output", o->output, "write to this file");
    sub->add_option("--down", o->down, "gateways to treat as down: GW[,GW...] (what their failure does to every site)")
        ->delimiter(',');
    return {sub, [o] {
                e911::LoadResult r;
                if (int rc = load_or_report(o->files, r); rc >= 0) return rc;
                e911::Simulator sim(r.config);
                std::vector<e911::MatrixRow> rows;
                try {
                    rows = e911::matrix(sim, o->down);
                } catch (const e911::UsageError& e) {
                    std::cerr << "e911: " << e.what() << "\n";
                    return kUsage;
                }
                e911::ReportFormat f = e911::ReportFormat::text;
                e911::parse_report_format(o->format, f);
                return emit([&](const e911::TextSink& write) { e911::render(rows, f, {}, write); }, o->output);
            }};
}

Command add_diff(CLI::App& app) {
    struct Opts {
        std::string old_file, new_file, format = "text", today, output;
        std::vector<std::string> down;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("diff", "Compare outcomes and findings of two configurations (exit 1 when an emergency outcome got worse)");
    sub->add_option("OLD", o->old_file, "the configuration before")->required();
    sub->add_option("NEW", o->new_file, "the configuration after")->required();
    sub->add_option("--format", o->format, "text, json or html (a self-contained page)")
        ->check(CLI::IsMember({"text", "json", "html"}));
    sub->add_option("-o,--output", o->output, "write to this file");
    sub->add_option("--today", o->today, "date for waiver expiry")->group("");
    sub->add_option("--down", o->down, "gateways to treat as down on both sides: GW[,GW...]")->delimiter(',');
    return {sub, [o] {
                e911::LoadResult before, after;
                if (int rc = load_or_report({o->old_file}, before); rc >= 0) return rc;
                if (int rc = load_or_report({o->new_file}, after); rc >= 0) return rc;
                e911::LintOptions opt;
                opt.today = o->today;
                e911::DiffResult d;
                try {
                    d = e911::diff(before.config, after.config, opt, o->down);
                } catch (const e911::UsageError& e) {
                    std::cerr << "e911: " << e.what() << "\n";
                    return kUsage;
                }
                e911::ReportFormat f = e911::ReportFormat::text;
                e911::parse_report_format(o->format, f);
                if (int rc = emit(e911::render(d, f), o->output)) return rc;
                return d.worse() ? kFindings : kClean;
            }};
}

}  // namespace cli
