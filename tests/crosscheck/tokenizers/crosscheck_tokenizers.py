#!/usr/bin/python3
"""Cross-check AttnViz's tokenizers against independent references, string by string.

Checks (each on `--count` seeded strings from strings.py, encoded with and without special
tokens; a string passes when both id lists equal the reference's):
  qwen3        tokenizer.json (byte-level BPE, Qwen2 regex, NFC), and as vocab.json +
               merges.txt + tokenizer_config.json                      vs transformers.js
  gpt2         encoder.json + vocab.bpe, and the tokenizer.json HF's converter makes of them
                                                                         vs transformers.js
  bert         vocab.txt, and its tokenizer.json                       vs transformers.js
  (each of these three also as a GGUF file embedding the vocabulary, see ggufs.py)
  llama-json   stories260K as a byte-fallback tokenizer.json, legacy (Prepend + Replace) and
               Metaspace (prepend_scheme first) forms                  vs transformers.js
  spm          stories260K tokenizer.model through libsentencepiece    vs python3-sentencepiece
  gguf-llama   stories260K.gguf's embedded vocabulary (io's GGUF reader, our BPE by scores)
                                                                         vs python3-sentencepiece
  vectors      llama.cpp's test vectors (ids from HF tokenizers) for gpt-2, bert-bge, qwen2
Strings that contain <s>, </s> or <unk> are left out of the SentencePiece checks: HF splits
special tokens out of the text first, SentencePiece alone does not (the llama-json check covers
that). Without ../shared/testdata the checks skip (exit 77). The bert check leaves out CJK ideographs beyond the BMP: transformers.js walks UTF-16 code
units when it pads ideographs with spaces, so it misses those that HF (Rust and Python) pads;
tst_tokenizer checks ours pad them. Ends with `N passed, M failed` (N + M strings over all checks); exit 1 on any failure.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True

from folders import bert_folder, gpt2_folder, llama_folder, vocab_merges_folder
from ggufs import bert_gguf, gpt2_gguf, qwen_gguf
from strings import test_strings

SPM_SPECIALS = ("<s>", "</s>", "<unk>")
SKIPPED = 77  # ctest's SKIP_RETURN_CODE for these tests


def parse_arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tool", required=True, help="the attnviz_tokenize_ids binary")
    p.add_argument("--testdata", required=True, help="../shared/testdata")
    p.add_argument("--node", default="node")
    p.add_argument("--hfjs", required=True, help="folder with transformers.js installed")
    p.add_argument("--count", type=int, default=400)
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--only", action="append", help="run only this check")
    p.add_argument("--show", type=int, default=5, help="disagreements to print per check")
    return p.parse_args()


class Runner:
    def __init__(self, args, work):
        self.args, self.work = args, work

    def strings_file(self, strings):
        path = os.path.join(self.work, f"strings-{abs(hash(tuple(strings)))}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(strings, f, ensure_ascii=False)
        return path

    def run(self, command):
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def ours(self, source, strings, special):
        flag = ["--gguf", source] if source.endswith(".gguf") else ["--folder", source]
        return self.run([self.args.tool, *flag, *(["--add-special"] if special else []),
                         self.strings_file(strings)])

    def hfjs(self, folder, strings, special):
        script = os.path.join(self.args.hfjs, "tokenize.mjs")
        return self.run([self.args.node, script, folder, self.strings_file(strings),
                         *(["--add-special"] if special else [])])


def compare(name, strings, ours_by_mode, reference_by_mode, show):
    failed = []
    for i, text in enumerate(strings):
        for mode, ours in ours_by_mode.items():
            if ours[i] != reference_by_mode[mode][i]:
                failed.append((text, mode, ours[i], reference_by_mode[mode][i]))
                break
    for text, mode, ours, ref in failed[:show]:
        print(f"  {name}: {text!r} (special={mode}):\n    ours {ours}\n    ref  {ref}")
    passed = len(strings) - len(failed)
    print(f"crosscheck_tokenizers[{name}]: {len(strings)} strings, {passed} agree, "
          f"{len(failed)} differ")
    return passed, len(failed)


def against_hfjs(runner, name, our_sources, reference_folder, strings):
    reference = {m: runner.hfjs(reference_folder, strings, m) for m in (False, True)}
    total = (0, 0)
    for label, source in our_sources:
        ours = {m: runner.ours(source, strings, m) for m in (False, True)}
        result = compare(f"{name}:{label}", strings, ours, reference, runner.args.show)
        total = (total[0] + result[0], total[1] + result[1])
    return total


def sentencepiece_reference(model_file, strings):
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_file=model_file)
    plain = [sp.encode(s) for s in strings]
    return {False: plain, True: [[sp.bos_id()] + ids for ids in plain]}


def check_qwen3(runner, data, work):
    folder = os.path.join(data, "tokenizers/qwen3")
    specials = ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<think>", "</think>",
                "<tool_call>", "<|vision_start|>"]
    strings = test_strings(runner.args.seed, runner.args.count, specials)
    gguf = os.path.join(work, "qwen3.gguf")
    qwen_gguf(folder, gguf)
    files = os.path.join(work, "qwen3-vocab-merges")
    vocab_merges_folder(folder, files)
    return against_hfjs(runner, "qwen3", [("tokenizer.json", folder), ("gguf", gguf),
                                          ("vocab.json+merges.txt", files)], folder, strings)


def check_gpt2(runner, data, work):
    source = os.path.join(data, "tokenizers/gpt2")
    folder = os.path.join(work, "gpt2")
    gpt2_folder(source, folder)
    gguf = os.path.join(work, "gpt2.gguf")
    gpt2_gguf(source, gguf)
    strings = test_strings(runner.args.seed + 1, runner.args.count, ["<|endoftext|>"])
    return against_hfjs(runner, "gpt2", [("encoder.json+vocab.bpe", source),
                                         ("tokenizer.json", folder), ("gguf", gguf)], folder,
                        strings)


def check_bert(runner, data, work):
    source = os.path.join(data, "tokenizers/bert-base-uncased")
    folder = os.path.join(work, "bert")
    bert_folder(source, folder)
    gguf = os.path.join(work, "bert.gguf")
    bert_gguf(source, gguf)
    strings = filtered_strings(runner.args.seed + 2, runner.args.count,
                               lambda s: any(ord(c) > 0xFFFF for c in s),
                               ["[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]"])
    return against_hfjs(runner, "bert", [("vocab.txt", source), ("tokenizer.json", folder),
                                         ("gguf", gguf)], folder, strings)


def check_llama_json(runner, data, work):
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(
        model_file=os.path.join(data, "models/stories260K/hf/tokenizer.model"))
    strings = test_strings(runner.args.seed + 3, runner.args.count, list(SPM_SPECIALS))
    total = (0, 0)
    for legacy in (True, False):
        folder = os.path.join(work, "llama-legacy" if legacy else "llama-metaspace")
        llama_folder(sp, folder, legacy)
        label = "legacy" if legacy else "metaspace"
        result = against_hfjs(runner, f"llama-json-{label}", [("tokenizer.json", folder)],
                              folder, strings)
        total = (total[0] + result[0], total[1] + result[1])
    return total


def filtered_strings(seed, count, reject, specials=()):
    strings = test_strings(seed, count * 2, specials)
    return [s for s in strings if not reject(s)][:count]


def spm_strings(runner, seed):
    return filtered_strings(seed, runner.args.count, lambda s: any(t in s for t in SPM_SPECIALS))


def check_spm(runner, data, work):
    folder = os.path.join(data, "models/stories260K/hf")
    strings = spm_strings(runner, runner.args.seed + 4)
    reference = sentencepiece_reference(os.path.join(folder, "tokenizer.model"), strings)
    ours = {m: runner.ours(folder, strings, m) for m in (False, True)}
    return compare("spm:tokenizer.model", strings, ours, reference, runner.args.show)


def check_gguf_llama(runner, data, work):
    model = os.path.join(data, "models/stories260K")
    strings = spm_strings(runner, runner.args.seed + 5)
    reference = sentencepiece_reference(os.path.join(model, "hf/tokenizer.model"), strings)
    gguf = os.path.join(model, "stories260K.gguf")
    ours = {m: runner.ours(gguf, strings, m) for m in (False, True)}
    return compare("gguf-llama:stories260K.gguf", strings, ours, reference, runner.args.show)


def read_vectors(folder, name):
    with open(os.path.join(folder, f"ggml-vocab-{name}.gguf.inp"), encoding="utf-8") as f:
        strings = f.read().split("\n__ggml_vocab_test__\n")[:-1]
    with open(os.path.join(folder, f"ggml-vocab-{name}.gguf.out"), encoding="utf-8") as f:
        ids = [[int(t) for t in line.split()] for line in f.read().split("\n")[:len(strings)]]
    return strings, ids


def check_vectors(runner, data, work):
    vectors = os.path.join(data, "tokenizers/llama.cpp-vectors")
    total = (0, 0)
    for name, folder in (("gpt-2", "gpt2"), ("bert-bge", "bert-base-uncased"), ("qwen2", "qwen3")):
        strings, expected = read_vectors(vectors, name)
        ours = runner.ours(os.path.join(data, "tokenizers", folder), strings, False)
        result = compare(f"vectors:{name}", strings, {False: ours}, {False: expected},
                         runner.args.show)
        total = (total[0] + result[0], total[1] + result[1])
    return total


CHECKS = {"qwen3": check_qwen3, "gpt2": check_gpt2, "bert": check_bert,
          "llama-json": check_llama_json, "spm": check_spm, "gguf-llama": check_gguf_llama,
          "vectors": check_vectors}


def main():
    args = parse_arguments()
    data = os.path.abspath(args.testdata)
    if not os.path.isdir(os.path.join(data, "tokenizers")):
        print(f"crosscheck_tokenizers: SKIP: test data not found: {data}")
        return SKIPPED
    if not os.path.isdir(os.path.join(args.hfjs, "node_modules", "@huggingface", "transformers")):
        print(f"crosscheck_tokenizers: FAIL: transformers.js is not installed in {args.hfjs} "
              f"(bash .ci/setup installs it)")
        return 1
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="attnviz-tokenizers-") as work:
        runner = Runner(args, work)
        for name, check in CHECKS.items():
            if args.only and name not in args.only:
                continue
            p, f = check(runner, data, work)
            passed, failed = passed + p, failed + f
    print(f"crosscheck_tokenizers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
