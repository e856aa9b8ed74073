#include "e911/batch.hpp"

#include <chrono>
#include <climits>
#include <cstdio>
#include <istream>
#include <iterator>
#include <sstream>
#include <ostream>

#include "questions/call_log.hpp"
#include "util/json_util.hpp"
#include "simulate/decisions.hpp"
#include "report/trace_json.hpp"
#include "report/tables.hpp"
#include "util/text_util.hpp"
#include "util/encoding.hpp"

namespace e911 {

std::optional<long long> parse_time(const std::string& s) {
    if (detail::is_digits(s) && s.size() < 18) return std::stoll(s);
    int y, mo, d, h = 0, mi = 0, sec = 0;
    char tail[8] = {0};
    int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &y, &mo, &d, &h, &mi, &sec, tail);
    if (n < 5) {
        n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%7s", &y, &mo, &d, &h, &mi, tail);
        if (n < 5) return std::nullopt;
        sec = 0;
    }
    std::string t = tail;
    if (!t.empty() && t != "Z" && t != "z") return std::nullopt;  // only UTC; offsets would be silently wrong
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    // C++20 calendar rather than timegm, which MSVC lacks; an out-of-range day rolls over as timegm's does.
    using namespace std::chrono;
    sys_days day = sys_days{year{y} / month{static_cast<unsigned>(mo)} / 1} + days{d - 1};
    return static_cast<long long>(day.time_since_epoch().count()) * 86400 + h * 3600LL + mi * 60LL + sec;
}

std::string batch_row_to_json(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* callback,
                              bool with_trace) {
    detail::json j;
    if (callback) {
        j = detail::record_json(detail::callback_columns(), detail::callback_cells(*callback));
    } else if (trace) {
        j = detail::trace_json(*trace);
        j.erase("pidf_lo");
        if (!with_trace) j.erase("trace");
    }
    detail::json head = {{"row", row}, {"kind", call.kind}, {"time", call.time ? detail::json(*call.time) : detail::json(nullptr)}};
    head.update(j);
    // replace: a stray invalid byte costs one U+FFFD, never the rest of the batch
    return head.dump(-1, ' ', false, detail::json::error_handler_t::replace);
}

CallSession::CallSession(const Simulator& simulator, bool trace)
    : CallSession(simulator, trace ? Explain::steps : Explain::none) {}
CallSession::CallSession(const Simulator& simulator, Explain explain) : sim_(simulator), explain_(explain) {}

Trace CallSession::call(const CallRow& row) {
    Trace t;
    call(row, t);
    return t;
}

void CallSession::call(const CallRow& row, Trace& t) {
    const auto& c = sim_.compiled();
    const Caller& caller = row.caller;
    auto setup = detail::setup_caller(c, caller);
    const User* user = setup.user;
    long long now = row.time.value_or(0);
    // The gateway takes the first ELIN not in an active call; if all are busy, the one free soonest.
    detail::ElinPicker pick = [&](const std::vector<std::string>& elins) {
        std::string best = elins.front();
        long long best_end = LLONG_MAX;
        for (const auto& e : elins) {
            auto it = last_use_.find(e);
            long long end = it == last_use_.end() ? LLONG_MIN : it->second.end;
            if (end <= now) return e;
            if (end < best_end) best_end = end, best = e;
        }
        return best;
    };
    detail::Call call{user, setup.platform, setup.client, &caller.dialed, &setup, &pick, &setup.conditions};
    detail::Decisions d;
    detail::simulate_placed_into(t, d, c, call, detail::place(c, setup), explain_);
    if (t.emergency && !t.elin.empty() && !t.gateways.empty()) {
        const auto& gw = c.cfg.gateways[d.gateways.primary];
        auto& use = last_use_[t.elin];
        use.user = t.user.empty() ? caller.ip : t.user;
        use.number = user ? user->phone_number : "";
        use.start = now, use.end = now + row.duration, use.gateway = gw.id, use.window = gw.elin_callback_minutes;
    }
}

CallbackAnswer CallSession::callback(const std::string& elin, long long time) const {
    CallbackAnswer a;
    a.elin = elin;
    a.time = time;
    auto it = last_use_.find(elin);
    if (it == last_use_.end()) {
        a.because = "no emergency call in this batch used ELIN " + elin + ": the callback reaches whatever the number is normally routed to";
        return a;
    }
    const Use& u = it->second;
    a.gateway = u.gateway;
    a.window_minutes = u.window;
    long long since = time - u.end;
    a.minutes_since_call = since / 60;
    if (time < u.start) {
        a.because = "the callback comes before the emergency call that used the ELIN";
        return a;
    }
    if (u.window == 0) {  // AudioCodes E911CallbackTimeout 0: the gateway keeps no ELIN-to-caller mapping
        a.because = "gateway `" + u.gateway + "` has elin_callback_minutes: 0 (no callback routing): the callback "
                    "reaches whatever ELIN " + elin + " is normally routed to, not " + u.user;
        return a;
    }
    if (since <= static_cast<long long>(u.window) * 60) {
        a.rings_user = u.user;
        a.rings_number = u.number;
        a.because = "gateway `" + u.gateway + "` maps ELIN " + elin + " to its most recent emergency caller, " + u.user + ", within the " +
                    std::to_string(u.window) + "-minute callback window";
    } else {
        a.because = "the " + std::to_string(u.window) + "-minute callback window of gateway `" + u.gateway + "` closed " + std::to_string(since / 60 - u.window) +
                    " minute(s) before: the callback reaches whatever the ELIN is normally routed to, not " + u.user;
    }
    return a;
}

CallRow call_row_from_fields(const std::map<std::string, std::string>& f) {
    static const std::vector<std::string> known = {"kind", "dialed", "dial", "user", "ip", "public_ip", "bssid", "chassis_id", "port_id",
                                                   "platform", "client", "time", "duration", "elin",
                                                   "down",  // simdown: gateways down for this row
                                                   "client_location", "client_location_source"};
    CallRow r;
    for (const auto& [k, v] : f) {
        if (std::find(known.begin(), known.end(), k) == known.end()) {
            std::string sug = detail::closest(k, known);
            throw UsageError("unknown column `" + k + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
        }
        if (v.empty()) continue;
        if (set_caller_field(r.caller, k, v)) continue;
        if (k == "kind") {
            if (v != "call" && v != "callback") throw UsageError("kind `" + v + "`: expected call or callback");
            r.kind = v;
        } else if (k == "elin") r.elin = v;
        else if (k == "time") {
            r.time = parse_time(v);
            if (!r.time) throw UsageError("time `" + v + "`: expected ISO 8601 UTC (2026-11-21T10:15:00Z) or epoch seconds");
        } else if (k == "duration") {
            if (!detail::is_digits(v) || v.size() > 9) throw UsageError("duration `" + v + "`: expected whole seconds");
            r.duration = std::stoll(v);
        }
    }
    if (r.kind == "callback") {
        if (r.elin.empty()) throw UsageError("a callback row needs `elin`");
        if (!r.time) throw UsageError("a callback row needs `time`");
    }
    return r;
}


BatchStats simulate_batch(const Simulator& sim, std::istream& in, std::ostream& out, BatchOutput format, bool trace) {
    BatchStats stats;
    const bool session_traces = trace && format == BatchOutput::json;
    // JSON rows carry psap_reason even without the step-by-step trace; CSV rows need no text.
    CallSession session(sim, session_traces ? Explain::steps : format == BatchOutput::json ? Explain::reasons : Explain::none);
    detail::CallLogReader reader(in);
    if (!reader.has_input()) return stats;
    if (format == BatchOutput::csv) out << detail::csv_header(detail::batch_columns());
    detail::CallLogRecord record;
    while (out && reader.next(record)) {  // a closed pipe or full disk ends the run (the caller reports it)
        stats.rows = record.number;
        const auto& fields = record.fields;
        std::string error = record.error;
        detail::json j;
        std::optional<CallbackAnswer> cb;
        std::optional<Trace> trace;
        CallRow row;
        if (error.empty()) {
            try {
                row = call_row_from_fields(fields);
                if (row.kind == "callback") cb = session.callback(row.elin, *row.time);
                else trace = session.call(row);
            } catch (const UsageError& e) {
                error = e.what();
            }
        }
        if (!error.empty()) ++stats.errors;
        if (format == BatchOutput::json) {
            if (!error.empty()) out << detail::json{{"row", stats.rows}, {"error", error}}.dump(-1, ' ', false, detail::json::error_handler_t::replace) << "\n";
            else out << batch_row_to_json(stats.rows, row, trace ? &*trace : nullptr, cb ? &*cb : nullptr, session_traces) << "\n";
        } else {
            out << detail::csv_row(detail::batch_columns(), detail::batch_cells(stats.rows, row, trace ? &*trace : nullptr, cb ? &*cb : nullptr, error));
        }
    }
    return stats;
}

}  // namespace e911
