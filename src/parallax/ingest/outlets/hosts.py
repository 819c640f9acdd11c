"""Hosts of article URLs, read defensively: malformed URLs, IDN and punycode, ports, IP addresses.

``parse_host`` never raises: a URL it cannot read gives a ``Host`` whose ``problem`` says why.
The registrable domain is found with a small rule instead of the full public-suffix list: under a
two-letter country domain, a second-level label such as ``co``, ``com`` or ``gov`` belongs to the
suffix (``bbc.co.uk``, ``abc.net.au``, ``folha.uol.com.br``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# second-level labels that registries under country domains use as part of the suffix
SECOND_LEVEL = frozenset(
    "ac co com edu gen go gob gouv gov govt gv in info int ltd me mil ne net nic nom or org plc press sch web".split()
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)  # urn:, mailto:, javascript:
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class Host:
    """A URL's host: ``name`` in ASCII (punycode), ``display`` in Unicode, and the URL's path."""

    name: str = ""  # "news.bbc.co.uk"; "" when there is none
    display: str = ""  # "пример.рф" for "xn--e1afmkfd.xn--p1ai"
    path: str = ""
    problem: str = ""  # why no usable host was found
    ip: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.name.split(".")) if self.name else ()

    @property
    def tld(self) -> str:
        return self.labels[-1] if self.labels else ""

    @property
    def registrable(self) -> str:
        """The domain one registers: 'bbc.co.uk' for 'news.bbc.co.uk', 'example.com' for 'm.example.com'."""
        labels = self.labels
        if self.ip or len(labels) < 2:
            return self.name
        size = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
        return ".".join(labels[-size:])

    @property
    def subdomains(self) -> tuple[str, ...]:
        """Labels before the registrable domain, www left out: ('arabic',) for arabic.rt.com."""
        extra = len(self.labels) - len(self.registrable.split("."))
        return tuple(label for label in self.labels[:extra] if label != "www") if extra > 0 else ()

    def parents(self) -> list[str]:
        """The host and each parent domain with two labels or more, most specific first."""
        labels = self.labels
        return [".".join(labels[i:]) for i in range(max(0, len(labels) - 1))]


def parse_host(url_or_domain: str) -> Host:
    """The host of a URL or bare domain; a ``Host`` with a ``problem`` when there is none."""
    text = (url_or_domain or "").strip()
    if not text:
        return Host(problem="no URL")
    other = _OTHER_SCHEME.match(text)
    if other and not _SCHEME.match(text):
        return Host(problem=f"not a web address (scheme {other.group(1).lower()!r})")
    try:
        parts = urlsplit(text if _SCHEME.match(text) else f"//{text}")
        raw = parts.hostname or ""
    except ValueError as exc:  # e.g. an unbalanced '[' in the host
        return Host(problem=f"malformed URL ({exc})")
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return Host(problem=f"not a web address (scheme {parts.scheme.lower()!r})")
    if not raw:
        return Host(problem="the URL has no host")
    return _host(raw, parts.path or "")


def _host(raw: str, path: str) -> Host:
    raw = raw.rstrip(".").lower()
    try:
        ipaddress.ip_address(raw)
        return Host(raw, raw, path, ip=True)
    except ValueError:
        pass
    name = raw.removeprefix("www.")
    try:
        ascii_name = ".".join(_to_ascii(label) for label in name.split("."))
    except UnicodeError:
        return Host(problem=f"host {raw!r} is not a valid domain name")
    if not all(_LABEL.match(label) for label in ascii_name.split(".")) or "." not in ascii_name:
        return Host(problem=f"host {raw!r} is not a valid domain name")
    return Host(ascii_name, ".".join(_to_unicode(label) for label in ascii_name.split(".")), path)


def _to_ascii(label: str) -> str:
    return label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")


def _to_unicode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except UnicodeError:
        return label


def first_path_segment(host: Host) -> str:
    """'ru' for https://www.dw.com/ru/..., lower-cased; '' when the path has none."""
    segment = host.path.strip("/").split("/", 1)[0]
    return segment.lower() if len(segment) <= 24 else ""
