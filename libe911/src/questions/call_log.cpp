#include "questions/call_log.hpp"

#include <algorithm>
#include <istream>
#include <nlohmann/json.hpp>

#include "util/text_util.hpp"

namespace e911 {

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

namespace detail {
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

}  // namespace

CallLogReader::CallLogReader(std::istream& in) : in_(in) {
    while (in_ && std::isspace(in_.peek())) in_.get();
    jsonl_ = in_.peek() == '{';
    if (jsonl_) return;
    has_input_ = read_csv_record(in_, header_);
    for (auto& h : header_) h.erase(0, h.find_first_not_of(' ')), h.erase(h.find_last_not_of(' ') + 1);
}

bool CallLogReader::next(CallLogRecord& rec) {
    if (!has_input_) return false;
    rec.fields.clear();
    rec.error.clear();
    while (true) {
        if (jsonl_) {
            if (!std::getline(in_, line_)) return false;
            if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
            rec.number = ++rows_;
            try {
                auto j = nlohmann::json::parse(line_);
                if (!j.is_object()) throw UsageError("a JSON Lines row must be an object");
                for (auto it = j.begin(); it != j.end(); ++it)
                    rec.fields[it.key()] = it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
            } catch (const nlohmann::json::exception& e) {
                rec.error = std::string("not JSON: ") + e.what();
            } catch (const UsageError& e) {
                rec.error = e.what();
            }
            return true;
        }
        if (!read_csv_record(in_, cells_)) return false;
        if (cells_.size() == 1 && cells_[0].empty()) continue;
        rec.number = ++rows_;
        if (cells_.size() != header_.size())
            rec.error = "row has " + std::to_string(cells_.size()) + " cells, the header " + std::to_string(header_.size());
        else
            for (std::size_t i = 0; i < cells_.size(); ++i) rec.fields[header_[i]] = cells_[i];
        return true;
    }
}

}  // namespace detail
}  // namespace e911
