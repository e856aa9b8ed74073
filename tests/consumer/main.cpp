// Links against the installed libe911 and checks one answer end to end.
#include <e911/e911.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    auto r = e911::load_files({argv[1]});
    if (!r.ok()) return 3;
    e911::Simulator sim(r.config);
    e911::Caller c;
    c.dialed = "911";
    c.ip = "10.2.0.10/16";  // Peoria, in examples/multi-psap.yaml
    auto t = sim.simulate(c);
    auto findings = e911::lint(r.config);
    std::cout << "e911 " << e911::version() << ": " << e911::to_string(t.outcome) << " to " << t.psap << ", " << findings.size() << " finding(s)\n";
    return t.outcome == e911::Outcome::routed && t.psap_correct == std::optional<bool>(false) && findings.size() == 1 ? 0 : 1;
}
