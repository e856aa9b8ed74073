// where911 CONFIG IP [DIGITS]: where does an emergency call from this address go?
// Build against an installed libe911:
//   cmake -S examples/cpp -B build-where -DCMAKE_PREFIX_PATH=/usr/local && cmake --build build-where
#include <e911/e911.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: where911 CONFIG IP[/LEN] [DIGITS]\n";
        return 2;
    }
    e911::LoadResult loaded = e911::load_files({argv[1]});
    if (!loaded.ok()) {
        std::cerr << e911::diagnostics_to_text(loaded.diagnostics, false);
        return 2;
    }
    e911::Simulator simulator(loaded.config);
    e911::Caller caller;
    caller.ip = argv[2];
    caller.dialed = argc > 3 ? argv[3] : "911";
    try {
        e911::Trace t = simulator.simulate(caller);
        std::cout << e911::trace_to_text(t);
        return t.outcome == e911::Outcome::routed && t.psap_correct.value_or(true) ? 0 : 1;
    } catch (const e911::UsageError& e) {
        std::cerr << "where911: " << e.what() << "\n";
        return 2;
    }
}
