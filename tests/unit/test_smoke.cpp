#include <catch2/catch.hpp>
#include "e911/e911.hpp"
TEST_CASE("version is set") { REQUIRE(std::string(e911::version()) == "0.2.0"); }
