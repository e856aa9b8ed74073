// libe911: everything in one include.
#pragma once
#include "e911/diagnostic.hpp"
#include "e911/error.hpp"
#include "e911/export.hpp"
#include "e911/import.hpp"
#include "e911/lint.hpp"
#include "e911/load.hpp"
#include "e911/matrix.hpp"
#include "e911/model.hpp"
#include "e911/net.hpp"
#include "e911/batch.hpp"
#include "e911/caller.hpp"
#include "e911/config_set.hpp"
#include "e911/report.hpp"
#include "e911/simulate.hpp"
#include "e911/version.hpp"

namespace e911 {
// "a.yaml, b.yaml" for messages.
inline std::string join_files(const std::vector<std::string>& files) {
    std::string s;
    for (const auto& f : files) s += (s.empty() ? "" : ", ") + f;
    return s;
}
}  // namespace e911
