#!/usr/bin/env bash
# Checks that the man page documents every option of every command's --help, in that command's
# section, and no option the command lacks (the commands' --help is said once, for all).
# Usage: man_options.sh ATTNVIZ MAN_PAGE
set -uo pipefail
attnviz=$1
page=$2
failures=0

# The options of one section of the page: the desktop application's is OPTIONS, a command's is
# its subsection of COMMANDS.
section_options() {
    if [[ -z $1 ]]; then
        sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page"
    else
        sed -n "/^\\.SS \"attnviz $1\"/,/^\\.S[HS] /p" "$page"
    fi | awk '/^\.TP/ { getline; print }' | # an option's tag is the line after .TP
        sed -n 's/^\.B[IR]* \(\\-[a-z] ", " \)\{0,1\}\\-\\-\([a-z\\-]*\).*/--\2/p' |
        sed 's/\\-/-/g' | sort -u
}

for command in "" compute export model; do
    help=$("$attnviz" $command --help 2>&1)
    if [[ $command == model && $help != *--knockout* ]]; then
        echo "skipped: this build has no model command"
        continue
    fi
    from_help=$(grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' <<<"$help" | grep -oE -- '--[a-z-]+' |
        grep -vx -- '--help-all' | sort -u)
    [[ -n $command ]] && from_help=$(grep -vx -- --help <<<"$from_help")
    documented=$(section_options "$command")
    if [[ $from_help != "$documented" ]]; then
        echo "FAIL: attnviz $command: the man page's options differ from --help:"
        diff <(echo "$from_help") <(echo "$documented") | grep '^[<>]'
        failures=$((failures + 1))
    fi
done
((failures == 0)) && echo "the man page documents every option of every --help"
exit $((failures > 0))
