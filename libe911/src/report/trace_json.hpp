#pragma once
#include "e911/simulate.hpp"
#include "util/json_util.hpp"
namespace e911::detail {
json trace_json(const Trace& t);
}
