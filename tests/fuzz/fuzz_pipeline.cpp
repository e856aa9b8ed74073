// The whole pipeline on a fuzzed configuration: load -> lint -> simulate -> matrix -> every
// renderer. Every JSON answer must be valid JSON; nothing may throw but UsageError.
#include "fuzz_common.hpp"

namespace {
void render_findings(const std::vector<e911::Finding>& fs) {
    fuzz::must_be_json(e911::findings_to_json(fs));
    fuzz::must_be_json(e911::findings_to_sarif(fs));
    (void)e911::findings_to_junit(fs);
    (void)e911::findings_to_github(fs);
    (void)e911::findings_to_text(fs, true);
    fuzz::must_be_json(e911::baseline_to_json(fs));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;  // whole-pipeline cost grows with size; the loaders are fuzzed alone
    auto r = e911::load_string(fuzz::text(data, size), e911::Format::automatic, "fuzz.yaml", fuzz::sandbox());
    render_findings(e911::findings_from_diagnostics(r.diagnostics));
    if (!r.ok()) return 0;
    e911::LintOptions opt;
    opt.today = "2026-11-21";
    render_findings(e911::lint(r.config, opt));
    e911::Simulator sim(r.config);
    auto rows = e911::matrix(sim);
    fuzz::must_be_json(e911::matrix_to_json(rows));
    (void)e911::matrix_to_csv(rows);
    (void)e911::matrix_to_text(rows);
    fuzz::must_be_json(e911::config_to_json(r.config, true));
    // A few callers: each user dials each of a handful of numbers from the first subnet.
    std::string ip = r.config.subnets.empty() ? "" : r.config.subnets.front().prefix.network.to_string();
    for (std::size_t u = 0; u <= std::min<std::size_t>(r.config.users.size(), 2); ++u) {
        for (const char* dialed : {"911", "112", "933", "9911", "+12175550123"}) {
            e911::Caller c;
            c.dialed = dialed;
            c.ip = ip;
            if (u < r.config.users.size()) c.user = r.config.users[u].id;
            try {
                auto t = sim.simulate(c);
                fuzz::must_be_json(e911::trace_to_json(t));
                (void)e911::trace_to_text(t);
            } catch (const e911::UsageError&) {}
        }
    }
    for (std::size_t l = 0; l < std::min<std::size_t>(r.config.locations.size(), 2); ++l) {
        try {
            (void)e911::pidf(r.config, r.config.locations[l].id, l == 1);
        } catch (const e911::UsageError&) {}
    }
    return 0;
}
