// The load diagnostics in the catalogue: problems found while reading a configuration (raised by
// load/ and model/, not by lint rules), listed by `e911 rules` under category "load" and explained
// in docs/rules/<id>.md like the rules. Alphabetical, after the rules.
#include <vector>

#include "lint/rule.hpp"

namespace e911::detail {

const std::vector<Rule>& load_diagnostic_catalogue() {
    static const std::vector<Rule> all = {
        {"dangling-reference", "load", Severity::error,
         "A reference to an object that is not defined (names both sides).", nullptr},
        {"duplicate-id", "load", Severity::error,
         "Two objects of one kind share an id.", nullptr},
        {"duplicate-key", "load", Severity::error,
         "A key appears twice in one mapping.", nullptr},
        {"include-conflict", "load", Severity::error,
         "An included file sets a scalar key differently from the including file.", nullptr},
        {"include-cycle", "load", Severity::error,
         "Files include each other in a cycle.", nullptr},
        {"include-error", "load", Severity::error,
         "An included file cannot be read.", nullptr},
        {"invalid-country", "load", Severity::error,
         "A country code that is not ISO 3166-1 alpha-2.", nullptr},
        {"invalid-dial-string", "load", Severity::error,
         "A dial string or mask that is not a string of digits.", nullptr},
        {"invalid-e164", "load", Severity::error,
         "A phone number that is not E.164, or an ELIN that is neither E.164 nor an ELIN name.", nullptr},
        {"invalid-ip", "load", Severity::error,
         "A malformed IP address (including octal-looking leading zeros).", nullptr},
        {"invalid-mac", "load", Severity::error,
         "A malformed MAC address or BSSID, or a wildcard in the wrong place.", nullptr},
        {"invalid-prefix", "load", Severity::error,
         "A malformed prefix: bad address or prefix length out of range.", nullptr},
        {"invalid-utf8", "load", Severity::error,
         "Invalid UTF-8 bytes in a file.", nullptr},
        {"invalid-value", "load", Severity::error,
         "A value outside its allowed set or range.", nullptr},
        {"missing-field", "load", Severity::error,
         "A required key is missing.", nullptr},
        {"schema-violation", "load", Severity::error,
         "The document violates the JSON Schema in a way the decoder did not explain further.", nullptr},
        {"subnet-host-bits", "load", Severity::warning,
         "A subnet or trusted IP prefix written with host bits set; it loads as its network.", nullptr},
        {"syntax-error", "load", Severity::error,
         "YAML or JSON syntax error, or a document structure that cannot be read.", nullptr},
        {"unknown-key", "load", Severity::error,
         "A key that is not part of the format (with a did-you-mean suggestion).", nullptr},
        {"unreadable-file", "load", Severity::error,
         "A configuration file cannot be read (CLI exit code 2).", nullptr},
        {"unsupported-version", "load", Severity::error,
         "The configuration format version is not supported.", nullptr},
        {"wrong-type", "load", Severity::error,
         "A value of the wrong type (e.g. an unquoted number where a string is required).", nullptr},
    };
    return all;
}

}  // namespace e911::detail
