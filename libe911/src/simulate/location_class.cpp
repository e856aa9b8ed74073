// Where the location came from when the LIS found none (domain §7): the client's own location, when
// the client may supply one, else the user's static emergency address, else nothing. The class
// (lis, user_confirmed, os_unconfirmed, user_entered, static, none) then decides, by Microsoft's
// location-source table, whether the call goes straight to the PSAP or is screened first (screening.cpp).
#include "simulate/decisions.hpp"

namespace e911 {

const char* to_string(LocationClass k) {
    switch (k) {
        case LocationClass::none:
            return "none";
        case LocationClass::lis:
            return "lis";
        case LocationClass::user_confirmed:
            return "user_confirmed";
        case LocationClass::os_unconfirmed:
            return "os_unconfirmed";
        case LocationClass::user_entered:
            return "user_entered";
        case LocationClass::static_:
            return "static";
    }
    return "none";
}

namespace detail {
namespace {

void take(const Compiled& c, Placement& pl, std::uint32_t location, std::uint32_t address, LocationClass cls,
          ClassCase why) {
    pl.location = location;
    pl.address = address;
    if (location != npos && c.cfg.locations[location].address.resolved())
        pl.address = c.cfg.locations[location].address.index;
    pl.location_class = cls;
    pl.class_case = why;
}

// An off-network Teams client (untrusted egress) supplies its location only when external location
// lookup is on in its emergency calling policy (Microsoft: ExternalLocationLookupMode).
bool client_may_supply(const Compiled& c, const Placement& pl, const Policies& p) {
    if (pl.trusted != false) return true;  // on-network, or Skype for Business
    auto i = p.emergency_calling.index;
    return i != npos && c.cfg.emergency_calling_policies[i].external_location_lookup;
}

}  // namespace

void classify_location(const Compiled& c, const User* user, const CallerSetup* caller, const Policies& p,
                       Placement& pl) {
    if (pl.location != npos) {
        pl.location_class = LocationClass::lis;
        if (c.cfg.locations[pl.location].address.resolved()) pl.address = c.cfg.locations[pl.location].address.index;
        return;
    }
    bool refused = false;
    if (caller && (caller->client_location != npos || caller->client_address != npos)) {
        if (client_may_supply(c, pl, p))
            return take(c, pl, caller->client_location, caller->client_address, caller->client_class,
                        ClassCase::client);
        refused = true;
    }
    if (user && user->emergency_address.resolved()) {
        const Ref& r = user->emergency_address;
        take(c, pl, r.alternative ? npos : r.index, r.alternative ? r.index : npos, LocationClass::static_,
             ClassCase::static_address);
        if (refused) pl.class_case = ClassCase::client_refused;
        return;
    }
    pl.location_class = LocationClass::none;
    pl.class_case = refused ? ClassCase::client_refused : ClassCase::none;
}

}  // namespace detail
}  // namespace e911
