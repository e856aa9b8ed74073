// Which numbers are emergency numbers in a country, per platform (domain §4). Teams users are judged by
// Microsoft's published table (data/teams-emergency-numbers.tsv, compiled in); Skype for Business users by
// libphonenumber's ShortNumberInfo, because Microsoft publishes no list for it. Every answer says which
// source it came from, so a finding can name it.
#pragma once
#include <string>
#include <vector>

#include "e911/model.hpp"

namespace e911::detail {

enum class NumberSource : std::uint8_t {
    microsoft_teams,  // Microsoft's "Emergency numbers for countries" table
    libphonenumber,   // libphonenumber's ShortNumberInfo
};

// One row of Microsoft's table: an emergency number and the dial masks Teams applies to it by default.
struct CountryNumber {
    std::string number;
    std::vector<std::string> masks;
};

// Where Microsoft's table came from (recorded in the data file's header).
struct TeamsTableInfo {
    std::string source, commit, ms_date, licence;
};
const TeamsTableInfo& teams_table_info();

// Microsoft's numbers for `country` (ISO 3166-1 alpha-2). Empty when the country is not in the table or
// Microsoft lists no emergency number for it; `listed` (if given) tells the two apart.
const std::vector<CountryNumber>& teams_emergency_numbers(const std::string& country, bool* listed = nullptr);

// The emergency numbers a platform's users in `country` must be able to dial, and their source.
// Teams: Microsoft's table when it lists the country, else libphonenumber (and `source` says so).
struct CountryNumbers {
    NumberSource source;
    std::vector<std::string> numbers;
};
CountryNumbers emergency_numbers(const std::string& country, Platform platform);
bool is_emergency_number(const std::string& number, const std::string& country, Platform platform);
// "Microsoft's Teams list for US", "libphonenumber's list for CH".
std::string source_name(NumberSource source, const std::string& country);

// libphonenumber's emergency numbers of a country (up to 6 digits), cached. Empty for an unknown country.
// ShortNumberInfo answers per number only, so the list holds every 1-4 digit string it calls an emergency
// number plus the 5-6 digit numbers of Microsoft's table that it confirms (116000, 132500, 11313, ...).
const std::vector<std::string>& emergency_numbers(const std::string& country);
// libphonenumber's verdict on one number of up to 6 digits.
bool is_emergency_number(const std::string& number, const std::string& country);
// Numbers a platform uses for testing that are not emergency numbers for libphonenumber (933 in US/CA).
bool is_test_number(const std::string& number, const std::string& country);

}  // namespace e911::detail
