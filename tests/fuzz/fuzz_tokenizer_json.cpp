// libFuzzer target for tokenizer.json: the input is a tokenizer.json, optionally followed by a NUL
// and text. Any input is either a tokenizer or an attnviz::Error, never a crash, a hang, unbounded
// memory (ASan) or undefined behaviour (UBSan); a tokenizer then encodes the text and a few fixed
// strings, and shows every id it gives. The whole input is also encoded, as arbitrary bytes, by
// a fixed byte-level tokenizer with added tokens.

#include "common/error.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/tokenizer_json.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

namespace {

using namespace attnviz::tokenizer;

void encodeAndShow(const Tokenizer& tokenizer, std::string_view text)
{
    try {
        for (const TokenId id : tokenizer.encode(text, true)) {
            tokenizer.display(id);
            tokenizer.isSpecial(id);
        }
    } catch (const attnviz::Error&) {
    }
}

const Tokenizer& fixedTokenizer()
{
    static const std::unique_ptr<Tokenizer> tokenizer =
        tokenizerFromJson(nlohmann::json::parse(R"({
          "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "\u0120": 3, "\u0120a": 4,
                                             "<x>": 5, "<0x41>": 6},
                    "merges": ["a b", "\u0120 a"], "byte_fallback": true},
          "added_tokens": [{"id": 5, "content": "<x>", "special": true, "lstrip": true,
                            "rstrip": true}],
          "normalizer": {"type": "NFC"},
          "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "\\p{N}{1,3}| ?\\p{L}+|\\s+(?!\\S)|\\s+"},
             "behavior": "Isolated"},
            {"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}]},
          "post_processor": {"type": "ByteLevel"}, "decoder": {"type": "ByteLevel"}})"),
                          {}, "fixed tokenizer.json");
    return *tokenizer;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    encodeAndShow(fixedTokenizer(), input);
    const std::size_t separator = input.find('\0');
    try {
        const auto tokenizer = tokenizerFromJson(json::parse(input.substr(0, separator), "fuzz"),
                                                 {}, "fuzz tokenizer.json");
        if (separator != std::string_view::npos)
            encodeAndShow(*tokenizer, input.substr(separator + 1));
        for (const char* text :
             {"", "Hello world! 123", "  caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd\n"})
            encodeAndShow(*tokenizer, text);
    } catch (const attnviz::Error&) {
    }
    return 0;
}
