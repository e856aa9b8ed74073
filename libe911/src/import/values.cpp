// Reading PowerShell property values: case-insensitive names, flattened nested objects, lists,
// identities, MAC addresses, countries and line URIs as the cmdlets and Export-Csv write them.
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>

#include "e911/net.hpp"
#include "import/importer.hpp"
#include "util/text_util.hpp"

namespace e911::detail::imp {

namespace {
// A loop rather than find_first_not_of, which calls memchr per character: every imported value passes here.
std::string trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t a = 0, b = s.size();
    while (a < b && space(s[a])) ++a;
    while (b > a && space(s[b - 1])) --b;
    return std::string(s.substr(a, b - a));
}
}  // namespace

const Node* prop(const Node& r, std::string_view name) {
    if (r.kind != Node::Kind::mapping) return nullptr;
    for (const Node& value : r.items)
        if (iequal_ascii(value.key, name)) return &value;
    return nullptr;
}

bool has(const Node& r, std::string_view name) { return prop(r, name) != nullptr; }

std::string text(const Node& r, std::string_view name) {
    const Node* v = prop(r, name);
    if (!v || !v->is_scalar() || v->kind == Node::Kind::null) return {};
    return trim(v->text);
}

bool is_collection_type_name(std::string_view s) {
    return s.rfind("System.Collections.", 0) == 0 || s.rfind("System.Object[]", 0) == 0 ||
           s.rfind("System.String[]", 0) == 0 || s.rfind("Microsoft.Rtc.", 0) == 0 ||
           (s.rfind("System.", 0) == 0 && s.find('[') != std::string_view::npos);
}

bool parse_flattened(const Node& s, const std::vector<std::string>& keys, Node& out) {
    if (s.kind != Node::Kind::string) return false;
    const std::string_view t = s.text;
    // Positions of "<key>=" at the start or right after ';'.
    std::vector<std::pair<std::size_t, std::size_t>> starts;  // (key start, value start)
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i != 0 && t[i - 1] != ';') continue;
        for (const auto& k : keys)
            if (t.size() >= i + k.size() + 1 && iequal_ascii(std::string_view(t).substr(i, k.size()), k) &&
                t[i + k.size()] == '=') {
                starts.emplace_back(i, i + k.size() + 1);
                break;
            }
    }
    if (starts.empty() || starts[0].first != 0) return false;
    out = Node{};
    out.kind = Node::Kind::mapping;
    out.pos = s.pos;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::size_t end = k + 1 < starts.size() ? starts[k + 1].first - 1 : t.size();
        Node v;
        v.kind = Node::Kind::string;
        v.pos = s.pos;
        v.text = t.substr(starts[k].second, end - starts[k].second);
        out.add(t.substr(starts[k].first, starts[k].second - starts[k].first - 1), s.pos, std::move(v));
    }
    return true;
}

std::vector<const Node*> items(const Node* v) {
    std::vector<const Node*> r;
    if (!v || v->kind == Node::Kind::null) return r;
    if (v->kind == Node::Kind::sequence) {
        for (const auto& i : v->items)
            if (i.kind != Node::Kind::null) r.push_back(&i);
        return r;
    }
    r.push_back(v);
    return r;
}

std::string normalise_identity(std::string id) {
    id = trim(id);
    if (iequal_ascii(id, "global")) return "global";
    if (id.size() > 4 && iequal_ascii(id.substr(0, 4), "tag:")) return id.substr(4);
    if (id.size() > 5 && iequal_ascii(id.substr(0, 5), "site:")) return "site:" + id.substr(5);
    auto gw = lower_ascii(id).find("pstngateway:");
    if (gw != std::string::npos) return id.substr(gw + 12);
    return id;
}

std::string normalise_mac(const std::string& raw) {
    std::string s = trim(raw), hex;
    bool wildcard = !s.empty() && s.back() == '*';
    for (char ch : s) {
        if (std::isxdigit(static_cast<unsigned char>(ch)))
            hex += ch;
        else if (ch != '-' && ch != ':' && ch != '.' && ch != '*')
            return {};
    }
    if (wildcard ? (hex.size() < 10 || hex.size() > 11) : hex.size() != 12) return {};
    std::string out;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        if (i && i % 2 == 0) out += '-';
        out += upper_ascii(hex[i]);
    }
    if (wildcard) out += hex.size() % 2 == 0 ? "-*" : "*";
    return parse_mac(out, true) ? out : std::string();
}

std::string country_alpha2(const std::string& raw) {
    std::string s = upper_ascii(trim(raw));
    if (s.size() == 2 || s.size() != 3) return s;
    for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
        std::string loc = std::string("und_") + *c;
        if (s == uloc_getISO3Country(loc.c_str())) return *c;
    }
    return s;
}

std::string line_uri_number(const std::string& raw) {
    std::string s = trim(raw);
    if (s.size() > 4 && iequal_ascii(s.substr(0, 4), "tel:")) s = s.substr(4);
    auto semi = s.find(';');
    if (semi != std::string::npos) s = s.substr(0, semi);
    return s;
}

bool parse_bool(std::string_view s, bool& out) {
    std::string l = lower_ascii(trim(s));
    if (l == "true" || l == "$true" || l == "1" || l == "yes") return out = true, true;
    if (l == "false" || l == "$false" || l == "0" || l == "no") return out = false, true;
    return false;
}

// ------------------------------------------------------------------ the document being built
void set(Node& obj, const std::string& key, Node value) {
    for (Node& old : obj.items)
        if (old.key == key) {
            const SourcePos key_pos = old.key_pos;
            old = std::move(value);
            old.key = key, old.key_pos = key_pos;
            return;
        }
    const SourcePos key_pos = value.pos;
    obj.add(key, key_pos, std::move(value));
}
Node str(const std::string& s, SourcePos pos) {
    Node n;
    n.kind = Node::Kind::string;
    n.text = s;
    n.pos = pos;
    return n;
}
Node num(double d, SourcePos pos) {
    Node n;
    n.kind = Node::Kind::real;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    n.text = buf;
    n.pos = pos;
    return n;
}
Node integer(long long v, SourcePos pos) {
    Node n;
    n.kind = Node::Kind::integer;
    n.text = std::to_string(v);
    n.pos = pos;
    return n;
}
Node boolean(bool b, SourcePos pos) {
    Node n;
    n.kind = Node::Kind::boolean;
    n.text = b ? "true" : "false";
    n.pos = pos;
    return n;
}
Node seq(SourcePos pos) {
    Node n;
    n.kind = Node::Kind::sequence;
    n.pos = pos;
    return n;
}

Doc::Doc() {
    root_.kind = Node::Kind::mapping;
    set(root_, "version", integer(1, {}));
    // Every section exists from the start, so references into one list stay valid while others grow.
    for (const char* path :
         {"addresses", "locations", "network.regions", "network.sites", "network.subnets", "network.trusted_ips",
          "lis.subnets", "lis.wireless_access_points", "lis.switches", "lis.ports", "emergency_calling_policies",
          "emergency_call_routing_policies", "location_policies", "voice.pstn_usages", "voice.gateways", "voice.routes",
          "voice.routing_policies", "voice.dial_plans", "users"})
        section(path, {});
}

Node& Doc::section(const std::string& path, SourcePos pos) {
    Node* n = &root_;
    std::size_t start = 0;
    while (true) {
        auto dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        Node* child = n->get(part);
        if (!child) {
            Node fresh;
            fresh.kind = dot == std::string::npos ? Node::Kind::sequence : Node::Kind::mapping;
            fresh.pos = pos;
            set(*n, part, std::move(fresh));
            child = &n->items.back();
        }
        n = child;
        if (dot == std::string::npos) return *n;
        start = dot + 1;
    }
}

Node& Doc::list(const std::string& path, SourcePos pos) { return section(path, pos); }

Node& Doc::add(const std::string& path, SourcePos pos) {
    Node& s = section(path, pos);
    Node obj;
    obj.kind = Node::Kind::mapping;
    obj.pos = pos;
    s.items.push_back(std::move(obj));
    return s.items.back();
}

// Objects get their id as they are added (object(), address(), location()), before any find().
Node* Doc::find(const std::string& path, const std::string& id) {
    Node& s = section(path, {});
    ById& index = by_id_[path];
    for (; index.scanned < s.items.size(); ++index.scanned)
        if (const Node* v = s.items[index.scanned].get("id")) index.at.emplace(v->text, index.scanned);  // the first keeps it
    auto it = index.at.find(id);
    return it == index.at.end() ? nullptr : &s.items[it->second];
}

bool Doc::seen(const std::string& path, const std::string& key) { return !seen_.insert({path, key}).second; }

std::size_t Doc::count(const std::string& path) const {
    const Node* n = &root_;
    std::size_t start = 0;
    while (n) {
        auto dot = path.find('.', start);
        n = n->get(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return n ? n->items.size() : 0;
}

std::string Ctx::file_name() const { return file.file; }

void Ctx::note(const char* id, Severity sev, SourcePos pos, const std::string& key, const std::string& msg,
               const std::string& hint) {
    Diagnostic d;
    d.id = id;
    d.severity = sev;
    d.file = cfg.file_of(pos);
    d.line = pos.line;
    d.column = pos.column;
    d.key = key;
    d.message = msg;
    d.hint = hint;
    out.push_back(d);
    std::string where = pos.line ? "line " + std::to_string(pos.line) + ": " : "";
    file.notes.push_back(where + msg);
}

}  // namespace e911::detail::imp
