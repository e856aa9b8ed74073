// Shared by the libFuzzer harnesses: loading under the bounds a hostile input meets in CI, and a
// check that every JSON answer is valid JSON (a renderer that throws is a finding).
#pragma once
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "e911/e911.hpp"

namespace fuzz {

// Includes resolve inside an empty directory: a fuzzed `include:` exercises the checks, not the disk.
inline const std::string& sandbox() {
    static const std::string dir = [] {
        auto d = std::filesystem::temp_directory_path() / "e911-fuzz-sandbox";
        std::filesystem::create_directories(d);
        return d.string();
    }();
    return dir;
}

inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

inline void must_be_json(const std::string& s) {
    if (!nlohmann::json::accept(s)) std::abort();  // invalid JSON (e.g. invalid UTF-8) from a renderer
}

}  // namespace fuzz
