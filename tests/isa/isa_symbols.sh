#!/usr/bin/env bash
# Checks that a binary uses instructions beyond the x86-64 baseline (SSE2) only in the kernels
# of the paths that need them: VEX/EVEX instructions (mnemonics v*, ymm registers) only in
# attnviz::[...::]avx2:: or avx512::, zmm and mask registers only in avx512::. A
# kernel header's inline function compiled for AVX-512 and kept by the linker for everyone
# would show up here as a function of another namespace using zmm.
# Usage: isa_symbols.sh BINARY...
set -uo pipefail
failures=0
for binary in "$@"; do
    report=$(objdump -d --no-show-raw-insn -C "$binary" | awk '
        /^[0-9a-f]+ <.*>:$/ { name = substr($0, index($0, "<") + 1); sub(/>:$/, "", name); next }
        NF < 2 { next }
        {
            mnemonic = $2
            avx512 = $0 ~ /%zmm|%k[0-7]/
            vex = avx512 || $0 ~ /%ymm/ || mnemonic ~ /^v/
            if (avx512 && name !~ /attnviz::([a-z]+::)*avx512::/)
                bad[name] = "AVX-512"
            else if (vex && name !~ /attnviz::([a-z]+::)*avx(2|512)::/ && !(name in bad))
                bad[name] = "AVX"
            if (avx512) kernels512++
            else if (vex) kernels++
        }
        END {
            for (n in bad) print "FAIL: " bad[n] " instructions in " n
            print "checked: " kernels512 + 0 " AVX-512 and " kernels + 0 " AVX instructions"
        }')
    echo "$binary: $report" | sed "2,\$s|^|$binary: |"
    grep -q '^FAIL' <<<"$report" && failures=$((failures + 1))
done
exit $((failures > 0))
