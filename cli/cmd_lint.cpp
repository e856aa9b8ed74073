// e911 lint: findings against the rule catalogue; e911 rules / explain: the catalogue itself.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "command.hpp"
#include "progress.hpp"

namespace cli {
namespace {

struct Opts {
    std::vector<std::string> files, select, ignore;
    std::string format = "text", fail_on = "error", baseline, write_baseline, reason, output, today;
    bool merge = false, only_configs = false;
};

// The findings of every configuration linted, each once: a fragment shared by two configurations
// has its findings once. Two findings are the same when their rule, place and message are. The set
// holds indexes into the list, not keys: a key string per finding cost a large tenant's lint a
// quarter of a gigabyte.
class FindingList {
  public:
    FindingList() = default;
    FindingList(const FindingList&) = delete;  // the set's functions point at this list
    FindingList& operator=(const FindingList&) = delete;

    void add(std::vector<e911::Finding>&& more) {
        const std::size_t first = list_.size();
        if (list_.empty())
            list_ = std::move(more);  // a single configuration's findings are not copied
        else
            list_.insert(list_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        std::size_t kept = first;
        for (std::size_t i = first; i < list_.size(); ++i) {
            if (kept != i) list_[kept] = std::move(list_[i]);
            if (seen_.insert(kept).second) ++kept;
        }
        list_.resize(kept);
    }
    const std::vector<e911::Finding>& list() const { return list_; }

  private:
    struct Hash {
        const std::vector<e911::Finding>* list;
        std::size_t operator()(std::size_t i) const {
            const auto& f = (*list)[i];
            std::size_t h = std::hash<std::string_view>()(f.message);
            for (const std::string* s : {&f.rule, &f.target, &f.file}) h = h * 31 + std::hash<std::string_view>()(*s);
            return h * 31 + (std::size_t{f.line} << 32 | f.column);
        }
    };
    struct Same {
        const std::vector<e911::Finding>* list;
        bool operator()(std::size_t i, std::size_t j) const {
            const auto &a = (*list)[i], &b = (*list)[j];
            return a.line == b.line && a.column == b.column && a.rule == b.rule && a.target == b.target &&
                   a.file == b.file && a.message == b.message;
        }
    };
    std::vector<e911::Finding> list_;
    std::unordered_set<std::size_t, Hash, Same> seen_{0, Hash{&list_}, Same{&list_}};
};

// The report, written as it is made.
int report(const std::vector<e911::Finding>& fs, const std::string& format, bool color, const std::string& output) {
    e911::ReportFormat f = e911::ReportFormat::text;
    e911::parse_report_format(format, f);  // CLI11 has already checked the name
    return emit([&](const e911::TextSink& write) { e911::render(fs, f, {color, 2}, write); }, output);
}

int run_lint(const Opts& o) {
    e911::LintOptions opt;
    opt.select = o.select;
    opt.ignore = o.ignore;
    opt.today = o.today;
    try {
        if (!o.baseline.empty()) {
            opt.baseline_reasons = e911::baseline_reasons_from_json(read_file(o.baseline));
            for (const auto& entry : opt.baseline_reasons) opt.baseline.insert(entry.first);
        }
    } catch (const std::invalid_argument& e) {
        std::cerr << "e911: --baseline " << o.baseline << ": " << e.what() << "\n";
        return kUsage;
    }
    bool color = (o.output.empty() || o.output == "-") && stdout_is_terminal();
    FindingList found;
    const auto& findings = found.list();
    bool load_failed = false;
    for (const auto& unit : plan_files(o.files, o.merge, o.only_configs)) {  // each configuration on its own
        ProgressLine progress;  // one line on a terminal for a long load and lint; erased after
        auto load = load_options();
        load.progress = progress.fn();
        auto r = e911::load_files(unit.files, load);
        found.add(e911::findings_from_diagnostics(r.diagnostics));
        if (!r.ok()) {  // load errors are findings too, and a usage-class failure
            load_failed = true;
            continue;
        }
        try {
            opt.progress = progress.fn();
            found.add(e911::lint(r.config, opt));
            opt.progress = nullptr;
        } catch (const std::invalid_argument& e) {
            std::cerr << "e911: " << e.what() << "\n";
            return kUsage;
        }
    }
    if (load_failed) {
        int rc = report(findings, o.format, color, o.output);
        return rc ? rc : kUsage;
    }
    if (!o.write_baseline.empty()) {
        try {
            e911::write_file(o.write_baseline, e911::baseline_to_json(findings, o.reason));
        } catch (const e911::FileError& e) {
            std::cerr << "e911: " << e.what() << "\n";
            return kUsage;
        }
        std::cerr << "e911: wrote " << findings.size() << " finding(s) to " << o.write_baseline << "\n";
        if (!e911::baseline_reason_given(o.reason))
            for (const auto& f : findings)
                if (f.severity == e911::Severity::error && !f.waived && !e911::baseline_reason_given(f.baseline_reason)) {
                    std::cerr << "e911: errors are accepted only with a reason: replace \"" << e911::kBaselinePlaceholder
                              << "\" in " << o.write_baseline << " (or write it again with --reason TEXT)\n";
                    break;
                }
        return kClean;
    }
    if (int rc = report(findings, o.format, color, o.output)) return rc;
    std::optional<e911::Severity> threshold;
    if (o.fail_on != "never") {
        e911::Severity s;
        e911::parse_severity(o.fail_on, s);
        threshold = s;
    }
    return e911::fails(findings, threshold) ? kFindings : kClean;
}

}  // namespace

Command add_lint(CLI::App& app) {
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("lint", "Check a configuration against every rule (exit 0 clean, 1 findings, 2 usage/load error)");
    sub->add_option("FILE", o->files, "configuration files (YAML or JSON), each its own configuration")->required();
    add_file_set_options(sub, o->merge, o->only_configs);
    sub->add_option("--format", o->format, "text, json, sarif, junit or github")->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
    sub->add_option("--fail-on", o->fail_on, "lowest severity that fails: error, warning, info or never")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    sub->add_option("--select", o->select, "only these rule ids or categories (comma-separated)")->delimiter(',');
    sub->add_option("--ignore", o->ignore, "skip these rule ids or categories (comma-separated)")->delimiter(',');
    sub->add_option("--baseline", o->baseline, "accept the findings whose fingerprints are in this file");
    sub->add_option("--write-baseline", o->write_baseline, "write the current findings' fingerprints to this file and exit 0");
    sub->add_option("--reason", o->reason, "with --write-baseline: why these findings are accepted (errors need one)");
    sub->add_option("-o,--output", o->output, "write the report to this file");
    sub->add_option("--today", o->today, "date (YYYY-MM-DD) for waiver expiry; default today")->group("");
    return {sub, [o] { return run_lint(*o); }};
}

Command add_rules(CLI::App& app) {
    auto* sub = app.add_subcommand("rules", "List every rule: id, severity, category, summary");
    return {sub, [] {
                std::cout << e911::render(e911::rules(), e911::ReportFormat::text);
                return kClean;
            }};
}

Command add_explain(CLI::App& app) {
    auto id = std::make_shared<std::string>();
    auto* sub = app.add_subcommand("explain", "Print a rule's documentation");
    sub->add_option("ID", *id, "rule id")->required();
    return {sub, [id] {
                std::string doc = e911::rule_doc(*id);
                if (doc.empty()) {
                    std::cerr << "e911: no rule `" << *id << "` (`e911 rules` lists them)\n";
                    return kUsage;
                }
                std::cout << doc;
                return kClean;
            }};
}

}  // namespace cli
