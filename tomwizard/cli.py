"""The ``tomwizard`` command.

Commands that do not open the wizard import neither Textual nor docxtpl: every command module is
imported only when its command runs.

Exit codes: 0 success, 1 the input has problems (each printed as ``FILE:LINE: key: message``),
2 wrong usage, 3 the Word template cannot be used, 4 the export check found text missing from the
document (nothing written), 5 the .docx was written but the PDF could not be made.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tomwizard import __version__
from tomwizard.commands.helptexts import EPILOGS
from tomwizard.commands.upkeep_cli import (
    add_report_options,
    add_upkeep_commands,
    dispatch_upkeep,
)
from tomwizard.locations import PathError

if TYPE_CHECKING:
    from tomwizard.catalogue.catalogue import Catalogue
    from tomwizard.catalogue.lazy import CachedCatalogue

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    catalogue_option: dict[str, Any] = {
        "metavar": "DIR",
        "action": "append",
        "type": Path,
        "default": argparse.SUPPRESS,
        "help": "an additional catalogue folder with own categories or measures "
        "(repeatable; also TOMWIZARD_CATALOGUE, several separated by "
        f"'{os.pathsep}')",
    }
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--catalogue", **catalogue_option)
    parser = argparse.ArgumentParser(
        prog="tomwizard",
        description="Document technical and organisational measures (TOM, Art. 32 GDPR) and "
        "export the annex to a data processing agreement.",
        epilog=EPILOGS["tomwizard"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # before the command: a dest of its own, else a --catalogue after the command replaces it
    parser.add_argument("--catalogue", dest="catalogue_before", **catalogue_option)
    parser.add_argument("--version", action="version", version=f"tomwizard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, description: str = "", **options: Any
    ) -> argparse.ArgumentParser:
        """A command with a description, and examples, exit codes and environment variables
        after its options."""
        text = description or f"{help_text[0].upper()}{help_text[1:]}."
        return commands.add_parser(
            name,
            help=help_text,
            description=textwrap.fill(text, 78),
            epilog=EPILOGS[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **options,
        )

    edit = command("edit", "open FILE in the wizard (new if it does not exist)", parents=[common])
    edit.add_argument("file", type=Path, metavar="FILE")

    validate = command(
        "validate",
        "check answers files; print completeness, or problems with line numbers",
        parents=[common],
    )
    validate.add_argument("files", type=Path, nargs="+", metavar="FILE")
    validate.add_argument(
        "--lang",
        choices=["de", "en"],
        help="language of the messages, the labels they name and the summary (default: "
        "ui_language of the settings, see 'tomwizard paths')",
    )
    add_report_options(validate)

    catalogue = command("catalogue", "list the categories and questions", parents=[common])
    catalogue.add_argument("--lang", choices=["de", "en"], default="de")
    catalogue.add_argument("--json", action="store_true", help="print the catalogue as JSON")
    catalogue.add_argument(
        "--find",
        metavar="TEXT",
        help="list the measures matching TEXT (label, search words, phrase, help; word parts "
        "inside compounds match); exit 0 with hits, 1 without",
    )

    export = command(
        "export",
        "write the Word annex (.docx) of answers files",
        "Write the Word annex of each FILE. The document is checked before it is "
        "written: nothing is written if any answer would be missing from it.",
        parents=[common],
    )
    export.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="answers files, or folders (every .toml file in them)",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.docx",
        help="where to write the annex (default: FILE with .docx instead of .toml)",
    )
    export.add_argument(
        "--template",
        default="anlage",
        metavar="NAME|PATH.docx",
        help="'anlage' (checklist, default), 'prosa' (prose), 'tabelle' (technical and "
        "organisational measures side by side), an own template's name, or the path of a "
        ".docx template",
    )
    export.add_argument(
        "--lang", choices=["de", "en"], help="language of the annex (default: the document's)"
    )
    export.add_argument("--pdf", action="store_true", help="also write a PDF (needs LibreOffice)")
    export.add_argument(
        "--draft",
        action="store_true",
        help="export a document marked final although required answers are missing, marked "
        "as a draft (without it such a document is refused with exit code 6)",
    )
    export.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="export several files in N processes at once (default: one per core)",
    )

    template = command("template", "work with Word templates")
    template_commands = template.add_subparsers(dest="template_command", metavar="ACTION")
    template_commands.required = True
    init = template_commands.add_parser(
        "init",
        help="copy a built-in template and the list of template variables into DIR, to restyle",
        description="Copy a built-in template and the list of template variables into DIR, "
        "to restyle in Word or LibreOffice.",
        epilog=EPILOGS["template"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("directory", type=Path, metavar="DIR")
    init.add_argument("--template", choices=["anlage", "prosa", "tabelle"], default="anlage")
    init.add_argument("--lang", choices=["de", "en"], default="de")
    init.add_argument("--force", action="store_true", help="replace files that exist")
    listing = template_commands.add_parser(
        "list",
        help="show the available templates",
        description="Show the built-in and own templates and their files.",
        epilog=EPILOGS["template"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listing.add_argument("--lang", choices=["de", "en"], default="de")

    schema = command("schema", "print the JSON Schema of a file format")
    schema.add_argument(
        "kind",
        nargs="?",
        choices=["answers", "category", "catalogue"],
        default="answers",
        help="answers file (default), catalogue category file, or catalogue.toml",
    )

    serve = command(
        "serve",
        "serve the wizard on FILE in a web browser (new if it does not exist)",
        "Serve the wizard on FILE in a web browser: every browser tab that opens the address "
        "gets the wizard, as 'tomwizard edit FILE' shows it in a terminal, and exported "
        "files are downloaded by the browser. There is no login: the server listens on this "
        "computer only (127.0.0.1) unless --host says otherwise.",
        parents=[common],
    )
    serve.add_argument("file", type=Path, metavar="FILE")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; any other "
        "lets everybody who reaches the port edit FILE)",
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="the port to listen on (default: 8000)"
    )

    add_upkeep_commands(command, common)
    command("paths", "show where tomwizard keeps its files")
    completion = command("completion", "print a shell completion script (bash, zsh or fish)")
    completion.add_argument("shell", choices=["bash", "zsh", "fish"])
    return parser


def _port(text: str) -> int:
    """A TCP port number (for ``--port``)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except PathError as exc:  # "~nobody/…" in TOMWIZARD_HOME and the like
        print(f"tomwizard: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("TOMWIZARD_DEBUG"):
            raise
        print(
            f"tomwizard: internal error ({exc.__class__.__name__}: {exc}). Please report it; "
            "set TOMWIZARD_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def has_terminal() -> bool:
    """Whether the wizard can run: Textual reads keys from the process's standard input and
    draws on its standard error, so both must be a terminal."""
    for stream in (sys.__stdin__, sys.__stderr__):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return False
        except (OSError, ValueError):  # closed, or no file descriptor
            return False
    return True


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve starts the wizard with (``tomwizard serve``)."""


def in_browser() -> bool:
    """Whether the wizard was started for a browser by ``tomwizard serve``: it then talks to
    the browser through its standard input and output, which are no terminal."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def _dispatch(args: argparse.Namespace) -> int:
    extra = [*getattr(args, "catalogue_before", []), *getattr(args, "catalogue", [])]
    if args.command == "validate":
        from tomwizard.commands.validate import run_validate

        return run_validate(
            args.files, extra, args.lang, output_format=args.format, strict=args.strict
        )
    upkept = dispatch_upkeep(args, extra)
    if upkept is not None:
        return upkept
    if args.command == "catalogue":
        from tomwizard.commands.catalogue import run_catalogue

        return run_catalogue(extra, args.lang, as_json=args.json, find=args.find)
    if args.command == "export":
        if args.output is not None and (len(args.files) > 1 or args.files[0].is_dir()):
            build_parser().error("-o/--output needs exactly one FILE")
        if args.jobs is not None and args.jobs < 1:
            build_parser().error("-j/--jobs needs a number of at least 1")
        from tomwizard.commands.export import run_export

        return run_export(
            args.files,
            extra,
            output=args.output,
            template=args.template,
            lang=args.lang,
            pdf=args.pdf,
            jobs=args.jobs,
            draft=args.draft,
        )
    if args.command == "template":
        from tomwizard.commands.template import run_template_init, run_template_list

        if args.template_command == "init":
            return run_template_init(args.directory, args.template, args.lang, force=args.force)
        return run_template_list(args.lang)
    if args.command == "schema":
        from tomwizard.schema import schema_text

        sys.stdout.write(schema_text(args.kind))
        return EXIT_OK
    if args.command == "completion":
        from tomwizard.commands.completion import completion_script

        sys.stdout.write(completion_script(args.shell, build_parser()))
        return EXIT_OK
    if args.command == "serve":
        from tomwizard.commands.serve import run_serve

        return run_serve(args.file, extra, args.host, args.port)
    if args.command == "paths":
        from tomwizard.locations import describe

        for name, path in describe().items():
            print(f"{name + ':':24} {path}")
        return EXIT_OK
    if not has_terminal() and not in_browser():
        # without one, Textual would read end-of-file in a loop, at full CPU, forever
        print(
            "tomwizard: tomwizard edit needs a terminal; use validate/export for scripts",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from tomwizard.catalogue.lazy import cached_catalogue
    from tomwizard.locations import extra_catalogue_dirs

    # a cached catalogue is loaded by the wizard after its first frame; else here, where its
    # problems are printed like any command's
    catalogue: Catalogue | CachedCatalogue | None = cached_catalogue(extra_catalogue_dirs(extra))
    if catalogue is None:
        from tomwizard.commands import load_catalogue_or_report

        catalogue = load_catalogue_or_report(extra)
    if catalogue is None:
        return EXIT_PROBLEMS
    from tomwizard.tui import run_wizard

    return run_wizard(catalogue, args.file if args.command == "edit" else None)
