"""What :mod:`tomwizard.tomlread.file` says about a file it cannot read, in German and English.

TOML syntax errors come from :mod:`tomllib` in English; :func:`syntax_error` puts its known
messages into German for a German reader (an unknown one, e.g. of a later Python, stays as
tomllib wrote it: still correct, only not translated).
"""

from __future__ import annotations

import re
import stat

from tomwizard.languages import Language
from tomwizard.wording import Wording

SAY = Wording(
    "tomlfile",
    {
        "directory": ("ist ein Ordner, keine TOML-Datei", "is a directory, not a TOML file"),
        "not_regular": (
            "keine gewöhnliche Datei ({kind}); tomwizard liest nur gewöhnliche Dateien",
            "not a regular file ({kind}); tomwizard reads only regular files",
        ),
        "kind.folder": ("ein Ordner", "a folder"),
        "kind.pipe": ("eine benannte Pipe", "a named pipe"),
        "kind.device": ("ein Gerät", "a device"),
        "kind.socket": ("ein Socket", "a socket"),
        "kind.special": ("eine Spezialdatei", "a special file"),
        "no_file": ("Datei nicht gefunden", "no such file"),
        "no_permission": (
            "Zugriff verweigert: diese Datei darf nicht gelesen werden",
            "permission denied: cannot read this file",
        ),
        "unreadable": (
            "die Datei kann nicht gelesen werden: {reason}",
            "cannot read file: {reason}",
        ),
        "too_large": (
            "die Datei ist größer als {size} und wird nicht gelesen",
            "file is larger than {size}; refusing to read it",
        ),
        "bytes": ("{n} Bytes", "{n} bytes"),
        "utf8": (
            "kein gültiges UTF-8 (Byte {byte}); die Datei als UTF-8 speichern",
            "not valid UTF-8 (byte {byte}); save the file as UTF-8",
        ),
        "recursion": (
            "zu tief verschachtelt, um gelesen zu werden",
            "nested too deeply to be read",
        ),
        "syntax": ("TOML-Syntaxfehler: {detail}", "TOML syntax error: {detail}"),
        "int_range": (
            "Ganzzahl außerhalb des zulässigen Bereichs; TOML-Ganzzahlen liegen zwischen {low} "
            "und {high}",
            "integer out of range; TOML integers lie between {low} and {high}",
        ),
        "too_deep": (
            "mehr als {n} Ebenen tief verschachtelt (Tabellen oder Arrays ineinander); "
            "tomwizard-Dateien brauchen das nie",
            "nested more than {n} levels deep (tables or arrays inside each other); "
            "tomwizard files never need that",
        ),
    },
)

_TOMLLIB: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), german)
    for english, german in (
        (r"Invalid statement", "ungültige Anweisung"),
        (r"Expected '=' after a key in a key/value pair", "'=' nach dem Schlüssel erwartet"),
        (
            r"Expected '\]' at the end of a table declaration",
            "']' am Ende der Tabellenüberschrift erwartet",
        ),
        (
            r"Expected '\]\]' at the end of an array declaration",
            "']]' am Ende der Array-Überschrift erwartet",
        ),
        (
            r"Expected newline or end of document after a statement",
            "nach einer Anweisung wird ein Zeilenende oder das Dateiende erwartet",
        ),
        (r"Expected (?P<x>.+)", "erwartet: {x}"),
        (r"Found invalid character (?P<x>.+)", "ungültiges Zeichen {x}"),
        (r"Illegal character (?P<x>.+)", "unzulässiges Zeichen {x}"),
        (r"Cannot declare (?P<x>.+) twice", "{x} ist doppelt deklariert"),
        (r"Cannot overwrite a value", "ein Wert kann nicht überschrieben werden"),
        (
            r"Cannot mutate immutable namespace (?P<x>.+)",
            "der unveränderliche Namensraum {x} kann nicht erweitert werden",
        ),
        (
            r"Cannot redefine namespace (?P<x>.+)",
            "der Namensraum {x} kann nicht neu definiert werden",
        ),
        (
            r"Invalid initial character for a key part",
            "ungültiges erstes Zeichen eines Schlüsselteils",
        ),
        (r"Unclosed array", "nicht geschlossenes Array"),
        (r"Unclosed inline table", "nicht geschlossene Inline-Tabelle"),
        (
            r"Duplicate inline table key (?P<x>.+)",
            "doppelter Schlüssel {x} in einer Inline-Tabelle",
        ),
        (r"Unescaped '\\' in a string", "nicht maskiertes '\\' in einer Zeichenkette"),
        (r"Invalid hex value", "ungültiger Hexadezimalwert"),
        (
            r"Escaped character is not a Unicode scalar value",
            "das maskierte Zeichen ist kein Unicode-Skalarwert",
        ),
        (r"Unterminated string", "nicht abgeschlossene Zeichenkette"),
        (r"Invalid date or datetime", "ungültiges Datum oder ungültige Uhrzeit"),
        (r"Invalid value", "ungültiger Wert"),
    )
)
"""tomllib's messages (Python 3.11 to 3.13) and their German; the first that matches the whole
message is used, so the specific ``Expected …`` ones come before the general one."""


def file_kind(mode: int, lang: Language) -> str:
    """What a file that is no regular file is (``a named pipe``), in ``lang``."""
    if stat.S_ISDIR(mode):
        return SAY("kind.folder", lang)
    if stat.S_ISFIFO(mode):
        return SAY("kind.pipe", lang)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return SAY("kind.device", lang)
    if stat.S_ISSOCK(mode):
        return SAY("kind.socket", lang)
    return SAY("kind.special", lang)


def syntax_error(detail: str, lang: Language) -> str:
    """``TOML syntax error: detail`` in ``lang``; ``detail`` is tomllib's message (without its
    position) or one of ours (already in ``lang``)."""
    if lang == "de":
        for pattern, german in _TOMLLIB:
            match = pattern.fullmatch(detail)
            if match:
                detail = german.format(**match.groupdict())
                break
    return SAY("syntax", lang, detail=detail)
