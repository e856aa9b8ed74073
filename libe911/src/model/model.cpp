#include "e911/model.hpp"

#include <algorithm>
#include <cstring>

#include "model/describe.hpp"

namespace e911 {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}
bool parse_severity(const std::string& t, Severity& out) {
    if (t == "info") out = Severity::info;
    else if (t == "warning") out = Severity::warning;
    else if (t == "error") out = Severity::error;
    else return false;
    return true;
}
bool has_errors(const std::vector<Diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.severity == Severity::error) return true;
    return false;
}

const char* to_string(Platform p) { return p == Platform::teams ? "teams" : "sfb"; }
const char* to_string(NotificationMode m) {
    switch (m) {
        case NotificationMode::none: return "none";
        case NotificationMode::notification_only: return "notification_only";
        case NotificationMode::conference_muted: return "conference_muted";
        case NotificationMode::conference_unmuted: return "conference_unmuted";
        case NotificationMode::conference_oneway: return "conference_oneway";
        case NotificationMode::conference_twoway: return "conference_twoway";
    }
    return "none";
}
const char* to_string(LocationRequired l) {
    return l == LocationRequired::no ? "no" : l == LocationRequired::yes ? "yes" : "disclaimer";
}
const char* to_string(ConferenceMode c) { return c == ConferenceMode::oneway ? "oneway" : "twoway"; }
const char* to_string(EmergencyRouting r) {
    return r == EmergencyRouting::location ? "location" : r == EmergencyRouting::elin ? "elin" : "fixed";
}
const char* to_string(SfbClient c) { return c == SfbClient::modern ? "modern" : "legacy"; }
const char* to_string(PstnConnectivity p) {
    return p == PstnConnectivity::direct_routing ? "direct_routing"
           : p == PstnConnectivity::calling_plan ? "calling_plan"
                                                 : "operator_connect";
}

namespace {
const char* kKindNames[] = {"address", "location", "region", "site", "subnet", "trusted_ip", "lis_subnet",
                            "wireless_access_point", "switch", "port", "emergency_calling_policy",
                            "emergency_call_routing_policy", "location_policy", "pstn_usage", "gateway", "route",
                            "routing_policy", "dial_plan", "user", "psap", "waiver", "config"};
}
const char* to_string(Kind k) { return kKindNames[static_cast<int>(k)]; }
bool parse_kind(std::string_view t, Kind& out) {
    for (int i = 0; i <= static_cast<int>(Kind::config); ++i)
        if (t == kKindNames[i]) return out = static_cast<Kind>(i), true;
    return false;
}

SourcePos Positions::of(std::string_view key) const {
    for (const auto& f : fields)
        if (f.first == key) return f.second;
    return self;
}

namespace {
constexpr std::uint64_t kEmptySlot = ~std::uint64_t{0};  // no object has index npos
std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
std::uint32_t tag_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot >> 32); }
std::uint32_t index_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }

// The table's slot for `id`: the one holding it (index_of), else the empty slot where it goes.
template <class Same>
std::size_t probe(const std::vector<std::uint64_t>& table, std::uint64_t hash, Same same) {
    const std::size_t mask = table.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask)
        if (table[i] == kEmptySlot || (tag_of(table[i]) == tag && same(index_of(table[i])))) return i;
}
}  // namespace

bool Config::id_is(Kind kind, std::uint32_t index, std::string_view id) const {
    bool same = false;
    detail::with_list(*this, kind, [&](const auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if constexpr (detail::has_id<T>) same = detail::Describe<T>::id(list[index]) == id;
    });
    return same;
}

std::uint32_t Config::find(Kind kind, std::string_view id) const {
    if (kind >= Kind::waiver) return npos;
    const auto& table = index_[static_cast<int>(kind)];
    if (table.empty()) return npos;
    auto slot = table[probe(table, id_hash(id), [&](std::uint32_t i) { return id_is(kind, i, id); })];
    return slot == kEmptySlot ? npos : index_of(slot);
}

const std::string& Config::file_of(const SourcePos& p) const {
    static const std::string none;
    return p.file < files.size() ? files[p.file] : none;
}

namespace {
// The resolver's visitor: looks up every reference a description names.
struct Resolve {
    const Config& cfg;
    void field(const char*, Ref& r, Kind target, detail::Opt opt = {}) {
        r.index = r.set() ? cfg.find(target, r.id) : npos;
        r.alternative = false;
        if (r.set() && r.index == npos && opt.alternative != Kind::config) {  // e.g. a location, else an address
            r.index = cfg.find(opt.alternative, r.id);
            r.alternative = r.index != npos;
        }
    }
    void field(const char* key, std::vector<Ref>& rs, Kind target, detail::Opt = {}) {
        for (auto& r : rs) field(key, r, target);
    }
    template <class... A>
    void field(const char*, A&&...) {}
    void ignored(const char*) {}
    template <class T, class D>
    void objects(const char*, std::vector<T>& list, D, detail::Opt = {}) {
        for (auto& o : list) D::fields(*this, o);
    }
};
}  // namespace

std::vector<std::pair<Kind, std::uint32_t>> Config::build_indexes() {
    using detail::Describe;
    std::vector<std::pair<Kind, std::uint32_t>> dups;
    detail::for_each_list(*this, [&](const auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        if constexpr (detail::has_id<T>) {
            constexpr Kind kind = Describe<T>::kind;
            auto& table = index_[static_cast<int>(kind)];
            std::size_t size = 16;
            while (size < 2 * list.size()) size *= 2;  // at most half full: short probes
            table.assign(list.empty() ? 0 : size, kEmptySlot);
            for (std::uint32_t i = 0; i < list.size(); ++i) {
                const auto& id = Describe<T>::id(list[i]);
                const std::uint64_t hash = id_hash(id);
                auto at = probe(table, hash, [&](std::uint32_t j) { return Describe<T>::id(list[j]) == id; });
                if (table[at] != kEmptySlot) dups.emplace_back(kind, i);  // the first object with an id keeps it
                else table[at] = (hash >> 32 << 32) | i;
            }
        }
    });
    std::stable_sort(dups.begin(), dups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Resolve resolve{*this};
    detail::for_each_list(*this, [&](auto& list) {
        using T = typename std::remove_cvref_t<decltype(list)>::value_type;
        for (auto& o : list) Describe<T>::fields(resolve, o);
    });
    return dups;
}

}  // namespace e911
