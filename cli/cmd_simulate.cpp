// e911 simulate: one call step by step, or a call log (batch); e911 pidf: a location's PIDF-LO.
#include <chrono>
#include <memory>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.hpp"
#include "progress.hpp"
#include "platform.hpp"

namespace cli {
namespace {

struct Opts {
    e911::Caller caller;
    std::vector<std::string> files;
    std::string format = "text", platform, client, calls;
    std::vector<std::string> ips, public_ips;  // one, or two for a dual-stack caller (IPv4 and IPv6)
    std::string client_location_source;
    CLI::Option* format_option = nullptr;  // to tell `--format text` given from the default
    unsigned jobs = 1;
    bool quiet = false;
    bool no_trace = false;
};

// Progress of a long batch on stderr: only when stderr is a terminal (never into a pipe or log file),
// only after about two seconds, redrawn at most a few times a second. `in` gives the share of the
// call log read, when it is a file, for the time left.
class BatchProgress {
public:
    BatchProgress(std::istream* in, bool enabled) : in_(in), enabled_(enabled && platform::stderr_is_tty()) {
        // E911_PROGRESS_AFTER (seconds) moves the two-second threshold, for tests.
        if (const char* after = std::getenv("E911_PROGRESS_AFTER")) after_ = std::atof(after);
        if (auto* f = dynamic_cast<std::ifstream*>(in)) {
            auto here = f->tellg();
            f->seekg(0, std::ios::end), size_ = static_cast<double>(f->tellg()), f->seekg(here);
        }
    }
    ~BatchProgress() {
        if (shown_) std::cerr << "\r\033[K" << std::flush;
    }
    void operator()(long long rows) {
        if (!enabled_) return;
        double secs = std::chrono::duration<double>(Clock::now() - start_).count();
        if (secs < after_ || (shown_ && secs - last_ < 0.25)) return;
        last_ = secs, shown_ = true;
        double rate = static_cast<double>(rows) / secs;
        std::cerr << "\r\033[Ke911: " << rows << " calls simulated, " << static_cast<long long>(rate) << " calls/s";
        if (size_ > 0) {
            double done = static_cast<double>(in_->rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in)) / size_;
            if (done > 0.01 && done <= 1) std::cerr << ", about " << static_cast<long long>(secs / done - secs) << " s left";
        }
        std::cerr << std::flush;
    }
private:
    using Clock = std::chrono::steady_clock;
    std::istream* in_;
    bool enabled_, shown_ = false;
    double size_ = 0, last_ = 0, after_ = 2.0;
    Clock::time_point start_ = Clock::now();
};

int run_simulate(Opts& o) {
    // The flags are the caller's fields under their own names; the library validates them.
    if (!o.platform.empty()) e911::set_caller_field(o.caller, "platform", o.platform);
    if (!o.client.empty()) e911::set_caller_field(o.caller, "client", o.client);
    if (!o.client_location_source.empty())
        e911::set_caller_field(o.caller, "client_location_source", o.client_location_source);
    // Given twice, --ip (--public-ip) is a dual-stack caller: the field takes both, space-separated.
    auto join = [](const std::vector<std::string>& v) {
        std::string all;
        for (const auto& a : v) all += (all.empty() ? "" : " ") + a;
        return all;
    };
    if (!o.ips.empty()) e911::set_caller_field(o.caller, "ip", join(o.ips));
    if (!o.public_ips.empty()) e911::set_caller_field(o.caller, "public_ip", join(o.public_ips));
    e911::LoadResult r;
    if (o.quiet) quiet() = true;  // simulate's own --quiet silences the load's progress as well
    if (int rc = load_or_report(o.files, r); rc >= 0) return rc;
    e911::Simulator sim(r.config);
    if (!o.calls.empty()) {
        if (!o.caller.down.empty()) {
            std::cerr << "e911: --down is for one call; a call log gives each row's down gateways in a `down` column\n";
            return kUsage;
        }
        if (o.format_option->count() == 0) o.format = "json";  // batch output defaults to JSON Lines
        if (o.format == "text") {
            std::cerr << "e911: --calls writes json or csv; use --format json or --format csv\n";
            return kUsage;
        }
        std::ifstream f;
        std::istream* in = &std::cin;
        if (o.calls != "-") {
            // A call log streams, so a pipe is fine; a directory or device is not a call log.
            std::error_code ec;
            auto type = std::filesystem::status(o.calls, ec).type();
            if (!ec && type != std::filesystem::file_type::regular && type != std::filesystem::file_type::fifo) {
                std::cerr << "e911: cannot read " << o.calls << ": not a regular file or pipe (a directory or device)\n";
                return kUsage;
            }
            if (!ec) f.open(o.calls, std::ios::binary);
            if (!ec && !f) ec = std::error_code(errno, std::generic_category());
            if (ec) {
                std::string why = ec == std::errc::no_such_file_or_directory ? "no such file" : ec.message();
                std::cerr << "e911: cannot read " << o.calls << ": " << why << "\n";
                return kUsage;
            }
            in = &f;
        }
        e911::BatchOptions options;
        options.jobs = o.jobs;
        options.trace = !o.no_trace;
        auto progress = std::make_shared<BatchProgress>(in, !o.quiet && !quiet());
        options.progress = [progress](long long rows) { (*progress)(rows); };
        auto stats = e911::simulate_batch(sim, *in, std::cout, o.format == "csv" ? e911::BatchOutput::csv : e911::BatchOutput::json,
                                          options);
        options.progress = nullptr, progress.reset();  // clears the progress line before any message
        if (int rc = check_stdout()) return rc;  // the batch stopped at the write error
        if (stats.errors) std::cerr << "e911: " << stats.errors << " of " << stats.rows << " row(s) could not be simulated (see their `error`)\n";
        return stats.errors ? kUsage : kClean;
    }
    if (o.caller.dialed.empty()) {
        std::cerr << "e911: simulate needs --dial DIGITS (or --calls FILE)\n";
        return kUsage;
    }
    if (o.format == "csv") {
        std::cerr << "e911: --format csv is for --calls; use text or json\n";
        return kUsage;
    }
    if (o.no_trace) {
        std::cerr << "e911: --no-trace is for --calls; one call's trace is its answer\n";
        return kUsage;
    }
    try {
        auto t = sim.simulate(o.caller);
        std::cout << e911::render(t, o.format == "json" ? e911::ReportFormat::json : e911::ReportFormat::text)
                  << (o.format == "json" ? "\n" : "");
    } catch (const e911::UsageError& e) {
        std::cerr << "e911: " << e.what() << "\n";
        return kUsage;
    }
    return kClean;
}

}  // namespace

Command add_simulate(CLI::App& app) {
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("simulate", "Simulate a call: site, policies, location, dial plan, route, gateway, PSAP, notification");
    sub->add_option("CONFIG", o->files, "configuration files")->required();
    sub->add_option("--dial", o->caller.dialed, "the digits dialled");
    sub->add_option("--user", o->caller.user, "user id");
    sub->add_option("--ip", o->ips,
                    "client IP, optionally with its prefix length (10.10.0.57/24); twice for dual stack (IPv4, IPv6)")
        ->allow_extra_args(false);  // one address per flag
    sub->add_option("--public-ip", o->public_ips, "the public (NAT) address Teams sees; twice for dual stack")
        ->allow_extra_args(false);  // one address per flag
    sub->add_option("--client-location", o->caller.client_location,
                    "a location or address id the client brings (OS location or typed by the user)");
    sub->add_option("--client-location-source", o->client_location_source,
                    "how the client came by it: confirmed, unconfirmed or entered (default)")
        ->check(CLI::IsMember({"confirmed", "unconfirmed", "entered"}));
    sub->add_option("--bssid", o->caller.bssid, "wireless access point BSSID");
    sub->add_option("--chassis-id", o->caller.chassis_id, "switch chassis ID (LLDP)");
    sub->add_option("--port-id", o->caller.port_id, "switch port ID (LLDP)");
    sub->add_option("--platform", o->platform, "teams or sfb")->check(CLI::IsMember({"teams", "sfb"}));
    sub->add_option("--client", o->client, "SfB client: modern (multiple emergency numbers) or legacy")->check(CLI::IsMember({"modern", "legacy"}));
    sub->add_option("--down", o->caller.down, "gateways to treat as down: GW[,GW...]");
    sub->add_option("--calls", o->calls, "batch: a CSV or JSON Lines file of calls ('-' for stdin)");
    sub->add_option("--jobs", o->jobs, "batch: worker threads (0 = one per core); the output is the same, in input order")
        ->check(CLI::Range(0u, 256u));
    sub->add_flag("--quiet", o->quiet, "batch: no progress display on stderr");
    sub->add_flag("--no-trace", o->no_trace,
                  "batch, JSON Lines: leave out each row's step-by-step `trace` (psap_reason stays); rows are a fifth the size");
    o->format_option = sub->add_option("--format", o->format, "text or json (batch: JSON Lines by default, or csv)")
                           ->check(CLI::IsMember({"text", "json", "csv"}));
    return {sub, [o] { return run_simulate(*o); }};
}

Command add_pidf(CLI::App& app) {
    struct Opts {
        std::vector<std::string> files;
        std::string location;
        bool elin_in_nam = false;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = app.add_subcommand("pidf", "Print the PIDF-LO document for a location");
    sub->add_option("CONFIG", o->files, "configuration files")->required();
    sub->add_option("--location", o->location, "location id")->required();
    sub->add_flag("--elin-in-nam", o->elin_in_nam, "put the ELINs in NAM as Skype for Business does");
    return {sub, [o] {
                e911::LoadResult r;
                if (int rc = load_or_report(o->files, r); rc >= 0) return rc;
                try {
                    std::cout << e911::pidf(r.config, o->location, o->elin_in_nam);
                } catch (const e911::UsageError& e) {
                    std::cerr << "e911: " << e.what() << "\n";
                    return kUsage;
                }
                return kClean;
            }};
}

}  // namespace cli
