#include "load/decode.hpp"

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstring>
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>

#include "model/describe.hpp"
#include "model/refs.hpp"
#include "util/parallel.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// The key a hint shows: the last name of a path such as `numbers[0].dial_masks`.
std::string leaf_key(const std::string& path) {
    std::string k = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    return k.substr(0, k.find('['));
}

// A scalar as a double-quoted YAML string, so the list a hint shows keeps it a string (`["9911"]`).
std::string yaml_quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    return out + "\"";
}

using NK = Node::Kind;

class Ctx {
public:
    Ctx(Config& c, std::vector<Diagnostic>& o, const ProgressFn& p) : cfg(c), out(o), progress(p) {}
    Config& cfg;
    std::vector<Diagnostic>& out;
    const ProgressFn& progress;
    std::uint64_t objects = 0;

    void one_more_object() {
        if (++objects % 8192 == 0 && progress) progress(Progress{"decoding", "objects", objects, 0});
    }

    void report(const char* id, const SourcePos& p, const std::string& key, std::string msg, std::string hint,
                Severity sev = Severity::error) {
        Diagnostic d;
        d.id = id;
        d.severity = sev;
        d.file = cfg.file_of(p);
        d.line = p.line;
        d.column = p.column;
        d.key = key;
        d.message = std::move(msg);
        d.hint = std::move(hint);
        out.push_back(std::move(d));
    }
    void wrong_type(const Node& n, const std::string& key, const std::string& expected) {
        std::string hint;
        if (expected == "a string" && (n.kind == NK::integer || n.kind == NK::real))
            hint = "put it in quotes: \"" + n.text + "\" (unquoted digits are a number, and numbers lose leading zeros: 000 becomes 0)";
        else if (expected == "a list" && n.is_scalar())
            hint = "write it as a list: `" + leaf_key(key) + ": [" + yaml_quoted(n.text.str()) + "]`";
        else
            hint = "change `" + key + "` to " + expected;
        report("wrong-type", n.pos, key, "`" + key + "` must be " + expected + ", not " + article(n.kind_name()), hint);
    }
    static std::string article(const char* what) {
        std::string w = what;
        return (std::strchr("aeiou", w[0]) ? "an " : "a ") + w;
    }
};

// Where keys commonly land one level off in the format.
const std::map<std::string, std::string> kMisplaced = {
    {"sites", "network.sites"}, {"subnets", "network.subnets (or lis.subnets)"}, {"regions", "network.regions"},
    {"trusted_ips", "network.trusted_ips"}, {"gateways", "voice.gateways"}, {"routes", "voice.routes"},
    {"routing_policies", "voice.routing_policies"}, {"dial_plans", "voice.dial_plans"}, {"pstn_usages", "voice.pstn_usages"},
    {"wireless_access_points", "lis.wireless_access_points"}, {"switches", "lis.switches"}, {"ports", "lis.ports"},
};

// Reads one mapping; every key asked for becomes "known", the rest are reported with a suggestion.
class Obj {
public:
    Obj(Ctx& c, const Node* n, std::string path, Positions* pos) : c_(c), n_(n), path_(std::move(path)), pos_(pos) {
        if (n_ && pos_) pos_->self = n_->pos;
        if (n_ && n_->kind != NK::mapping) {
            c_.wrong_type(*n_, path_.empty() ? "document" : path_, "a mapping (key: value pairs)");
            n_ = nullptr;
        }
        // One position per key written, allocated once at its size: millions of objects otherwise
        // grow each list three or four times and keep a quarter of it unused.
        if (n_ && pos_) pos_->fields.reserve(n_->items.size());
    }
    // An object written as one bare string (a trusted IP, a PSTN usage): its one key reads the item itself.
    struct Scalar {};
    Obj(Ctx& c, const Node& n, std::string path, Scalar) : c_(c), n_(&n), path_(std::move(path)), pos_(nullptr) {
        scalar_ = true;
        if (n.kind != NK::string) {
            c_.wrong_type(n, path_, "a string");
            n_ = nullptr;
        }
    }
    ~Obj() { finish(); }
    bool valid() const { return n_ != nullptr; }
    const SourcePos& pos() const { return n_ ? n_->pos : empty_; }
    std::string sub(const char* key) const {
        if (scalar_) return path_;
        return path_.empty() ? key : path_ + "." + key;
    }
    // The key's value unless absent or null, without marking the key as read.
    const Node* peek(const char* key) const {
        if (!n_ || scalar_) return n_;
        const Node* v = n_->get(key);
        return v && v->kind != NK::null ? v : nullptr;
    }
    bool present(const char* key) const { return n_ && n_->get(key) != nullptr; }

    const Node* take(const char* key) {
        const std::string_view name(key);  // measured once, not once per compared key
        if (known_.empty()) known_.reserve(32);
        known_.push_back(name);
        if (!n_) return nullptr;
        if (scalar_) return n_;
        for (std::size_t i = 0; i < n_->items.size(); ++i) {
            const Node& value = n_->items[i];
            if (value.key != name) continue;
            if (i < 64) taken_ |= std::uint64_t{1} << i;
            if (pos_) pos_->fields.emplace_back(name, value.pos);
            return value.kind == NK::null ? nullptr : &value;
        }
        return nullptr;
    }
    void missing(const char* key, const std::string& hint) {
        if (n_) c_.report("missing-field", n_->pos, sub(key), "`" + sub(key) + "` is required", hint);
    }
    std::string str(const char* key, bool required = false, const std::string& hint = {}) {
        const Node* v = take(key);
        if (!v) {
            if (required) missing(key, hint.empty() ? "add `" + std::string(key) + ": ...`" : hint);
            return {};
        }
        if (v->kind != NK::string) {
            c_.wrong_type(*v, sub(key), "a string");
            return {};
        }
        return v->text.str();
    }
    bool boolean(const char* key, bool dflt) {
        const Node* v = take(key);
        if (!v) return dflt;
        if (v->kind != NK::boolean) {
            c_.wrong_type(*v, sub(key), "true or false");
            return dflt;
        }
        return v->text == "true";
    }
    std::optional<double> number(const char* key, double lo, double hi) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        if (v->kind != NK::integer && v->kind != NK::real) {
            c_.wrong_type(*v, sub(key), "a number");
            return std::nullopt;
        }
        double d = 0;
        try { d = std::stod(v->text.str()); } catch (...) { d = lo - 1; }
        if (!(d >= lo && d <= hi)) {
            c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is " + v->text + ", outside " + fmt(lo) + ".." + fmt(hi),
                      "use a value between " + fmt(lo) + " and " + fmt(hi));
            return std::nullopt;
        }
        return d;
    }
    std::optional<int> integer(const char* key, long lo, long hi) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        long val = 0;
        bool ok = v->kind == NK::integer;
        bool too_big = false;
        if (ok) {
            try { val = std::stol(v->text.str(), nullptr, 0); } catch (const std::out_of_range&) { too_big = true; } catch (...) { ok = false; }
        }
        if (!ok) {
            c_.wrong_type(*v, sub(key), "a whole number");
            return std::nullopt;
        }
        if (too_big || val < lo || val > hi) {
            c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is " + v->text + ", outside " + std::to_string(lo) + ".." + std::to_string(hi),
                      "use a whole number between " + std::to_string(lo) + " and " + std::to_string(hi));
            return std::nullopt;
        }
        return static_cast<int>(val);
    }
    // A list of strings; `check` validates each item (returns an error message or "").
    template <class Check>
    std::vector<std::string> strings(const char* key, Check check, const char* id, const std::string& hint) {
        std::vector<std::string> r;
        const Node* v = take(key);
        if (!v) return r;
        if (v->kind != NK::sequence) {
            c_.wrong_type(*v, sub(key), "a list");
            return r;
        }
        for (std::size_t i = 0; i < v->items.size(); ++i) {
            const Node& it = v->items[i];
            std::string p = sub(key) + "[" + std::to_string(i) + "]";
            if (it.kind != NK::string) {
                c_.wrong_type(it, p, "a string");
                continue;
            }
            std::string text = it.text.str();
            std::string err = check(text);
            if (!err.empty()) {
                c_.report(id, it.pos, p, err, hint);
                continue;
            }
            r.push_back(it.text.str());
        }
        return r;
    }
    std::vector<std::string> strings(const char* key) {
        return strings(key, [](const std::string&) { return std::string(); }, "invalid-value", "");
    }
    template <class E, std::size_t N>
    std::optional<E> enumeration(const char* key, const std::pair<const char*, E> (&table)[N]) {
        const Node* v = take(key);
        if (!v) return std::nullopt;
        std::vector<std::string> names;
        for (const auto& e : table) names.emplace_back(e.first);
        if (v->kind == NK::string) {
            for (const auto& e : table)
                if (v->text == e.first) return e.second;
        }
        std::string sug = v->is_scalar() ? closest(v->text, names) : "";
        c_.report("invalid-value", v->pos, sub(key), "`" + sub(key) + "` is `" + v->text + "`; expected one of " + join(names, ", "),
                  sug.empty() ? "use one of: " + join(names, ", ") : "did you mean `" + sug + "`?");
        return std::nullopt;
    }
    Ref ref(const char* key, bool required = false) {
        Ref r;
        r.id = str(key, required, std::string("name the ") + key + " this refers to by its id");
        return r;
    }
    std::vector<Ref> refs(const char* key) {
        std::vector<Ref> r;
        for (auto& s : strings(key)) r.push_back(Ref{s, npos});
        return r;
    }
    // Validated scalar string: `check` returns an error message or "" (and may normalise `s`).
    template <class Check>
    std::string checked(const char* key, bool required, const char* id, Check check, const std::string& hint) {
        const Node* v = take(key);
        std::string s = v && v->kind == NK::string ? v->text.str() : std::string();
        if (!v) {
            if (required) missing(key, hint);
            return s;
        }
        if (v->kind != NK::string) {
            c_.wrong_type(*v, sub(key), "a string");
            return {};
        }
        std::string err = check(s);
        if (!err.empty()) {
            c_.report(id, v->pos, sub(key), err, hint);
            return {};
        }
        return s;
    }
    // The key's list (reported when it is something else), or nullptr.
    const Node* list_of(const char* key) {
        const Node* v = take(key);
        if (!v) return nullptr;
        if (v->kind != NK::sequence) {
            c_.wrong_type(*v, sub(key), "a list");
            return nullptr;
        }
        return v;
    }
    const Node* child(const char* key) { return take(key); }

    void finish() {
        if (!n_ || scalar_ || finished_) return;
        finished_ = true;
        for (std::size_t i = 0; i < n_->items.size(); ++i) {
            const Node& value = n_->items[i];
            if (i < 64 && (taken_ >> i & 1)) continue;  // read by its key: known without a search
            if (std::find(known_.begin(), known_.end(), value.key.view()) != known_.end()) continue;
            const std::string k = value.key.str();
            const std::vector<std::string> known(known_.begin(), known_.end());
            std::string sug = closest(k, known);
            std::string hint;
            if (!sug.empty()) hint = "rename it to `" + sug + "`";
            else if (path_.empty() && kMisplaced.count(k)) hint = "`" + k + "` belongs under " + kMisplaced.at(k);
            else hint = "known keys here: " + join(known, ", ");
            std::string msg = "unknown key `" + k + "`" + (path_.empty() ? "" : " in `" + path_ + "`");
            if (!sug.empty()) msg += "; did you mean `" + sug + "`?";
            c_.report("unknown-key", value.key_pos, sub(k.c_str()), msg, hint);
        }
    }

private:
    static std::string fmt(double d) {
        std::string s = std::to_string(d);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    Ctx& c_;
    const Node* n_;
    std::string path_;
    Positions* pos_;
    std::vector<std::string_view> known_;  // the descriptions' key names: static strings
    std::uint64_t taken_ = 0;  // which of the first 64 items take() read
    bool finished_ = false;
    bool scalar_ = false;
    SourcePos empty_;
};

// ----------------------------------------------------------------- value checks (one per Syntax)
std::string check_text(std::string&) { return {}; }
std::string check_digits(std::string& s) {
    if (is_digits(s)) return {};
    return "`" + s + "` is not a dial string: use digits 0-9 only" +
           (s.find('+') != std::string::npos ? " (no `+`)" : "");
}
std::string check_e164(std::string& s) {
    if (is_e164(s)) return {};
    return "`" + s + "` is not an E.164 number (`+`, country code, subscriber number, at most 15 digits)";
}
std::string check_country(std::string& s) {
    if (is_iso_country(s)) return {};
    std::string up = upper_ascii(s);
    if (up != s && is_iso_country(up)) return "`" + s + "` must be upper case: `" + up + "`";
    return "`" + s + "` is not an ISO 3166-1 alpha-2 country code";
}
std::string check_sip(std::string& s) {
    if (s.rfind("sip:", 0) == 0 && s.size() > 4 && s.size() <= 256) return {};
    return "`" + s + "` is not a SIP URI (must start with `sip:`, at most 256 characters)";
}
std::string check_date(std::string& s) { return is_date(s) ? std::string() : "`" + s + "` is not a date (YYYY-MM-DD)"; }
std::string check_target(std::string& s) {
    auto slash = s.find('/');
    Kind k;
    if (slash != std::string::npos && slash + 1 < s.size() && parse_kind(s.substr(0, slash), k)) return {};
    return "`" + s + "` is not a target of the form <kind>/<id> (kinds: address, location, site, subnet, user, ...)";
}
std::string check_access_prefix(std::string& s) {
    if (!s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789*#") == std::string::npos) return {};
    return "`" + s + "` is not an external access prefix (1-4 characters of 0-9, * and #)";
}
// LLDP port IDs of subtype 3 are MAC addresses: normalised like BSSIDs. Others (`Gi1/0/12`) stay as written
// and are compared case-insensitively (domain §3, our rule).
std::string check_port_id(std::string& s) {
    if (s.empty()) return "the port ID is empty";
    if (auto m = parse_mac(s, false, nullptr)) s = m->to_string();
    return {};
}
// A Teams ELIN travels as free text in the PIDF-LO and must match a record in the SBC's ELIN table
// (`MICROSOFT_ELIN`), so it need not be a number (domain §10, v2). Anything that looks like a number (a
// leading `+`, or digits only) must be E.164, so a number missing its `+` is still caught.
std::string check_elin(std::string& s) {
    auto name_char = [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.';
    };
    bool number_like = s.empty() || s[0] == '+' || s.find_first_not_of("0123456789") == std::string::npos;
    if (number_like) {
        if (is_e164(s)) return {};
        return "`" + s + "` is not an E.164 number (`+`, country code, subscriber number, at most 15 digits); an " +
               "ELIN name needs a letter or `_`";
    }
    if (s.size() <= 64 && std::all_of(s.begin(), s.end(), name_char)) return {};
    return "`" + s + "` is neither an E.164 number nor an ELIN name (1-64 letters, digits, `_`, `-`, `.`)";
}
std::string check_chassis(std::string& s) {  // normalises a MAC-shaped chassis ID
    if (auto m = parse_mac(s, false, nullptr)) return s = m->to_string(), std::string();
    if (parse_ip(s)) return {};
    return "`" + s + "` is neither a MAC address (nn-nn-nn-nn-nn-nn) nor an IP address";
}

struct FormatRule {
    const char* id;  // the diagnostic a malformed value gets
    std::string (*check)(std::string&);
    const char* hint;
};
FormatRule rule_of(Syntax f) {
    switch (f) {
        case Syntax::text: return {"invalid-value", check_text, nullptr};
        case Syntax::digits:
            return {"invalid-dial-string", check_digits,
                    "write the digits only, quoted, e.g. \"911\"; keep leading zeros (\"000\")"};
        case Syntax::e164: return {"invalid-e164", check_e164, kE164Hint};
        case Syntax::country:
            return {"invalid-country", check_country,
                    "use the two-letter ISO 3166-1 code in upper case, e.g. US, CH, GB"};
        case Syntax::sip: return {"invalid-value", check_sip, nullptr};
        case Syntax::date: return {"invalid-value", check_date, nullptr};
        case Syntax::target: return {"invalid-value", check_target, nullptr};
        case Syntax::access_prefix:
            return {"invalid-value", check_access_prefix, "use up to four characters of 0-9, * and #, e.g. \"9\""};
        case Syntax::port_id: return {"invalid-value", check_port_id, nullptr};
        case Syntax::elin:
            return {"invalid-e164", check_elin,
                    "write an E.164 number such as \"+12175550100\", or the ELIN name the SBC's ELIN table holds, "
                    "e.g. MICROSOFT_ELIN"};
        case Syntax::chassis:
            return {"invalid-mac", check_chassis,
                    "write the switch chassis ID as a MAC address such as 00-11-22-33-44-55 (`:` and lower case are "
                    "accepted)"};
    }
    return {"invalid-value", check_text, nullptr};
}
std::string hint_of(const Opt& opt) {
    if (opt.hint) return opt.hint;
    const char* h = rule_of(opt.syntax).hint;
    return h ? h : "";
}

// ----------------------------------------------------------------- the generic decoder

template <class D, class T>
bool decode_object(Ctx& c, const Node& n, const std::string& path, T& obj);

// Per-kind checks beyond single keys; true keeps the object.
template <class T>
bool accept(Ctx&, const T&, const Node&, const std::string&) {
    return true;
}
bool accept(Ctx& c, const ServiceArea& a, const Node& item, const std::string& path) {
    if (!a.keys.empty()) return true;
    c.report("missing-field", item.pos, path,
             "a service area needs at least one of country, state, county, city, postal_code",
             "add e.g. `{country: US, state: IL, county: SANGAMON}`");
    return false;
}

// The document's lists of objects, decoded after the rest on every core: each list is independent
// (its own part of the tree, its own vector in the model, its own diagnostics), and a tenant's
// hundreds of thousands of subnets, LIS entries and access points are most of the decoding work.
class Lists {
public:
    explicit Lists(TreeReaper& r) : reaper(&r) {}
    TreeReaper* reaper;  // frees each list once decoded
    using Task = std::function<void(Ctx&)>;
    void add(std::size_t items, Task t) { tasks_.push_back({items, std::move(t)}); }
    // Diagnostics join the shared list in task order, so the output does not depend on the threads.
    void run(Ctx& c) {
        std::size_t items = 0;
        for (const auto& t : tasks_) items += t.items;
        unsigned workers = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 8u);
        if (items < kParallelObjects || workers == 1) {  // small configurations: no threads
            for (auto& t : tasks_) t.run(c);
            return;
        }
        std::vector<std::size_t> order(tasks_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return tasks_[a].items > tasks_[b].items; });
        std::vector<std::vector<Diagnostic>> outs(tasks_.size());
        std::vector<std::exception_ptr> errors(tasks_.size());
        std::atomic<std::size_t> next{0};
        const ProgressFn none;
        auto work = [&](bool main_thread) {  // only the calling thread reports progress
            for (std::size_t k; (k = next++) < order.size();) {
                std::size_t i = order[k];
                try {
                    Ctx own(c.cfg, outs[i], main_thread ? c.progress : none);
                    tasks_[i].run(own);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            }
        };
        on_workers(static_cast<unsigned>(std::min<std::size_t>(workers, tasks_.size())), [&](unsigned w) { work(w == 0); });
        for (auto& e : errors)  // by task, not by thread: the same error whatever the timing
            if (e) std::rethrow_exception(e);
        for (auto& o : outs)
            for (auto& d : o) c.out.push_back(std::move(d));
    }

private:
    struct Entry {
        std::size_t items;
        Task run;
    };
    std::vector<Entry> tasks_;
};

// The decoder's visitor: reads each key a description names from one mapping (or one bare string).
class Fields {
public:
    // `lists`: where the document's top-level lists of objects go to be decoded later (nullptr: now).
    Fields(Ctx& c, Obj& o, Lists* lists = nullptr) : c_(c), o_(o), lists_(lists) {}
    bool dropped() const { return dropped_; }

    void ignored(const char* key) { o_.str(key); }
    void raw(const char* key) { o_.child(key); }

    void field(const char* key, std::string& m, Opt opt = {}) {
        if (opt.syntax == Syntax::text)
            m = o_.str(key, opt.required, opt.hint ? opt.hint : "");
        else
            m = o_.checked(key, opt.required, rule_of(opt.syntax).id, rule_of(opt.syntax).check, hint_of(opt));
        if (opt.key && m.empty()) dropped_ = true;
    }
    void field(const char* key, std::optional<std::string>& m, Opt opt = {}) {
        std::string s;
        field(key, s, opt);
        if (!s.empty()) m = s;
    }
    template <class Pairs>
    void field(const char* key, Keyed<Pairs> m, Opt opt = {}) {
        std::string s;
        field(key, s, opt);
        if (!s.empty()) m.pairs->emplace_back(key, s);
    }
    void field(const char* key, bool& m, Opt = {}) { m = o_.boolean(key, m); }
    void field(const char* key, int& m, Opt opt = {}) {
        if (auto v = o_.integer(key, opt.lo, opt.hi))
            m = *v;
        else if (opt.required && !o_.present(key))
            o_.missing(key, hint_of(opt));
    }
    void field(const char* key, std::optional<int>& m, Opt opt = {}) {
        if (auto v = o_.integer(key, opt.lo, opt.hi)) m = v;
    }
    void field(const char* key, std::optional<double>& m, Opt opt = {}) {
        m = o_.number(key, static_cast<double>(opt.lo), static_cast<double>(opt.hi));
    }
    template <class E, std::size_t N>
    void field(const char* key, E& m, const std::pair<const char*, E> (&names)[N], Opt = {}) {
        if (auto v = o_.enumeration(key, names)) m = *v;
    }
    template <class E, std::size_t N>
    void field(const char* key, std::optional<E>& m, const std::pair<const char*, E> (&names)[N], Opt = {}) {
        m = o_.enumeration(key, names);
    }
    void field(const char* key, Ref& m, Kind, Opt opt = {}) {
        m.id = o_.str(key, opt.required, std::string("name the ") + key + " this refers to by its id");
    }
    void field(const char* key, std::vector<Ref>& m, Kind, Opt = {}) { m = o_.refs(key); }
    void field(const char* key, std::vector<std::string>& m, Opt opt = {}) {
        const FormatRule r = rule_of(opt.syntax);
        m = o_.strings(key, r.check, r.id, hint_of(opt));
    }
    void field(const char* key, std::optional<std::vector<std::string>>& m, Opt opt = {}) {
        const bool given = o_.peek(key) != nullptr;
        std::vector<std::string> list;
        field(key, list, opt);
        if (given) m = std::move(list);
    }
    // Host bits set (`192.168.0.1/24`, as in Microsoft's own examples) load as the network, with a warning that
    // names it (domain §2, v2): the cmdlets accept such a prefix, so rejecting it would lose real exports.
    void field(const char* key, IpPrefix& m, Opt opt = {}) {
        std::optional<IpPrefix> p;
        std::string written;
        const Node* node = o_.peek(key);
        parsed(key, opt, "invalid-prefix", "write the network ID and prefix length, e.g. 10.10.0.0/24 or 2001:db8::/64",
               [&](const std::string& s, std::string& err) {
                   written = s;
                   return bool(p = parse_prefix(s, PrefixHostBits::allow, &err));
               });
        if (!p) return;
        m = *p;
        if (node && !parse_prefix(written, PrefixHostBits::reject)) {
            std::string net = p->to_string();
            c_.report("subnet-host-bits", node->pos, o_.sub(key),
                      "`" + written + "` has host bits set; it is loaded as its network " + net,
                      "write the network ID, " + net, Severity::warning);
        }
    }
    void field(const char* key, IpAddress& m, Opt opt = {}) {
        std::optional<IpAddress> ip;
        parsed(key, opt, "invalid-ip",
               "write the subnet's network ID, e.g. 10.10.10.128 for a client at 10.10.10.150/25",
               [&](const std::string& s, std::string& err) {
                   if (s.find('/') != std::string::npos) {
                       err = "`" + s + "`: a LIS subnet is keyed by its network ID alone, without a prefix length";
                       return false;
                   }
                   return bool(ip = parse_ip(s, &err));
               });
        if (ip) m = *ip;
    }
    void field(const char* key, MacAddress& m, Opt opt = {}) {
        std::optional<MacAddress> mac;
        parsed(key, opt, "invalid-mac", "write a MAC address such as 00-11-22-33-44-55",
               [&](const std::string& s, std::string& err) { return bool(mac = parse_mac(s, true, &err)); });
        if (mac) m = *mac;
    }
    template <class T, class D>
    void objects(const char* key, std::vector<T>& list, D, Opt = {}) {
        // decode() consumes the tree it is handed: a decoded list goes to the reaper. The walk
        // itself only reads.
        Node* v = const_cast<Node*>(o_.list_of(key));
        if (!v) return;
        TreeReaper* reaper = lists_ ? lists_->reaper : nullptr;
        auto decode_all = [v, base = o_.sub(key), &list, reaper](Ctx& c) {
            list.reserve(v->items.size());
            for (std::size_t i = 0; i < v->items.size(); ++i) {
                T obj;
                if (decode_object<D>(c, v->items[i], base + "[" + std::to_string(i) + "]", obj)) list.push_back(std::move(obj));
            }
            if (reaper) reaper->give(std::move(v->items));
        };
        if (lists_) lists_->add(v->items.size(), std::move(decode_all));
        else decode_all(c_);
    }

    // The document's own shape: one nested object, sections, and the lists of each object kind.
    template <class T>
    void object(const char* key, T& obj) {
        if (const Node* n = o_.child(key)) {
            Obj sub(c_, n, o_.sub(key), &obj.pos);
            Fields f(c_, sub);
            Describe<T>::fields(f, obj);
        }
    }
    template <class Body>
    void section(const char* key, Body body) {
        if (const Node* n = o_.child(key)) {
            Obj sub(c_, n, o_.sub(key), nullptr);
            Fields f(c_, sub, lists_);
            body(f);
        }
    }
    template <class T>
    void list(const char* key, std::vector<T>& list) {
        if constexpr (is_scalar_form<T>) {
            const Node* v = o_.child(key);
            if (!v) return;
            if (v->kind != NK::sequence) return c_.wrong_type(*v, o_.sub(key), "a list");
            for (std::size_t i = 0; i < v->items.size(); ++i) {
                T obj;
                obj.pos.self = v->items[i].pos;
                Obj item(c_, v->items[i], o_.sub(key) + "[" + std::to_string(i) + "]", Obj::Scalar{});
                Fields f(c_, item);
                if (item.valid()) Describe<T>::fields(f, obj);
                if (item.valid() && !f.dropped()) list.push_back(std::move(obj));
            }
        } else {
            objects(key, list, Describe<T>{});
        }
    }

private:
    // A string parsed into a value type; `parse(text, err)` is false with `err` set when malformed.
    template <class Parse>
    void parsed(const char* key, const Opt& opt, const char* id, const char* hint, Parse parse) {
        bool ok = false;
        o_.checked(
            key, opt.required, id,
            [&](const std::string& s) {
                std::string err;
                ok = parse(s, err);
                return ok ? std::string() : err;
            },
            opt.hint ? opt.hint : hint);
        if (opt.key && !ok) dropped_ = true;
    }
    Ctx& c_;
    Obj& o_;
    Lists* lists_;
    bool dropped_ = false;
};

template <class D, class T>
bool decode_object(Ctx& c, const Node& n, const std::string& path, T& obj) {
    c.one_more_object();
    Obj o(c, &n, path, &obj.pos);
    Fields f(c, o);
    D::fields(f, obj);
    return o.valid() && !f.dropped() && accept(c, obj, n, path);
}

}  // namespace

void decode(Node& root, Config& cfg, std::vector<Diagnostic>& out, TreeReaper& reaper, const ProgressFn& progress) {
    Ctx c(cfg, out, progress);
    Lists lists(reaper);
    {
        Obj o(c, &root, "", nullptr);
        if (!o.valid()) return;
        Fields f(c, o, &lists);
        Describe<Config>::fields(f, cfg);
    }
    lists.run(c);
    if (cfg.version != 1)
        c.report("unsupported-version", root.get("version")->pos, "version",
                 "configuration format version " + std::to_string(cfg.version) + " is not supported",
                 "this libe911 reads version 1");
}

namespace {
std::string id_of(const Config& c, Kind k, std::uint32_t i, const Positions** pos) {
    static const Positions none;
    *pos = &none;
    std::string id;
    with_list(c, k, [&](const auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if constexpr (has_id<T>) *pos = &list[i].pos, id = Describe<T>::id(list[i]);
    });
    return id;
}

std::vector<std::string> ids_of_kind(const Config& c, Kind k) {
    std::vector<std::string> r;
    with_list(c, k, [&](const auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if constexpr (has_id<T>)
            for (std::size_t i = 0; i < std::min<std::size_t>(list.size(), 20000); ++i)
                r.push_back(Describe<T>::id(list[i]));
    });
    return r;
}
}  // namespace

void check_references(Config& cfg, const std::vector<std::pair<Kind, std::uint32_t>>& duplicates,
                      std::vector<Diagnostic>& out) {
    const ProgressFn none;
    Ctx c(cfg, out, none);
    for (const auto& [kind, idx] : duplicates) {
        if (kind == Kind::subnet)
            continue;  // the same prefix in two places is lint's subnet-overlap / subnet-redundant
        const Positions* later = nullptr;
        const Positions* first = nullptr;
        std::string id = id_of(cfg, kind, idx, &later);
        id_of(cfg, kind, cfg.find(kind, id), &first);
        SourcePos fp = first->self;
        c.report("duplicate-id", later->of("id").known() ? later->of("id") : later->self,
                 std::string(to_string(kind)) + "/" + id,
                 std::string(to_string(kind)) + " `" + id + "` is defined twice (first at " + cfg.file_of(fp) + ":" +
                     std::to_string(fp.line) + ")",
                 "give each " + std::string(to_string(kind)) + " a unique id, or merge the two entries");
    }
    std::map<Kind, std::vector<std::string>> candidates;
    for_each_ref(cfg, [&](const RefVisit& v) {
        if (v.ref->resolved()) return;
        auto it = candidates.find(v.target);
        if (it == candidates.end()) it = candidates.emplace(v.target, ids_of_kind(cfg, v.target)).first;
        std::vector<std::string> also;
        if (v.alternative != Kind::config) also = ids_of_kind(cfg, v.alternative);  // a location or an address
        also.insert(also.end(), it->second.begin(), it->second.end());
        std::string sug = closest(v.ref->id, v.alternative != Kind::config ? also : it->second);
        std::string kinds = to_string(v.target);
        if (v.alternative != Kind::config) kinds += std::string(" or ") + to_string(v.alternative);
        std::string owner = std::string(to_string(v.owner_kind)) + " `" + v.owner_id + "`";
        std::string msg = owner + " refers to " + kinds + " `" + v.ref->id + "`, which is not defined";
        std::string hint = sug.empty() ? "define " + kinds + " `" + v.ref->id + "` or correct the reference"
                                       : "did you mean `" + sug + "`?";
        c.report("dangling-reference", v.owner_pos->of(v.field),
                 std::string(to_string(v.owner_kind)) + "/" + v.owner_id + "." + v.field, msg, hint);
    });
}

void decode_and_index(Node& root, Config& cfg, std::vector<Diagnostic>& out, const ProgressFn& progress) {
    TreeReaper reaper(std::thread::hardware_concurrency() > 1);  // joined when the indexes are built
    decode(root, cfg, out, reaper, progress);
    reaper.give(std::move(root.items));
    reaper.finish();
    root = Node();
    auto dups = cfg.build_indexes();
    check_references(cfg, dups, out);
}

}  // namespace e911::detail
