#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::model {

// One blocked attention edge: in layer `layer`, head `head`, query `query` may not see `key`.
struct Edge {
    int layer = 0, head = 0, query = 0, key = 0;
    auto operator<=>(const Edge&) const = default;
};

using KnockoutSet = std::set<Edge>;

// "L:H:Q:K" as the command line writes it: four fields counting from 0, each a number or '*'.
struct KnockoutSpec {
    std::optional<int> layer, head, query, key; // nullopt: every value ('*')
};

// Throws attnviz::Error "--knockout 'TEXT': ..." for anything but four numbers or '*'.
KnockoutSpec parseKnockout(std::string_view text);

// Each edge is a set node (~50 bytes): more would be a memory problem, not a question.
inline constexpr std::size_t kMaxKnockoutEdges = std::size_t(1) << 22;

// Every edge the specs name. Out-of-range fields are an attnviz::Error naming the spec and the
// range. In a causal model keys after the query are already masked and are left out.
KnockoutSet expandKnockouts(const std::vector<KnockoutSpec>& specs, int layers, int heads,
                            int tokens, bool causal);

// "L:H:Q:K" with '*' for wildcards, the inverse of parseKnockout.
std::string toString(const KnockoutSpec& spec);

} // namespace attnviz::model
