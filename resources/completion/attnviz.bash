# bash completion for attnviz(1): the commands, their options, option values and file arguments.
# Installed as share/bash-completion/completions/attnviz; tests/package/completion.sh checks
# that the option lists below match each command's --help.

_attnviz_options()
{
    # Options of the command ($1, empty for the desktop application): flags, then "|", then the
    # options that take a value.
    case $1 in
        compute)
            echo "--help --no-scale | --input --key --weights --heads --mask --mask-fill" \
                "--temperature --memory-budget --out --threads"
            ;;
        export)
            echo "--help | --session --tokens --heads --dim --seed --mask --fill --temperature" \
                "--attention --tokens-file --layer --stage --head --colormap --scale --format --out" \
                "--threads"
            ;;
        model)
            echo "--help | --model --text --ids --knockout --top-k --memory-budget --out --threads"
            ;;
        *)
            echo "--help --version --presentation --pipeline --teaching | --session --tokens" \
                "--heads --focus-head --screenshot --lang --theme --step --lesson --lesson-step"
            ;;
    esac
}

_attnviz()
{
    local cur prev words cword split
    _init_completion -s || return

    # The command is the first argument or there is none (the desktop application).
    local command=
    [[ $cword -gt 1 && ${words[1]} == @(compute|export|model) ]] && command=${words[1]}

    # attnviz help SUBCOMMAND
    if [[ $cword -eq 2 && ${words[1]} == help ]]; then
        mapfile -t COMPREPLY < <(compgen -W 'compute export model' -- "$cur")
        return
    fi

    local options flags valued
    options=$(_attnviz_options "$command")
    flags=${options%%|*}
    valued=${options#*|}

    # Values of an option: a fixed list, or files of a type.
    local values=
    case $command:$prev in
        compute:--mask-fill | export:--fill) values='large-negative neg-inf' ;;
        export:--mask) values='none causal padding window block prefix random' ;;
        export:--stage) values='weights scores masked output' ;;
        export:--head) values='all' ;;
        export:--colormap) values='viridis magma inferno plasma cividis greys diverging' ;;
        export:--format) values='png svg pdf' ;;
        :--lang) values='en zh_CN' ;;
        :--theme) values='light dark' ;;
        compute:--input | compute:--key | compute:--mask | export:--attention)
            _filedir npy
            return
            ;;
        compute:--weights)
            _filedir safetensors
            return
            ;;
        compute:--out | model:--out)
            _filedir -d
            return
            ;;
        export:--out)
            _filedir '@(png|svg|pdf)'
            return
            ;;
        export:--session | :--session | :--lesson)
            _filedir json
            return
            ;;
        export:--tokens-file)
            _filedir txt
            return
            ;;
        model:--model)
            _filedir gguf
            return
            ;;
        :--screenshot)
            _filedir png
            return
            ;;
    esac
    if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
        return
    fi
    # Any other option that takes a value takes free text or a number: nothing to offer.
    local option
    for option in $valued; do
        [[ $prev == "$option" ]] && return
    done
    $split && return

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$flags $valued" -- "$cur")
        return
    fi
    if [[ -z $command ]]; then
        ((cword == 1)) && mapfile -t COMPREPLY < <(compgen -W 'compute export help model' -- "$cur")
        _filedir '@(json|npy)'
    fi
} &&
    complete -F _attnviz attnviz

# ex: filetype=sh
