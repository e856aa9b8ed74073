#include "e911/batch.hpp"

#include <ctime>
#include <istream>
#include <ostream>

#include "questions/call_log.hpp"
#include "util/json_util.hpp"
#include "simulate/sim_core.hpp"
#include "report/trace_json.hpp"
#include "util/text_util.hpp"

namespace e911 {

std::optional<long long> parse_time(const std::string& s) {
    if (detail::is_digits(s) && s.size() < 18) return std::stoll(s);
    std::tm tm{};
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
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    return static_cast<long long>(timegm(&tm));
}

std::string callback_to_json(const CallbackAnswer& a, int indent) {
    using detail::json;
    return json{{"kind", "callback"},
                {"elin", a.elin},
                {"time", a.time},
                {"rings", detail::or_null(a.rings_user)},
                {"rings_number", detail::or_null(a.rings_number)},
                {"gateway", detail::or_null(a.gateway)},
                {"window_minutes", a.window_minutes ? json(a.window_minutes) : json(nullptr)},
                {"minutes_since_call", a.minutes_since_call ? json(*a.minutes_since_call) : json(nullptr)},
                {"because", a.because}}
        .dump(indent);
}

CallSession::CallSession(const Simulator& simulator, bool trace) : sim_(simulator), trace_(trace) {}

Trace CallSession::call(const CallRow& row) {
    Trace t;
    call(row, t);
    return t;
}

void CallSession::call(const CallRow& row, Trace& t) {
    const auto& c = sim_.compiled();
    const Caller& caller = row.caller;
    if (caller.dialed.empty()) throw UsageError("nothing dialled (column `dialed`)");
    const User* user = detail::find_user(c, caller.user);
    Platform platform = caller.platform ? *caller.platform : user ? c.cfg.platform_of(*user) : c.cfg.defaults.platform;
    SfbClient client = caller.client ? *caller.client : user ? user->sfb_client : SfbClient::modern;
    auto placement = detail::place(c, caller, platform, trace_);
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
    detail::simulate_placed_into(t, c, user, platform, client, caller.dialed, std::move(placement), pick, trace_);
    if (t.emergency && !t.elin.empty() && !t.gateways.empty()) {
        const auto& gw = c.cfg.gateways[c.cfg.find(Kind::gateway, t.gateways.front())];
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

namespace {

const char* kCsvHeader = "row,kind,time,user,dialed,platform,emergency,dial_string,site,location,address,pstn_usage,route,gateways,calling_number,psap,psap_correct,notified,outcome,rings,because,error";

}  // namespace

BatchStats simulate_batch(const Simulator& sim, std::istream& in, std::ostream& out, BatchOutput format, bool trace) {
    BatchStats stats;
    const bool session_traces = trace && format == BatchOutput::json;
    CallSession session(sim, session_traces);
    detail::CallLogReader reader(in);
    if (!reader.has_input()) return stats;
    if (format == BatchOutput::csv) out << kCsvHeader << "\n";
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
            if (!error.empty()) j = {{"row", stats.rows}, {"error", error}};
            else if (cb) j = detail::json::parse(callback_to_json(*cb));
            else {
                j = detail::trace_json(*trace);
                j.erase("pidf_lo");
                if (!session_traces) j.erase("trace");
            }
            if (error.empty()) {
                detail::json head = {{"row", stats.rows}, {"kind", row.kind}, {"time", row.time ? detail::json(*row.time) : detail::json(nullptr)}};
                head.update(j);
                j = std::move(head);
            }
            // replace: a stray invalid byte costs one U+FFFD, never the rest of the batch
            out << j.dump(-1, ' ', false, detail::json::error_handler_t::replace) << "\n";
        } else {
            std::vector<std::string> v(22);
            v[0] = std::to_string(stats.rows);
            v[1] = row.kind;
            v[2] = row.time ? std::to_string(*row.time) : "";
            if (trace) {
                const Trace& t = *trace;
                v[3] = t.user, v[4] = t.dialed, v[5] = to_string(t.platform), v[6] = t.emergency ? "true" : "false", v[7] = t.dial_string, v[8] = t.site;
                v[9] = t.location, v[10] = t.address, v[11] = t.pstn_usage, v[12] = t.route, v[13] = detail::join(t.gateways, " ");
                v[14] = t.calling_number, v[15] = t.psap, v[16] = t.psap_correct ? (*t.psap_correct ? "true" : "false") : "";
                v[17] = t.notifications ? (t.notifications->anyone() ? t.notifications->mode : "nobody") : "", v[18] = t.outcome;
            }
            if (cb) v[19] = cb->rings_user, v[20] = cb->because, v[13] = cb->gateway, v[14] = cb->elin;
            v[21] = error;
            for (std::size_t i = 0; i < v.size(); ++i) out << (i ? "," : "") << detail::csv_cell(v[i]);
            out << "\n";
        }
    }
    return stats;
}

}  // namespace e911
