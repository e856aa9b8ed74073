// Reading a call log: CSV with a header row (RFC 4180) or JSON Lines, one call per row, streamed.
// Only the reading lives here; what a row means (CallRow) and simulating it live in batch.cpp.
#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "e911/batch.hpp"

namespace e911::detail {

// One input row: its number (1-based, blank lines not counted), its cells by column name, or why
// it could not be read (then `fields` is empty and the batch reports the row as an error).
struct CallLogRecord {
    long long number = 0;
    std::map<std::string, std::string> fields;
    std::string error;
};

class CallLogReader {
public:
    // Detects the format: JSON Lines when the first non-blank character is '{', else CSV.
    explicit CallLogReader(std::istream& in);
    // False when the input holds nothing at all (a CSV without even a header row).
    bool has_input() const { return has_input_; }
    // The next non-blank row; false at the end of the input.
    bool next(CallLogRecord& record);

private:
    std::istream& in_;
    bool jsonl_ = false, has_input_ = true;
    long long rows_ = 0;
    std::vector<std::string> header_, cells_;
    std::string line_;
};

}  // namespace e911::detail
