#include "e911/batch.hpp"

#include <chrono>
#include <climits>
#include <cstdio>
#include <istream>
#include <iterator>
#include <sstream>
#include <ostream>

#include "util/json_util.hpp"
#include "simulate/sim_core.hpp"
#include "report/trace_json.hpp"
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
        j = detail::json::parse(callback_to_json(*callback));
    } else if (trace) {
        j = detail::trace_json(*trace);
        j.erase("pidf_lo");
        if (!with_trace) j.erase("trace");
    }
    detail::json head = {{"row", row}, {"kind", call.kind}, {"time", call.time ? detail::json(*call.time) : detail::json(nullptr)}};
    head.update(j);
    return head.dump();
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

CallRow call_row_from_fields(const std::map<std::string, std::string>& f) {
    static const std::vector<std::string> known = {"kind", "dialed", "dial", "user", "ip", "public_ip", "bssid", "chassis_id", "port_id",
                                                   "platform", "client", "time", "duration", "elin"};
    CallRow r;
    for (const auto& [k, v] : f) {
        if (std::find(known.begin(), known.end(), k) == known.end()) {
            std::string sug = detail::closest(k, known);
            throw UsageError("unknown column `" + k + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
        }
        if (v.empty()) continue;
        if (k == "kind") {
            if (v != "call" && v != "callback") throw UsageError("kind `" + v + "`: expected call or callback");
            r.kind = v;
        } else if (k == "dialed" || k == "dial") r.caller.dialed = v;
        else if (k == "user") r.caller.user = v;
        else if (k == "ip") r.caller.ip = v;
        else if (k == "public_ip") r.caller.public_ip = v;
        else if (k == "bssid") r.caller.bssid = v;
        else if (k == "chassis_id") r.caller.chassis_id = v;
        else if (k == "port_id") r.caller.port_id = v;
        else if (k == "elin") r.elin = v;
        else if (k == "platform") {
            if (v == "teams") r.caller.platform = Platform::teams;
            else if (v == "sfb") r.caller.platform = Platform::sfb;
            else throw UsageError("platform `" + v + "`: expected teams or sfb");
        } else if (k == "client") {
            if (v == "modern") r.caller.client = SfbClient::modern;
            else if (v == "legacy") r.caller.client = SfbClient::legacy;
            else throw UsageError("client `" + v + "`: expected modern or legacy");
        } else if (k == "time") {
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

namespace {

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields) {
    fields.clear();
    std::string field;
    bool quoted = false, any = false;
    char ch;
    while (in.get(ch)) {
        any = true;
        if (quoted) {
            if (ch == '"') {
                if (in.peek() == '"') field += '"', in.get();
                else quoted = false;
            } else field += ch;
        } else if (ch == '"') quoted = true;
        else if (ch == ',') fields.push_back(std::move(field)), field.clear();
        else if (ch == '\n') break;
        else if (ch != '\r') field += ch;
    }
    if (!any) return false;
    fields.push_back(std::move(field));
    return true;
}


const char* kCsvHeader = "row,kind,time,user,dialed,platform,emergency,dial_string,site,location,address,pstn_usage,route,gateways,calling_number,psap,psap_correct,notified,outcome,rings,because,error";

}  // namespace

BatchStats simulate_batch(const Simulator& sim, std::istream& in, std::ostream& out, BatchOutput format, bool trace) {
    BatchStats stats;
    const bool session_traces = trace && format == BatchOutput::json;
    CallSession session(sim, session_traces);
    // A call log saved by a Windows tool: UTF-16 (with its byte order mark) is read whole and transcoded.
    if (in.peek() == 0xFF || in.peek() == 0xFE) {
        std::string bytes(std::istreambuf_iterator<char>(in), {});
        auto bom = detail::detect_bom(bytes);
        std::istringstream text(bom == detail::Encoding::utf16le || bom == detail::Encoding::utf16be ? detail::to_utf8(bytes)
                                                                                                   : "\n" + bytes);
        return simulate_batch(sim, text, out, format, trace);  // starts with no 0xFF/0xFE: no second pass
    }
    if (in.peek() == 0xEF) {  // a UTF-8 byte order mark
        in.get();
        if (in.peek() == 0xBB) in.get();
        if (in.peek() == 0xBF) in.get();
    }
    // Detect the input: JSON Lines when the first non-blank character is '{'.
    while (in && std::isspace(in.peek())) in.get();
    bool jsonl = in.peek() == '{';
    std::vector<std::string> header;
    if (!jsonl && !read_csv_record(in, header)) return stats;
    for (auto& h : header) h.erase(0, h.find_first_not_of(' ')), h.erase(h.find_last_not_of(' ') + 1);
    if (format == BatchOutput::csv) out << kCsvHeader << "\n";
    std::string line;
    std::vector<std::string> cells;
    while (true) {
        std::map<std::string, std::string> fields;
        std::string error;
        if (jsonl) {
            if (!std::getline(in, line)) break;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            ++stats.rows;
            try {
                auto j = nlohmann::json::parse(line);
                if (!j.is_object()) throw UsageError("a JSON Lines row must be an object");
                for (auto it = j.begin(); it != j.end(); ++it)
                    fields[it.key()] = it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
            } catch (const nlohmann::json::exception& e) {
                error = std::string("not JSON: ") + e.what();
            } catch (const UsageError& e) {
                error = e.what();
            }
        } else {
            if (!read_csv_record(in, cells)) break;
            if (cells.size() == 1 && cells[0].empty()) continue;
            ++stats.rows;
            if (cells.size() != header.size()) error = "row has " + std::to_string(cells.size()) + " cells, the header " + std::to_string(header.size());
            else
                for (std::size_t i = 0; i < cells.size(); ++i) fields[header[i]] = cells[i];
        }
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
            if (!error.empty()) out << detail::json{{"row", stats.rows}, {"error", error}}.dump() << "\n";
            else out << batch_row_to_json(stats.rows, row, trace ? &*trace : nullptr, cb ? &*cb : nullptr, session_traces) << "\n";
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
