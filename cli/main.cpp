// The e911 command line: a thin layer over libe911. Parsing flags and choosing exit codes is
// all that lives here; every answer comes from the library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <cstdio>
#include <iostream>
#include <sstream>

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
int load_or_report(const std::vector<std::string>& files, e911::LoadResult& r) {
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
    return -1;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::invalid_argument("cannot read " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string render(const std::vector<e911::Finding>& fs, const std::string& format, bool color) {
    if (format == "json") return e911::findings_to_json(fs);
    if (format == "sarif") return e911::findings_to_sarif(fs);
    if (format == "junit") return e911::findings_to_junit(fs);
    if (format == "github") return e911::findings_to_github(fs);
    return e911::findings_to_text(fs, color);
}

int run_lint(const std::vector<std::string>& files, const std::string& format, const std::string& fail_on, const std::vector<std::string>& select,
             const std::vector<std::string>& ignore, const std::string& baseline, const std::string& write_baseline, const std::string& output,
             const std::string& today) {
    e911::LintOptions opt;
    opt.select = select;
    opt.ignore = ignore;
    opt.today = today;
    try {
        if (!baseline.empty()) opt.baseline = e911::baseline_from_json(read_file(baseline));
    } catch (const std::invalid_argument& e) {
        std::cerr << "e911: --baseline " << baseline << ": " << e.what() << "\n";
        return kUsage;
    }
    bool color = (output.empty() || output == "-") && stdout_is_terminal();
    auto r = e911::load_files(files);
    if (!r.ok()) {  // load errors are findings too, and a usage-class failure
        int rc = emit(render(e911::findings_from_diagnostics(r.diagnostics), format, color), output);
        return rc ? rc : kUsage;
    }
    std::vector<e911::Finding> findings;
    try {
        findings = e911::lint(r.config, opt);
    } catch (const std::invalid_argument& e) {
        std::cerr << "e911: " << e.what() << "\n";
        return kUsage;
    }
    auto load = e911::findings_from_diagnostics(r.diagnostics);
    findings.insert(findings.begin(), load.begin(), load.end());
    if (!write_baseline.empty()) {
        std::ofstream f(write_baseline);
        if (!f) {
            std::cerr << "e911: cannot write " << write_baseline << "\n";
            return kUsage;
        }
        f << e911::baseline_to_json(findings);
        std::cerr << "e911: wrote " << findings.size() << " finding(s) to " << write_baseline << "\n";
        return kClean;
    }
    if (int rc = emit(render(findings, format, color), output)) return rc;
    std::optional<e911::Severity> threshold;
    if (fail_on != "never") {
        e911::Severity s;
        e911::parse_severity(fail_on, s);
        threshold = s;
    }
    return e911::fails(findings, threshold) ? kFindings : kClean;
}

int run_simulate(const std::vector<std::string>& files, const e911::Caller& caller, const std::string& calls, const std::string& format) {
    e911::LoadResult r;
    if (int rc = load_or_report(files, r); rc >= 0) return rc;
    e911::Simulator sim(r.config);
    if (!calls.empty()) {
        if (format == "text") {
            std::cerr << "e911: --calls writes json or csv; use --format json or --format csv\n";
            return kUsage;
        }
        std::ifstream f;
        std::istream* in = &std::cin;
        if (calls != "-") {
            f.open(calls, std::ios::binary);
            if (!f) {
                std::cerr << "e911: cannot read " << calls << "\n";
                return kUsage;
            }
            in = &f;
        }
        auto stats = e911::simulate_batch(sim, *in, std::cout, format == "csv" ? e911::BatchOutput::csv : e911::BatchOutput::json);
        if (stats.errors) std::cerr << "e911: " << stats.errors << " of " << stats.rows << " row(s) could not be simulated (see their `error`)\n";
        return stats.errors ? kUsage : kClean;
    }
    if (caller.dialed.empty()) {
        std::cerr << "e911: simulate needs --dial DIGITS (or --calls FILE)\n";
        return kUsage;
    }
    if (format == "csv") {
        std::cerr << "e911: --format csv is for --calls; use text or json\n";
        return kUsage;
    }
    try {
        auto t = sim.simulate(caller);
        std::cout << (format == "json" ? e911::trace_to_json(t) + "\n" : e911::trace_to_text(t));
    } catch (const e911::UsageError& e) {
        std::cerr << "e911: " << e.what() << "\n";
        return kUsage;
    }
    return kClean;
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

    // lint
    std::vector<std::string> l_files, l_select, l_ignore;
    std::string l_format = "text", l_fail_on = "error", l_baseline, l_write_baseline, l_output, l_today;
    auto* lint = app.add_subcommand("lint", "Check a configuration against every rule (exit 0 clean, 1 findings, 2 usage/load error)");
    lint->add_option("FILE", l_files, "configuration files (YAML or JSON)")->required();
    lint->add_option("--format", l_format, "text, json, sarif, junit or github")->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
    lint->add_option("--fail-on", l_fail_on, "lowest severity that fails: error, warning, info or never")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}));
    lint->add_option("--select", l_select, "only these rule ids or categories (comma-separated)")->delimiter(',');
    lint->add_option("--ignore", l_ignore, "skip these rule ids or categories (comma-separated)")->delimiter(',');
    lint->add_option("--baseline", l_baseline, "accept the findings whose fingerprints are in this file");
    lint->add_option("--write-baseline", l_write_baseline, "write the current findings' fingerprints to this file and exit 0");
    lint->add_option("-o,--output", l_output, "write the report to this file");
    lint->add_option("--today", l_today, "date (YYYY-MM-DD) for waiver expiry; default today")->group("");

    // simulate
    e911::Caller s_caller;
    std::vector<std::string> s_files;
    std::string s_format = "text", s_platform, s_client, s_calls;
    auto* simulate = app.add_subcommand("simulate", "Simulate a call: site, policies, location, dial plan, route, gateway, PSAP, notification");
    simulate->add_option("CONFIG", s_files, "configuration files")->required();
    simulate->add_option("--dial", s_caller.dialed, "the digits dialled");
    simulate->add_option("--user", s_caller.user, "user id");
    simulate->add_option("--ip", s_caller.ip, "client IP, optionally with its prefix length (10.10.0.57/24)");
    simulate->add_option("--public-ip", s_caller.public_ip, "the public (NAT) address Teams sees");
    simulate->add_option("--bssid", s_caller.bssid, "wireless access point BSSID");
    simulate->add_option("--chassis-id", s_caller.chassis_id, "switch chassis ID (LLDP)");
    simulate->add_option("--port-id", s_caller.port_id, "switch port ID (LLDP)");
    simulate->add_option("--platform", s_platform, "teams or sfb")->check(CLI::IsMember({"teams", "sfb"}));
    simulate->add_option("--client", s_client, "SfB client: modern (multiple emergency numbers) or legacy")->check(CLI::IsMember({"modern", "legacy"}));
    simulate->add_option("--calls", s_calls, "batch: a CSV or JSON Lines file of calls ('-' for stdin)");
    simulate->add_option("--format", s_format, "text or json (batch: json or csv)")->check(CLI::IsMember({"text", "json", "csv"}));

    std::vector<std::string> p_files;
    std::string p_location;
    bool p_elin_in_nam = false;
    auto* pidf = app.add_subcommand("pidf", "Print the PIDF-LO document for a location");
    pidf->add_option("CONFIG", p_files, "configuration files")->required();
    pidf->add_option("--location", p_location, "location id")->required();
    pidf->add_flag("--elin-in-nam", p_elin_in_nam, "put the ELINs in NAM as Skype for Business does");

    std::vector<std::string> m_files;
    std::string m_format = "text", m_output;
    auto* matrix = app.add_subcommand("matrix", "Simulate every site x location x emergency number x platform");
    matrix->add_option("CONFIG", m_files, "configuration files")->required();
    matrix->add_option("--format", m_format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    matrix->add_option("-o,--output", m_output, "write to this file");

    std::string d_old, d_new, d_format = "text", d_today;
    auto* diff = app.add_subcommand("diff", "Compare outcomes and findings of two configurations (exit 1 when an emergency outcome got worse)");
    diff->add_option("OLD", d_old, "the configuration before")->required();
    diff->add_option("NEW", d_new, "the configuration after")->required();
    diff->add_option("--format", d_format, "text or json")->check(CLI::IsMember({"text", "json"}));
    diff->add_option("--today", d_today, "date for waiver expiry")->group("");

    std::vector<std::string> c_files;
    std::string c_output;
    auto* convert = app.add_subcommand("convert", "Write a configuration (and its includes) as one canonical JSON document");
    convert->add_option("CONFIG", c_files, "configuration files")->required();
    convert->add_option("-o,--output", c_output, "write to this file");

    auto* rules = app.add_subcommand("rules", "List every rule: id, severity, category, summary");
    std::string x_id;
    auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
    explain->add_option("ID", x_id, "rule id")->required();

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
        if (*rules) {
            for (const auto& r : e911::rules())
                std::printf("%-30s %-8s %-13s %s\n", r.id.c_str(), e911::to_string(r.severity), r.category.c_str(), r.summary.c_str());
            return kClean;
        }
        if (*explain) {
            std::string doc = e911::rule_doc(x_id);
            if (doc.empty()) {
                std::cerr << "e911: no rule `" << x_id << "` (`e911 rules` lists them)\n";
                return kUsage;
            }
            std::cout << doc;
            return kClean;
        }
        if (*simulate) {
            if (!s_platform.empty()) s_caller.platform = s_platform == "sfb" ? e911::Platform::sfb : e911::Platform::teams;
            if (!s_client.empty()) s_caller.client = s_client == "legacy" ? e911::SfbClient::legacy : e911::SfbClient::modern;
            return run_simulate(s_files, s_caller, s_calls, s_format);
        }
        if (*convert) {
            e911::LoadResult r;
            if (int rc = load_or_report(c_files, r); rc >= 0) return rc;
            return emit(e911::config_to_json(r.config) + "\n", c_output);
        }
        if (*matrix) {
            e911::LoadResult r;
            if (int rc = load_or_report(m_files, r); rc >= 0) return rc;
            e911::Simulator sim(r.config);
            auto rows = e911::matrix(sim);
            return emit(m_format == "json" ? e911::matrix_to_json(rows) : m_format == "csv" ? e911::matrix_to_csv(rows) : e911::matrix_to_text(rows), m_output);
        }
        if (*diff) {
            e911::LoadResult before, after;
            if (int rc = load_or_report({d_old}, before); rc >= 0) return rc;
            if (int rc = load_or_report({d_new}, after); rc >= 0) return rc;
            e911::LintOptions opt;
            opt.today = d_today;
            auto d = e911::diff(before.config, after.config, opt);
            std::cout << (d_format == "json" ? e911::diff_to_json(d) + "\n" : e911::diff_to_text(d));
            return d.worse() ? kFindings : kClean;
        }
        if (*pidf) {
            e911::LoadResult r;
            if (int rc = load_or_report(p_files, r); rc >= 0) return rc;
            try {
                std::cout << e911::pidf(r.config, p_location, p_elin_in_nam);
            } catch (const e911::UsageError& e) {
                std::cerr << "e911: " << e.what() << "\n";
                return kUsage;
            }
            return kClean;
        }
        if (*lint) return run_lint(l_files, l_format, l_fail_on, l_select, l_ignore, l_baseline, l_write_baseline, l_output, l_today);
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
