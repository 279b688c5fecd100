"""What a Word file may hold: checked in a template before docxtpl reads it, and in the rendered
annex before it is written.

A .docx is a zip archive of parts. docxtpl passes every part of a template into the annex, so
whatever a template carries, the annex carries:

- **size**: a small file can unpack to gigabytes. :func:`read_parts` reads every part with a limit
  on each and on all together, counting the bytes really read, not the sizes the archive claims;
- **a DTD** (``<!DOCTYPE``) in an XML part can declare external entities (files or addresses a
  reader fetches) or entities that expand to gigabytes; Word documents never need one;
- **macros and ActiveX controls** (``vbaProject.bin``, macro-enabled content types);
- **relationships to outside targets** (``TargetMode="External"``) other than hyperlinks: an
  attached template Word fetches when it opens the annex, linked images LibreOffice fetches while
  it makes the PDF, linked objects and data sources;
- **fields that bring in outside content** (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``,
  ``DDE``, ``DATABASE``, ...): Word fetches a file or address when it updates them, and the annex
  would then show what nobody stated in it.

:func:`unsafe_content` lists what is found; nothing of it is ever removed silently.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from io import BytesIO
from typing import Any

from tomwizard.export.words import PACKAGE, TEMPLATE, mib
from tomwizard.languages import Language

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_HYPERLINK_TYPES = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink",  # strict OOXML
    }
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FETCHING_FIELDS = frozenset(
    {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "DATABASE"}
)
"""Word fields whose result comes from a file, an address or another program."""
_FIELD = re.compile(r"\s*([A-Za-z]+)\s*(.*)", re.DOTALL)
_ACTIVE_NAMES = ("vbaproject.bin", "vbadata.xml")
_ACTIVE_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex")
CONTENT_TYPES_PART = "[Content_Types].xml"
_CHUNK = 1024 * 1024


class PackageProblem(Exception):
    """The archive cannot be used; the message says why."""


def read_parts(
    data: bytes, *, max_part: int, max_total: int, max_parts: int, messages: Language = "en"
) -> dict[str, bytes]:
    """The parts of the zip archive ``data`` by name, read with limits: at most ``max_parts``
    parts, each at most ``max_part`` bytes and all together at most ``max_total`` bytes once
    unpacked. Both the sizes the archive states and the bytes really unpacked are checked, so an
    archive that understates its sizes gains nothing. Raises :class:`PackageProblem` (worded in
    ``messages``)."""
    lang = messages
    together = PACKAGE("all_parts", lang)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > max_parts:
                raise PackageProblem(PACKAGE("parts", lang, count=len(infos), limit=max_parts))
            stated = sum(info.file_size for info in infos)
            for info in infos:
                if info.file_size > max_part:
                    raise PackageProblem(_too_large(info.filename, info.file_size, max_part, lang))
            if stated > max_total:
                raise PackageProblem(_too_large(together, stated, max_total, lang))
            parts: dict[str, bytes] = {}
            total = 0
            for info in infos:
                chunks: list[bytes] = []
                size = 0
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > max_part:
                            raise PackageProblem(_too_large(info.filename, size, max_part, lang))
                        if total > max_total:
                            raise PackageProblem(_too_large(together, total, max_total, lang))
                        chunks.append(chunk)
                parts[info.filename] = b"".join(chunks)
    except PackageProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise PackageProblem(TEMPLATE("not_docx", lang, reason=exc)) from None
    except RuntimeError as exc:  # encrypted, or an unknown compression method
        raise PackageProblem(PACKAGE("cannot_unpack", lang, reason=exc)) from None
    except Exception as exc:  # zlib.error and the like: damaged compressed data
        raise PackageProblem(PACKAGE("damaged", lang, reason=exc)) from None
    return parts


def _too_large(what: str, size: int, limit: int, lang: Language) -> str:
    shown = f"{mib(size, lang, 1)} MiB" if size < 2**40 else PACKAGE("huge", lang)
    return PACKAGE("too_large", lang, what=what, size=shown, limit=mib(limit, lang))


def unsafe_content(
    parts: Mapping[str, bytes],
    roots: Mapping[str, Any] | None = None,
    messages: Language = "en",
) -> list[str]:
    """What in the Word file's ``parts`` must not be passed on, in ``messages``: DTDs, macros
    and ActiveX controls, relationships to outside targets other than hyperlinks. ``roots`` are
    XML parts already parsed (by name); the others are parsed here (a part that is not
    well-formed is left to the caller's own check)."""
    parsed = dict(roots or {})

    def root(name: str) -> Any:
        if name not in parsed:
            parsed[name] = _parse_or_none(parts[name])
        return parsed[name]

    types = _content_types(root(CONTENT_TYPES_PART) if CONTENT_TYPES_PART in parts else None)
    problems: list[str] = []
    for name in parts:
        content_type = types(name)
        lowered = (name.rsplit("/", 1)[-1]).lower()
        if lowered in _ACTIVE_NAMES or any(word in content_type.lower() for word in _ACTIVE_TYPES):
            kind = content_type or "vbaProject"
            problems.append(PACKAGE("macros", messages, name=name, kind=kind))
        if not _is_xml(name, content_type):
            continue
        tree = root(name)
        if tree is None:
            continue
        if _has_doctype(tree):
            problems.append(PACKAGE("dtd", messages, name=name))
        if name.endswith(".rels"):
            problems.extend(_external_targets(name, tree, messages))
        else:
            problems.extend(_fetching_fields(name, tree, messages))
    return problems


def _parse_or_none(raw: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        return None


def _has_doctype(root: Any) -> bool:
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None


def _content_types(root: Any) -> Callable[[str], str]:
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if root is not None:
        for element in root.iter(f"{_CONTENT_TYPES}Default"):
            defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        for element in root.iter(f"{_CONTENT_TYPES}Override"):
            overrides[element.get("PartName", "").lstrip("/").lower()] = element.get(
                "ContentType", ""
            )

    def content_type(name: str) -> str:
        found = overrides.get(name.lower())
        if found is not None:
            return found
        return defaults.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")

    return content_type


def _is_xml(name: str, content_type: str) -> bool:
    kind = content_type.lower().split(";")[0].strip()
    return name.lower().endswith((".xml", ".rels", ".svg")) or kind.endswith(("+xml", "/xml"))


def _external_targets(name: str, root: Any, lang: Language) -> Iterator[str]:
    for element in root.iter(_RELATIONSHIPS):
        mode = (element.get("TargetMode") or "").strip().lower()
        kind = element.get("Type") or ""
        if mode != "external" or kind in _HYPERLINK_TYPES:
            continue
        what = kind.rstrip("/").rsplit("/", 1)[-1] or "relationship"
        target = element.get("Target") or ""
        if len(target) > 80:
            target = target[:79] + "…"
        yield PACKAGE("external", lang, name=name, what=what, target=target)


def _fetching_fields(name: str, root: Any, lang: Language) -> Iterator[str]:
    """The fields of the WordprocessingML part ``root`` that bring in outside content: simple
    fields (``w:fldSimple``) and complex ones (``w:fldChar`` begin, the instruction in one or
    more ``w:instrText`` runs, separate, result, end; fields may nest)."""
    instructions: list[str] = []
    open_fields: list[list[str] | None] = []  # per open field: its instruction, None once read
    for element in root.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText"):
        if element.tag == f"{_W}fldSimple":
            instructions.append(element.get(f"{_W}instr") or "")
        elif element.tag == f"{_W}instrText":
            if open_fields and open_fields[-1] is not None:
                open_fields[-1].append(element.text or "")
        else:
            kind = element.get(f"{_W}fldCharType")
            if kind == "begin":
                open_fields.append([])
            elif kind in ("separate", "end") and open_fields:
                pieces = open_fields[-1]
                if pieces is not None:
                    instructions.append("".join(pieces))
                    open_fields[-1] = None
                if kind == "end":
                    open_fields.pop()
    for instruction in instructions:
        match = _FIELD.match(instruction)
        if match is None or match.group(1).upper() not in _FETCHING_FIELDS:
            continue
        target = " ".join(match.group(2).split())
        if len(target) > 80:
            target = target[:79] + "…"
        yield PACKAGE("field", lang, name=name, field=match.group(1).upper(), target=target)
