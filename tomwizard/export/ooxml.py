"""Spell on/off switches the way the Open XML SDK (and so Word's validator) expects.

Office suites other than Word write ``<w:cantSplit w:val="true"/>``; the SDK accepts only
``on``/``off`` (or no value) for several of these switches and reports the document as invalid.
A template restyled in LibreOffice would therefore give an annex that Word's checks reject.
:func:`normalise_switches` rewrites the values of the switch elements of every WordprocessingML
part: a true value is dropped (the switch alone means on), a false one becomes ``off``.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

_SWITCHES = (
    "b|bCs|i|iCs|caps|smallCaps|strike|dstrike|outline|shadow|emboss|imprint|noProof|"
    "snapToGrid|vanish|webHidden|specVanish|keepNext|keepLines|pageBreakBefore|widowControl|"
    "suppressLineNumbers|suppressAutoHyphens|kinsoku|wordWrap|overflowPunct|topLinePunct|"
    "autoSpaceDE|autoSpaceDN|bidi|adjustRightInd|contextualSpacing|mirrorIndents|"
    "suppressOverlap|cantSplit|tblHeader|hidden|noWrap|tcFitText|hideMark|titlePg|rtlGutter|"
    "formProt|bidiVisual|rtl|cs|vertAnchor"
)
_TRUE = re.compile(rf'(<w:(?:{_SWITCHES})\b[^>]*?)\s+w:val="(?:true|1)"')
_FALSE = re.compile(rf'(<w:(?:{_SWITCHES})\b[^>]*?\s+w:val=)"(?:false|0)"')
_PART = re.compile(r"^word/[^/]+\.xml$")


def normalise_switches(data: bytes) -> bytes:
    """``data`` (a .docx) with its switch values spelt as the SDK expects; unchanged parts keep
    their bytes, the archive keeps its order."""
    source = zipfile.ZipFile(BytesIO(data))
    changed: dict[str, bytes] = {}
    for name in source.namelist():
        if not _PART.match(name):
            continue
        text = source.read(name).decode("utf-8")
        fixed = _FALSE.sub(r'\1"off"', _TRUE.sub(r"\1", text))
        if fixed != text:
            changed[name] = fixed.encode("utf-8")
    if not changed:
        return data
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, changed.get(info.filename, source.read(info.filename)))
    return out.getvalue()
