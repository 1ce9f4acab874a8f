#!/usr/bin/env bash
# Checks the bash completion: its option lists against each command's --help (so neither can
# change without the other), and what it offers for commands, values and files.
# Usage: completion.sh ATTNVIZ COMPLETION_SCRIPT
set -uo pipefail
attnviz=$1
script=$2
bash_completion=/usr/share/bash-completion/bash_completion
if [[ ! -f $bash_completion ]]; then
    echo "SKIP: $bash_completion is absent (Debian package bash-completion)"
    exit 77
fi
# shellcheck source=/dev/null
source "$bash_completion"
# shellcheck source=/dev/null
source "$script"
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# The long options of a --help text: "flags | valued" as _attnviz_options prints them. Qt's
# --help-all is left out: only the desktop application acts on it.
options_from_help() {
    local flags=() valued=() line option
    while read -r line; do
        [[ $line =~ ^(-[a-zA-Z],\ )?(--[a-z-]+)(\ \<)? ]] || continue
        option=${BASH_REMATCH[2]}
        [[ $option == --help-all ]] && continue
        if [[ -n ${BASH_REMATCH[3]} ]]; then valued+=("$option"); else flags+=("$option"); fi
    done
    echo "${flags[*]} | ${valued[*]}"
}
sorted() { tr ' ' '\n' | grep . | sort | tr '\n' ' '; }

for command in "" compute export model; do
    help=$("$attnviz" $command --help 2>&1)
    if [[ $command == model && $help != *--knockout* ]]; then
        echo "skipped: this build has no model command"
        continue
    fi
    from_help=$(options_from_help <<<"$help")
    completed=$(_attnviz_options "$command")
    for part in flags valued; do
        if [[ $part == flags ]]; then
            a=$(sorted <<<"${from_help%%|*}") b=$(sorted <<<"${completed%%|*}")
        else
            a=$(sorted <<<"${from_help#*|}") b=$(sorted <<<"${completed#*|}")
        fi
        [[ $a == "$b" ]] ||
            fail "attnviz $command: --help has $part '$a', the completion '$b'"
    done
done

# What is offered after LINE (its last word is being completed), in a folder of sample files.
offered() {
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<<"$COMP_LINE"
    [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _attnviz attnviz "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
    local got
    got=$(offered "$1")
    [[ $got == "$2" ]] || fail "after '$1': expected '$2', got '$got'"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
touch a.npy w.safetensors s.attnviz.json notes.txt m.gguf shot.png
mkdir out
expect "attnviz " "a.npy compute export help model out s.attnviz.json "
expect "attnviz help " "compute export model "
expect "attnviz ex" "export "
expect "attnviz export --fo" "--format "
expect "attnviz export --format " "pdf png svg "
expect "attnviz export --format=s" "svg "
expect "attnviz export --mask ca" "causal "
expect "attnviz export --out " "out shot.png "
expect "attnviz export --tokens-file " "notes.txt out "
expect "attnviz compute --mask " "a.npy out "
expect "attnviz compute --weights " "out w.safetensors "
expect "attnviz compute --out " "out "
expect "attnviz compute --heads " ""
expect "attnviz model --model " "m.gguf out "
expect "attnviz --lang " "en zh_CN "
expect "attnviz --screenshot " "out shot.png "
expect "attnviz --tokens " ""

if ((failures)); then
    echo "$failures completion checks failed"
    exit 1
fi
echo "completion matches --help and offers the expected words"
