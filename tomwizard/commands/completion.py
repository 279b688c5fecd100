"""``tomwizard completion bash|zsh|fish``: a completion script for the shell.

The script is made from the argument parser itself, so a new command or option completes
without touching this module: commands, actions (``template init``), options, the choices of
an option (``--lang de|en``), template names (the built-in ones and own templates, asked from
``tomwizard template list`` when completing), answers files (``*.toml``), Word files
(``*.docx``) and folders.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")

# what a value is, from the metavars in cli.py
_KINDS = {"FILE": "toml", "DIR": "dir", "OUT.docx": "docx", "NAME|PATH.docx": "template"}
_TEMPLATES = "tomwizard template list 2>/dev/null | awk '$1 !~ /^\\(/ {print $1}'"
"""Template names, built-in and own: the first column of ``template list``."""


@dataclass
class _Option:
    flags: list[str]
    help: str
    kind: str = ""
    """What the value is: '' (no value), 'toml', 'dir', 'docx', 'template', 'any', or
    'words' (then ``words``)."""
    words: list[str] = field(default_factory=list)


@dataclass
class _Command:
    path: list[str]
    """The words naming it: ``[]`` for tomwizard itself, ``["template", "init"]``."""
    help: str
    options: list[_Option]
    argument: _Option | None
    """The positional argument (files, a folder, a choice), if any."""
    children: list[_Command]


def _kind(action: argparse.Action) -> tuple[str, list[str]]:
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "words", [str(choice) for choice in action.choices]
    if action.nargs == 0:
        return "", []
    return _KINDS.get(str(action.metavar), "any"), []


def _command(parser: argparse.ArgumentParser, path: list[str], help_text: str) -> _Command:
    options, argument, children = [], None, []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: str(choice.help or "") for choice in action._choices_actions}
            for name, sub in action.choices.items():
                children.append(_command(sub, [*path, name], helps.get(name, "")))
        elif action.option_strings:
            kind, words = _kind(action)
            options.append(
                _Option(list(action.option_strings), str(action.help or ""), kind, words)
            )
        else:
            kind, words = _kind(action)
            argument = _Option([], str(action.help or ""), kind, words)
    return _Command(path, help_text, options, argument, children)


def _all(command: _Command) -> list[_Command]:
    return [command, *(c for child in command.children for c in _all(child))]


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`)."""
    root = _command(parser, [], "")
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](root)


# -- bash -----------------------------------------------------------------------------------

_BASH_VALUES = {
    "toml": "_tomwizard_files toml",
    "docx": "_tomwizard_files docx",
    "dir": 'COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null',
    "template": 'COMPREPLY=($(compgen -W "$(' + _TEMPLATES + ')" -- "$cur")); '
    "_tomwizard_files docx add",
    "any": "COMPREPLY=()",
}


def _words(words: list[str]) -> str:
    return f'COMPREPLY=($(compgen -W {shlex.quote(" ".join(words))} -- "$cur"))'


def _bash_value(option: _Option) -> str:
    return _words(option.words) if option.kind == "words" else _BASH_VALUES[option.kind]


def _bash(root: _Command) -> str:
    commands = _all(root)
    lines = [
        '# bash completion for tomwizard: eval "$(tomwizard completion bash)" in ~/.bashrc, or',
        "# save it as ~/.local/share/bash-completion/completions/tomwizard",
        "_tomwizard_files() {  # files ending in .$1, and folders ($2: add to COMPREPLY)",
        "    local IFS=$'\\n'",
        '    local found=($(compgen -f -X "!*.$1" -- "$cur") $(compgen -d -- "$cur"))',
        '    if [[ -n $2 ]]; then COMPREPLY+=("${found[@]}"); else COMPREPLY=("${found[@]}"); fi',
        "    compopt -o filenames 2>/dev/null",
        "}",
        "_tomwizard() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local path="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do  # the (sub)command typed so far",
        '        case "$path:${COMP_WORDS[i]}" in',
    ]
    for command in commands:
        for child in command.children:
            parent = " ".join(command.path)
            lines.append(
                f'            "{parent}:{child.path[-1]}") path="{" ".join(child.path)}" ;;'
            )
    valued = sorted({f for c in commands for o in c.options if o.kind for f in o.flags})
    lines += [
        "            " + "|".join(f'*":{flag}"' for flag in valued) + ") ((i++)) ;;",
        "        esac",
        "    done",
        '    case "$path:$prev" in  # the value of an option',
    ]
    for command in commands:
        for option in (o for o in command.options if o.kind):
            flags = "|".join(f'"{" ".join(command.path)}:{flag}"' for flag in option.flags)
            lines.append(f"        {flags}) {_bash_value(option)}; return ;;")
    lines += ["    esac", '    case "$path" in']
    for command in commands:
        options = [flag for option in command.options for flag in option.flags]
        if command.argument is not None:
            other = _bash_value(command.argument)
        elif command.children:
            other = _words([child.path[-1] for child in command.children])
        else:
            other = _words(options)
        lines += [
            f'        "{" ".join(command.path)}")',
            f"            if [[ $cur == -* ]]; then {_words(options)}; else {other}; fi ;;",
        ]
    lines += ["    esac", "}", "complete -F _tomwizard tomwizard", ""]
    return "\n".join(lines)


# -- zsh ------------------------------------------------------------------------------------

_ZSH_VALUES = {
    "toml": "_files -g '*.toml(-.)'",
    "docx": "_files -g '*.docx(-.)'",
    "dir": "_files -/",
    "template": "_tomwizard_templates",
    "any": " ",
}


def _q(text: str) -> str:
    """``text`` as one single-quoted shell word."""
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _zsh_value(option: _Option, name: str) -> str:
    action = f"({' '.join(option.words)})" if option.kind == "words" else _ZSH_VALUES[option.kind]
    return f":{name}:{action}"


def _zsh_specs(command: _Command) -> list[str]:
    specs = []
    for option in command.options:
        value = _zsh_value(option, option.flags[-1].lstrip("-")) if option.kind else ""
        repeat = "*" if option.flags == ["--catalogue"] else ""
        for flag in option.flags:
            equals = "=" if option.kind and flag.startswith("--") else ""
            specs.append(_q(f"{repeat}{flag}{equals}[{_zsh_help(option.help)}]{value}"))
    if command.argument is not None and not command.children:
        specs.append(_q("*" + _zsh_value(command.argument, "file")))
    return specs


def _zsh_function(command: _Command) -> list[str]:
    name = "_tomwizard" + "".join(f"_{part}" for part in command.path)
    specs = " ".join(_zsh_specs(command))
    if not command.children:
        return [f"{name}() {{", f"    _arguments {specs}", "}"]
    described = " ".join(_q(f"{c.path[-1]}:{c.help}") for c in command.children)
    lines = [
        f"{name}() {{",
        '    local curcontext="$curcontext" state line',
        "    local -a commands",
        f"    commands=({described})",
        f"    _arguments -C {specs} '1:command:->command' '*::arg:->args'",
        "    case $state in",
        "        command) _describe command commands ;;",
        "        args)",
        "            case $line[1] in",
    ]
    for child in command.children:
        lines.append(f"                {child.path[-1]}) {name}_{child.path[-1]} ;;")
    lines += ["            esac ;;", "    esac", "}"]
    for child in command.children:
        lines += _zsh_function(child)
    return lines


def _zsh(root: _Command) -> str:
    lines = [
        "#compdef tomwizard",
        "# zsh completion for tomwizard: save as _tomwizard in a folder of $fpath, or",
        "# source <(tomwizard completion zsh)",
        "_tomwizard_templates() {",
        "    local -a names",
        f'    names=(${{(f)"$({_TEMPLATES})"}})',
        "    _describe template names",
        "    _files -g '*.docx(-.)'",
        "}",
        *_zsh_function(root),
        'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _tomwizard "$@"; '
        "else compdef _tomwizard tomwizard; fi",
        "",
    ]
    return "\n".join(lines)


# -- fish -----------------------------------------------------------------------------------

_FISH_VALUES = {
    "toml": "(__fish_complete_suffix .toml)",
    "docx": "(__fish_complete_suffix .docx)",
    "dir": "(__fish_complete_directories)",
    "template": f"({_TEMPLATES}) (__fish_complete_suffix .docx)",
    "any": "",
}


def _fish_seen(path: list[str]) -> str:
    return " ; and ".join(f"__fish_seen_subcommand_from {part}" for part in path)


def _fish_values(option: _Option) -> str:
    return " ".join(option.words) if option.kind == "words" else _FISH_VALUES[option.kind]


def _fish(root: _Command) -> str:
    lines = [
        "# fish completion for tomwizard: tomwizard completion fish > "
        "~/.config/fish/completions/tomwizard.fish",
        "complete -c tomwizard -f",
    ]
    for command in _all(root):
        here = _fish_seen(command.path)
        if command.children:
            names = " ".join(child.path[-1] for child in command.children)
            offer = f"{here} ; and not __fish_seen_subcommand_from {names}"
            offer = offer if command.path else "__fish_use_subcommand"
            for child in command.children:
                lines.append(
                    f"complete -c tomwizard -n {shlex.quote(offer)} "
                    f"-a {child.path[-1]} -d {shlex.quote(child.help)}"
                )
        condition = f" -n {shlex.quote(here)}" if here else ""
        for option in command.options:
            parts = [f"complete -c tomwizard{condition}"]
            for flag in option.flags:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            if option.kind:
                parts.append("-x")  # a value, and no files unless listed
                if values := _fish_values(option):
                    parts.append(f"-a {shlex.quote(values)}")
            parts.append(f"-d {shlex.quote(option.help)}")
            lines.append(" ".join(parts))
        if command.argument is not None and here and (values := _fish_values(command.argument)):
            lines.append(f"complete -c tomwizard{condition} -a {shlex.quote(values)}")
    return "\n".join([*lines, ""])
