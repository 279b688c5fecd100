"""Web addresses as people write them (IRIs: umlauts, quotes) turned into URIs.

A rule's ``help_uri`` goes into SARIF's ``helpUri``, which must be a URI (RFC 3986: ASCII
letters, digits and a few punctuation characters, everything else percent-encoded); an author
naturally writes ``https://wiki.example.org/Maßnahme_"A"``. Encoding it is what a browser does
with such an address (RFC 3987 §3.1), so the page stays the same: the rule model stores the
encoded form, and every format (text, JSON, SARIF) prints that one form.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_AUTHORITY_SAFE = "-._~!$&'()*+,;=:@[]%"
"""What may stay in ``//user@host:port`` (brackets: an IPv6 literal)."""
_REST_SAFE = "-._~!$&'()*+,;=:@/?#%"
"""What may stay in the path, query and fragment."""
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SPLIT = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*:)?(//[^/?#]*)?(.*)", re.DOTALL)


def as_uri(text: str) -> str:
    """``text`` as a URI: a non-ASCII host name in its IDNA form (``xn--…``), every other
    character a URI may not contain percent-encoded as UTF-8, a ``%`` that starts no
    ``%XX`` escape included. A URI comes back unchanged, so encoding twice does no harm."""
    match = _SPLIT.fullmatch(text)
    assert match is not None  # every part is optional, and the last one takes anything
    scheme, authority, rest = match.group(1) or "", match.group(2) or "", match.group(3)
    if authority:
        authority = "//" + _encode(_idna_host(authority[2:]), _AUTHORITY_SAFE)
    before, hash_, fragment = rest.partition("#")
    rest = _encode(before, _REST_SAFE) + hash_ + _encode(fragment, _REST_SAFE.replace("#", ""))
    return scheme + authority + rest


def _encode(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


def _idna_host(authority: str) -> str:
    """The authority with a non-ASCII host name in IDNA form; a name IDNA cannot take (a
    label over 63 characters) stays as it is and is percent-encoded, which RFC 3986 allows."""
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.rpartition(":") if ":" in hostport else (hostport, "", "")
    if host.isascii() or host.startswith("["):
        return authority
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return authority
    return f"{userinfo}{at}{ascii_host}{colon}{port}"
