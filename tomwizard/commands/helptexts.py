"""The ``--help`` texts after the options: examples, exit codes and environment variables of
each command (shown with :class:`argparse.RawDescriptionHelpFormatter`, so laid out as here)."""

from __future__ import annotations

_CATALOGUE_ENV = """\
  TOMWIZARD_CATALOGUE  additional catalogue folders, separated by ':' (like --catalogue)
  TOMWIZARD_QUESTIONS  a catalogue folder to use instead of the shipped one
  TOMWIZARD_HOME       keep every user folder (catalogue, templates, cache, state) below it
  TOMWIZARD_NO_CACHE   1: do not read or write the catalogue cache
  TOMWIZARD_DEBUG      1: show the traceback of an internal error"""

_USAGE = "  2  wrong usage (an unknown option, a missing argument)"

_LANGUAGE_ENV = """\
  LANG                 de_DE...: catalogue labels in messages in German, else English
                       (LC_MESSAGES, then LC_ALL override it; ui_language in config.toml
                       overrides them all)"""

EPILOGS: dict[str, str] = {
    "tomwizard": f"""\
examples:
  tomwizard                                  the start screen: new or recent documents
  tomwizard edit anlage-tom.toml             the wizard on a file (new if missing)
  tomwizard validate anlage-tom.toml         problems with line numbers, or completeness
  tomwizard export anlage-tom.toml --pdf     the Word annex, and a PDF
  tomwizard serve anlage-tom.toml            the wizard in a web browser
  eval "$(tomwizard completion bash)"        tab completion in bash (also zsh, fish)

exit codes:
  0  success
  1  the input has problems (each printed as FILE:LINE: key: message)
{_USAGE}; 'tomwizard edit' without a terminal
  3-6  see 'tomwizard export --help'

environment:
{_CATALOGUE_ENV}

Run 'tomwizard COMMAND --help' for the options of a command.""",
    "edit": f"""\
examples:
  tomwizard edit anlage-tom.toml
  tomwizard edit neu.toml --catalogue ~/tom-katalog    with own categories and measures
  TEXTUAL_ANIMATIONS=none tomwizard edit anlage-tom.toml   on a slow SSH link

The wizard needs a terminal (standard input and standard error); in scripts use
'tomwizard validate' and 'tomwizard export'.

exit codes:
  0  the wizard ended
  1  the question catalogue has errors
{_USAGE}; no terminal
  130  interrupted (ctrl+c)

environment:
{_CATALOGUE_ENV}
  NO_COLOR             set: a monochrome display
  TERM, COLORTERM      the terminal's colours (try TERM=xterm-256color COLORTERM=truecolor)
  TEXTUAL_ANIMATIONS   none: no animations""",
    "validate": f"""\
examples:
  tomwizard validate anlage-tom.toml
  tomwizard validate --lang en vertraege/*.toml
  tomwizard validate --strict anlage-tom.toml        in CI: warnings fail too
  tomwizard validate --format sarif *.toml > tom.sarif

Warnings (the file stays valid): unknown ids, a required value of a decided measure
missing, a passed next_review, a category not reviewed within review_interval_months,
a planned measure past its target_date, each [[conflicts]] entry a merge left.
--format json|github|sarif prints only the findings (json: also each file's
completeness, see docs/schema/validate.schema.json).

exit codes:
  0  every file is valid (completeness per category is printed)
  1  problems, one line each: FILE:LINE: key: message; with --strict also any
     warning, or a document marked final that lacks required answers
{_USAGE}

environment:
{_CATALOGUE_ENV}
{_LANGUAGE_ENV}""",
    "catalogue": f"""\
examples:
  tomwizard catalogue --lang en
  tomwizard catalogue --json > catalogue.json
  tomwizard catalogue --find 2FA

exit codes:
  0  printed (with --find: measures found)
  1  the catalogue has errors; with --find: nothing found
{_USAGE}

environment:
{_CATALOGUE_ENV}""",
    "export": f"""\
examples:
  tomwizard export anlage-tom.toml                       -> anlage-tom.docx
  tomwizard export anlage-tom.toml -o Anlage-3-TOM.docx --template prosa
  tomwizard export anlage-tom.toml --lang en --pdf
  tomwizard export anlage-tom.toml --template my-templates/anlage.de.docx
  tomwizard export vertraege/ -j 2                        every .toml file in the folder

exit codes:
  0  written
  1  the answers file has errors
{_USAGE}
  3  the Word template cannot be used
  4  text would be missing from the document (nothing written)
  5  the .docx was written but no PDF (LibreOffice missing or failed)
  6  a final document misses required answers (nothing written; see --draft)

environment:
{_CATALOGUE_ENV}
  TOMWIZARD_SOFFICE    the LibreOffice program for --pdf (default: soffice on PATH)
{_LANGUAGE_ENV}""",
    "template": f"""\
examples:
  tomwizard template init my-templates --template tabelle --lang en
  tomwizard template list

exit codes:
  0  done
  1  the template does not exist, or a file would be replaced (see --force)
{_USAGE}

environment:
  TOMWIZARD_HOME       own templates are in its data/templates folder""",
    "schema": f"""\
examples:
  tomwizard schema > answers.schema.json
  tomwizard schema category > category.schema.json

exit codes:
  0  printed
{_USAGE}

environment: none""",
    "serve": f"""\
examples:
  tomwizard serve anlage-tom.toml            then open http://127.0.0.1:8000/ in a browser
  tomwizard serve anlage-tom.toml --port 8080
  ssh -L 8000:127.0.0.1:8000 user@server     on your computer, when 'tomwizard serve' runs
                                             on the server: then open http://localhost:8000/

Every browser tab that opens the address runs the wizard on FILE; exported annexes are
downloaded by the browser (and also written beside FILE). There is no login: anybody who
can reach the port can edit FILE, so keep the default address (this computer only) and
use an SSH tunnel to work on another computer. ctrl+c stops the server.

exit codes:
  0  the server was stopped
  1  the question catalogue has errors, or the port cannot be used (taken, not this
     computer's address)
{_USAGE}; a bad --port; FILE is a folder, or its folder
     does not exist

environment:
{_CATALOGUE_ENV}
  TEXTUAL_ANIMATIONS   none: no animations""",
    "paths": f"""\
examples:
  tomwizard paths

exit codes:
  0  printed
{_USAGE}

environment:
{_CATALOGUE_ENV}""",
    "completion": f"""\
examples:
  eval "$(tomwizard completion bash)"                        in ~/.bashrc
  tomwizard completion zsh > ~/.zfunc/_tomwizard             with ~/.zfunc in $fpath
  tomwizard completion fish > ~/.config/fish/completions/tomwizard.fish

Completes commands, options, their values (languages, styles, template names including
your own), answers files (*.toml), Word files (*.docx) and folders.

exit codes:
  0  printed
{_USAGE}

environment: none""",
    "diff": f"""\
examples:
  tomwizard diff tom-v1.toml tom-v2.toml
  git show HEAD~1:tom.toml | tomwizard diff - tom.toml
  tomwizard diff tom-v1.toml tom-v2.toml --format json
  tomwizard diff tom-v1.toml tom-v2.toml --format docx -o aenderungsmitteilung.docx

Formats: text (default), json (every change with its key, line, old and new value),
markdown, github and sarif (a note per change at its line), docx (a notice of the changes
to the controller, in the contract's words, to sign; written only when something the annex
prints changed). Reordering or reformatting alone is no change.

exit codes:
  0  no change
  1  the files differ
{_USAGE};
     a file that cannot be read or has errors (each printed as
     FILE:LINE: key: message); -o would replace OLD or NEW
  3  --format docx: the notice template cannot be used
  4  --format docx: text would be missing from the notice (nothing written)

environment:
{_CATALOGUE_ENV}""",
    "show": f"""\
examples:
  tomwizard show tom.toml
  tomwizard show --lang en tom.toml
  git config diff.tomwizard.textconv "tomwizard show --textconv"
  echo '*.toml diff=tomwizard' >> .gitattributes        then git diff / git log -p

Prints the document details, the change history, per category (in catalogue order) its
answers and measures (✓ implemented, ◷ planned, – not applicable, · open) with the
sentence the annex prints, the service providers, silenced check rules and conflicts.
The same document always gives the same text, whatever the file's layout.

exit codes:
  0  printed (with --textconv also for a file with problems: they are printed as
     '# ' lines before the file's text)
  1  the file has problems (each printed as FILE:LINE: key: message)
{_USAGE}

environment:
{_CATALOGUE_ENV}""",
    "merge": f"""\
examples:
  git config merge.tomwizard.driver "tomwizard merge %O %A %B %P"
  echo 'anlage-tom.toml merge=tomwizard' >> .gitattributes
  tomwizard merge alt.toml meins.toml deins.toml     merges deins.toml into meins.toml

exit codes:
  0  merged without conflicts (written into OURS)
  1  merged with conflicts (OURS kept where both changed; recorded in the file)
{_USAGE},
     or nothing merged and OURS unchanged: an input is unreadable or invalid,
     or has comments (see --discard-comments)

environment:
{_CATALOGUE_ENV}""",
    "check": f"""\
examples:
  tomwizard check tom.toml
  tomwizard check --format sarif vertraege/*.toml > tom.sarif
  tomwizard check --format github tom.toml        annotations in a GitHub Actions job
  tomwizard check --list-rules                    the rules, their ids and sources

Silence a rule for one document (the reason stays in the file):
  [silenced.password-periodic-change]
  reason = "Kompromittierungen sind technisch nicht erkennbar (ORP.4.A23)"

Own rules: *.toml files with [[rule]] tables in rules/ of a catalogue folder (the user
catalogue folder, TOMWIZARD_CATALOGUE or --catalogue); see questions/rules/.

exit codes:
  0  no findings
  1  findings, one line each: FILE:LINE: rule-id: message (source); or the
     catalogue or a rule file has errors
{_USAGE}

environment:
{_CATALOGUE_ENV}
{_LANGUAGE_ENV}""",
}
"""The text after the options, by command (``tomwizard`` for the command itself)."""
