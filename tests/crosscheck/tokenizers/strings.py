"""Seeded test strings for the tokenizer cross-checks.

`test_strings(seed, count, specials)` gives `count` strings: fixed edge cases first (the empty
string, lone spaces, whitespace runs, contractions, numbers, accents in both normal forms, CJK,
emoji sequences, special-token look-alikes), then random mixtures drawn from the pools below.
Code points come from blocks assigned in Unicode 13 or earlier, and unassigned ones are dropped,
so the references (V8's Unicode tables in node, ICU, PCRE2 10.42's Unicode 14) agree on their
properties. U+0085, U+180E and
U+FEFF are left out on purpose: JavaScript's \\s disagrees with Rust's (HF's) on exactly those.
"""
import random
import unicodedata

FIXED = [
    "", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n ", "\t\t\n  x", "x  ", "  x", "a\u00a0b",
    "\u3000\u3000", "Hello world", " Hello world", "Hello World!", "Hello, world!",
    "I'm", "I'M", "don't", "DON'T", "they'll", "we've", "she'd", "it's", "'s", "''", "'''",
    "you're'nt", "O'Neil's", "rock'n'roll",
    "123", "1234567890", "3.14159", "1,234,567", "-42", "1e10", "٣٤٥", "Ⅻ", "½", "²³",
    "caf\u00e9", "cafe\u0301", "na\u00efve", "\u00c5ngstr\u00f6m", "A\u030angstro\u0308m", "ﬁ", "Ⅸ",
    "Straße", "İstanbul", "ΣΊΣΥΦΟΣ", "ǅ", "ÀÉÎÕÜ",
    "你好，世界", "日本語のテキスト", "한국어 텍스트", "中文English混合", "𠀀𠀁", "豈",
    "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷🇯🇵", "❤️", "🚀 (rocket)", "a😀b",
    "Привет мир", "Γειά σου", "مرحبا بالعالم", "שלום", "नमस्ते", "สวัสดี", "ქართული",
    "a\u200bb", "a\u200db", "\u0000", "\x07bell", "\x1b[31m", "tab\tsep\tvalues",
    "<s>", "</s>", "<unk>", "[CLS]", "[SEP]", "[MASK]", "<|endoftext|>", "<|im_start|>",
    "<|im_end|>", "<think>", "<s>text</s>", "[CLS] hi [SEP]",
    "www.example.com/path?q=1&x=2", "user@example.com", "#hashtag @mention", "C++ && Rust ||",
    "func(a, b) { return a*b; }", "    indented code\n\tmore", "!!!???...", "---", "___", "~~~",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ab" * 40,
    "Supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
]

POOLS = {
    "ascii_word": lambda r: "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(1, 12))),
    "capital_word": lambda r: r.choice(["The", "HELLO", "World", "GPT", "McDonald", "iPhone", "NASA"]),
    "english": lambda r: r.choice(["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                                   "once", "upon", "a", "time", "there", "was", "little", "girl",
                                   "named", "Lily", "she", "loved", "to", "play", "outside"]),
    "contraction": lambda r: r.choice(["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL",
                                       "n't", "'", "’s"]),
    "number": lambda r: str(r.randint(0, 10 ** r.randint(1, 12))),
    "decimal": lambda r: f"{r.uniform(-1000, 1000):.{r.randint(0, 5)}f}",
    "space_run": lambda r: " " * r.randint(1, 6),
    "whitespace": lambda r: "".join(r.choice([" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2009",
                                              "\u2028", "\x0b", "\x0c"]) for _ in range(r.randint(1, 4))),
    "punctuation": lambda r: "".join(r.choice("!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~¡¿«»“”‘’…—–·§¶")
                                     for _ in range(r.randint(1, 4))),
    "latin_accented": lambda r: "".join(r.choice("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžÀÉÎÕÜÇŁłőű")
                                        for _ in range(r.randint(1, 6))),
    "combining": lambda r: r.choice("aeiouny") + r.choice(["\u0300", "\u0301", "\u0302", "\u0303",
                                                            "\u0308", "\u030a", "\u0327", "\u0301\u0323"]),
    "cjk": lambda r: "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(r.randint(1, 6))),
    "cjk_ext": lambda r: chr(r.choice([r.randint(0x3400, 0x4DB5), r.randint(0x20000, 0x2A6D6),
                                       r.randint(0xF900, 0xFA6D)])),
    "kana": lambda r: "".join(chr(r.randint(0x3041, 0x30FA)) for _ in range(r.randint(1, 6))),
    "hangul": lambda r: "".join(chr(r.randint(0xAC00, 0xD7A3)) for _ in range(r.randint(1, 4))),
    "cyrillic": lambda r: "".join(chr(r.randint(0x0410, 0x044F)) for _ in range(r.randint(1, 8))),
    "greek": lambda r: "".join(chr(r.randint(0x03B1, 0x03C9)) for _ in range(r.randint(1, 8))),
    "arabic": lambda r: "".join(chr(r.randint(0x0621, 0x064A)) for _ in range(r.randint(1, 6))),
    "hebrew": lambda r: "".join(chr(r.randint(0x05D0, 0x05EA)) for _ in range(r.randint(1, 6))),
    "devanagari": lambda r: "".join(chr(r.randint(0x0915, 0x0939)) + r.choice(["", "\u093e", "\u093f", "\u094d"])
                                    for _ in range(r.randint(1, 4))),
    "thai": lambda r: "".join(chr(r.randint(0x0E01, 0x0E2E)) for _ in range(r.randint(1, 6))),
    "emoji": lambda r: r.choice(["😀", "😂", "🥰", "👍", "👍🏿", "👩‍💻", "🏳️‍🌈", "🇩🇪", "❤️", "✨", "🔥",
                                 "🤖", "🧠", "🎉", "☕", "⚡", "🐍", "🦀", "1️⃣", "©", "™"]),
    "symbol": lambda r: r.choice(["€", "$", "£", "¥", "°C", "±", "×", "÷", "≤", "≥", "∞", "∑", "√",
                                  "π", "→", "←", "↔", "♥", "★", "☆", "✓", "✗", "•", "µ", "Ω"]),
    "control": lambda r: r.choice(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u200b", "\u200c",
                                   "\u200d", "\u2060", "\ufffd", "\u00ad"]),
    "fullwidth": lambda r: "".join(chr(r.randint(0xFF01, 0xFF5E)) for _ in range(r.randint(1, 4))),
    "code": lambda r: r.choice(["def f(x):", "return x", "if (a == b) {", "}", "x += 1;", "#include",
                                "std::vector<int>", "/* comment */", "// note", "print('hi')",
                                "SELECT * FROM t;", "<div class=\"x\">", "</div>", "a->b", "::"]),
}


def random_string(r, specials):
    parts = []
    for _ in range(r.randint(1, 8)):
        if specials and r.random() < 0.08:
            parts.append(r.choice(specials))
            continue
        parts.append(POOLS[r.choice(sorted(POOLS))](r))
        if r.random() < 0.6:
            parts.append(r.choice([" ", " ", " ", "", "\n", "  ", "\t"]))
    # Unassigned code points (from the block ranges above) have no agreed properties.
    text = "".join(c for c in "".join(parts) if unicodedata.category(c) != "Cn")
    if r.random() < 0.1:
        text = text.upper()
    return text


def test_strings(seed, count, specials=()):
    r = random.Random(seed)
    fixed = list(FIXED)
    strings = fixed[:count]
    while len(strings) < count:
        strings.append(random_string(r, list(specials)))
    return strings
