// The TreeReaper frees decoded lists of the tree on a thread of its own (load/tree_reaper.hpp).
// What it frees is checked by the sanitizer build (a leak or a double free fails it); here, that it
// takes every list, returns whether or not finish() was called, and works without a thread.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "load/tree_reaper.hpp"

using e911::detail::CompactVector;
using e911::detail::Node;
using e911::detail::TreeReaper;

namespace {
CompactVector<Node> objects(std::size_t n) {
    CompactVector<Node> list;
    list.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Node object;
        object.kind = Node::Kind::mapping;
        Node value;
        value.kind = Node::Kind::string;
        value.text = "a value longer than fifteen bytes, so on the heap " + std::to_string(i);
        object.add("name", {}, std::move(value));
        list.push_back(std::move(object));
    }
    return list;
}
}  // namespace

TEST_CASE("tree reaper: takes every list it is given, from any thread, and joins") {
    for (bool threaded : {true, false}) {
        for (bool finish : {true, false}) {
            CAPTURE(threaded, finish);
            TreeReaper reaper(threaded);
            std::vector<std::thread> decoders;
            for (int t = 0; t < 3; ++t)
                decoders.emplace_back([&reaper] {
                    for (int k = 0; k < 5; ++k) {
                        CompactVector<Node> list = objects(1000);
                        reaper.give(std::move(list));
                        CHECK(list.empty());  // NOLINT: handed over
                    }
                });
            for (auto& d : decoders) d.join();
            // More than a batch: freed while the caller goes on, and the pages handed back.
            reaper.give(objects(std::size_t{1} << 19));
            if (finish) reaper.finish();
        }  // the destructor frees what is left and joins; a hang here fails the test run
    }
}
