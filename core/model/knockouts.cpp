#include "model/knockouts.h"

#include "common/error.h"

#include <charconv>
#include <string>

namespace attnviz::model {

namespace {

// The values a field takes: [0, size) for '*', else the one value (checked).
std::pair<int, int> fieldRange(const std::optional<int>& field, int size, const char* what,
                               const KnockoutSpec& spec)
{
    if (!field)
        return {0, size};
    if (*field >= size)
        throw Error("--knockout '" + toString(spec) + "': " + what + " " + std::to_string(*field) +
                    " is out of range (the model has " + std::to_string(size) +
                    ", counting from 0)");
    return {*field, *field + 1};
}

} // namespace

KnockoutSpec parseKnockout(std::string_view text)
{
    std::optional<int> fields[4];
    std::string_view rest = text;
    for (int i = 0; i < 4; ++i) {
        const std::size_t colon = rest.find(':');
        const std::string_view field = rest.substr(0, colon);
        if ((colon == std::string_view::npos) != (i == 3))
            throw Error("--knockout '" + std::string(text) +
                        "': expected four fields L:H:Q:K (numbers from 0 or *)");
        if (field != "*") {
            int value = 0;
            const auto [end, ec] =
                std::from_chars(field.data(), field.data() + field.size(), value);
            if (ec != std::errc() || end != field.data() + field.size() || value < 0 ||
                field.empty())
                throw Error("--knockout '" + std::string(text) + "': field '" + std::string(field) +
                            "' is not a number from 0 or *");
            fields[i] = value;
        }
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    return {fields[0], fields[1], fields[2], fields[3]};
}

std::string toString(const KnockoutSpec& spec)
{
    std::string text;
    for (const std::optional<int>* f : {&spec.layer, &spec.head, &spec.query, &spec.key})
        text += (text.empty() ? "" : ":") + (*f ? std::to_string(**f) : std::string("*"));
    return text;
}

KnockoutSet expandKnockouts(const std::vector<KnockoutSpec>& specs, int layers, int heads,
                            int tokens, bool causal)
{
    KnockoutSet edges;
    for (const KnockoutSpec& s : specs) {
        const auto [l0, l1] = fieldRange(s.layer, layers, "layer", s);
        const auto [h0, h1] = fieldRange(s.head, heads, "head", s);
        const auto [q0, q1] = fieldRange(s.query, tokens, "query", s);
        const auto [k0, k1] = fieldRange(s.key, tokens, "key", s);
        const double count = double(l1 - l0) * (h1 - h0) * (q1 - q0) * (k1 - k0);
        if (count + double(edges.size()) > double(kMaxKnockoutEdges))
            throw Error("--knockout '" + toString(s) + "': more than " +
                        std::to_string(kMaxKnockoutEdges) + " edges in all");
        for (int l = l0; l < l1; ++l)
            for (int h = h0; h < h1; ++h)
                for (int q = q0; q < q1; ++q)
                    for (int k = k0; k < k1 && (!causal || k <= q); ++k)
                        edges.insert({l, h, q, k});
    }
    return edges;
}

} // namespace attnviz::model
