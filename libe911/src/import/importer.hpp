// Internals of the importer: decoding bytes, reading CSV and Microsoft365DSC into positioned
// records (the loader's Node tree), recognising each record's object type, and mapping records
// onto a configuration document whose positions point at the export.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "e911/import.hpp"
#include "load/document.hpp"
#include "util/text_util.hpp"

namespace e911::detail::imp {

// ---- bytes -> UTF-8 text
struct DecodedText {
    std::string text;
    std::string encoding;
};
// UTF-8 (with or without BOM) and UTF-16 LE/BE (BOM, or detected by NUL bytes) become UTF-8.
DecodedText decode_text(const std::string& bytes);

// ---- CSV (RFC 4180, Export-Csv flavour): every row a mapping of header -> string cell
struct CsvTable {
    std::string type_name;  // the `#TYPE` line's type, when present
    std::vector<std::string> header;
    CompactVector<Node> rows;
};
// Returns false (with `error`) when the text is not a table (e.g. console output).
bool parse_csv(const std::string& text, std::uint32_t file, CsvTable& table, std::string& error);

// ---- Microsoft365DSC configuration: one record per resource block
struct DscBlock {
    std::string resource;  // e.g. "TeamsEmergencyCallingPolicy"
    Node body;             // mapping of the block's properties
};
bool parse_dsc(const std::string& text, std::uint32_t file, std::vector<DscBlock>& blocks, std::string& error);
bool looks_like_dsc(const std::string& text);

// ---- record access (PowerShell property names are case-insensitive)
const Node* prop(const Node& record, std::string_view name);
bool has(const Node& record, std::string_view name);  // present (even when null)
// Scalar text of a property; "" for null/absent. Objects flattened by ConvertTo-Json's depth
// limit stay as their string.
std::string text(const Node& record, std::string_view name);
// "Key=Value;Key=Value" (an object's ToString at the depth limit) as a mapping, splitting only at
// `;` followed by one of `keys` and `=`, so patterns containing `;` survive.
bool parse_flattened(const Node& str, const std::vector<std::string>& keys, Node& out);
// Lists: a JSON array, a `System.Object[]`-free CSV cell joined by `sep`, or a single scalar.
std::vector<const Node*> items(const Node* value);
bool is_collection_type_name(std::string_view s);

// ---- the object types we recognise
enum class Type : std::uint8_t {
    unknown,
    teams_civic_address,
    teams_lis_location,
    teams_lis_subnet,
    teams_lis_wap,
    teams_lis_switch,
    teams_lis_port,
    sfb_lis_civic_address,
    sfb_lis_location,
    sfb_lis_subnet,
    sfb_lis_wap,
    sfb_lis_switch,
    sfb_lis_port,
    e911automation_row,
    region,
    site,
    subnet,
    trusted_ip,
    network_configuration,
    emergency_calling_policy,
    emergency_call_routing_policy,
    location_policy,
    pstn_usage,
    voice_route,
    routing_policy,
    gateway,
    trunk_configuration,
    dial_plan,
    teams_user,
    sfb_user,
    user_policy_assignment,
    voice_user,
    policy_assignment,
    group_policy_assignment,  // after the policies, so it can say whether the policy was exported
};
const char* type_name(Type t);  // the cmdlet or layout, e.g. "Get-CsOnlineLisSubnet"
Type detect(const Node& record);
Type dsc_type(const std::string& resource);

// ---- building the configuration document
class Doc {
public:
    Doc();
    Node& root() { return root_; }
    // Appends a new mapping to the list at `path` ("addresses", "network.sites", ...).
    Node& add(const std::string& path, SourcePos pos);
    Node* find(const std::string& path, const std::string& id);  // by `id`, among objects added here
    Node& list(const std::string& path, SourcePos pos);
    bool seen(const std::string& path, const std::string& key);  // first call false, later true
    std::size_t count(const std::string& path) const;

private:
    Node& section(const std::string& path, SourcePos pos);
    Node root_;

public:
    std::map<std::string, std::string> civic_of;  // synthesised address id -> its civic tuple
    std::set<std::string> default_locations;      // location ids made from an address's DefaultLocationId
    std::size_t group_assignments = 0;            // group policy assignments of a policy type we model
private:
    std::set<std::pair<std::string, std::string>> seen_;
    // Each section's objects by id, extended over the objects added since the last find(): a second
    // export of the same users, or a tenant's default locations, each scanned the whole list.
    struct ById {
        std::size_t scanned = 0;
        std::unordered_map<std::string, std::size_t> at;
    };
    std::map<std::string, ById> by_id_;
};

void set(Node& obj, const std::string& key, Node value);
Node str(const std::string& s, SourcePos pos);
Node num(double d, SourcePos pos);
Node integer(long long v, SourcePos pos);
Node boolean(bool b, SourcePos pos);
Node seq(SourcePos pos);

// ---- mapping
struct Ctx {
    Doc& doc;
    Config& cfg;  // only `files`, for names in diagnostics
    std::vector<Diagnostic>& out;
    ImportFileReport& file;
    std::set<std::string>& platforms;  // "teams" / "sfb" seen
    std::string file_name() const;
    void note(const char* id, Severity sev, SourcePos pos, const std::string& key, const std::string& msg,
              const std::string& hint);
};

void map_record(Ctx& c, Type t, const Node& record);
void map_lis(Ctx& c, Type t, const Node& record);
void map_voice(Ctx& c, Type t, const Node& record);
// obj[key] = the property's text when it is not empty; returns whether it was set.
bool copy_text(Node& obj, const std::string& key, const Node& record, std::string_view property);
SourcePos pos_of(const Node& record, std::string_view property);  // the property's, else the record's
// The property as a list of strings: JSON arrays, or a CSV cell joined with `,` or `;`.
std::vector<Node> string_list(Ctx& c, const Node& record, std::string_view property, const char* separators);
// A property that only holds a collection's type name (Export-Csv): reports it, returns true.
bool lost_collection(Ctx& c, const Node& record, std::string_view name);

// ---- values
std::string normalise_identity(std::string id);     // Global -> global, Tag:x -> x, site:x kept
std::string normalise_mac(const std::string& s);    // any common MAC form -> 00-11-22-33-44-55, else ""
std::string country_alpha2(const std::string& s);   // "US", "us", "USA" -> "US"; else s
std::string line_uri_number(const std::string& s);  // "tel:+1425...;ext=1" -> "+1425..."
bool parse_bool(std::string_view s, bool& out);

}  // namespace e911::detail::imp
