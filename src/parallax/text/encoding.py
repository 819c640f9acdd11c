"""Bytes to clean text: byte-order marks, UTF-16/32, legacy encodings detected, control characters removed.

``decode_text`` decides how a file or a body is decoded and says how sure it is: a BOM
is certain; strict UTF-8 is all but certain (other encodings rarely pass as UTF-8); a
declared charset is believed unless the detector (charset-normalizer) finds it reads
as noise where another encoding reads as language; with nothing declared, the detector
decides. ``clean_text`` removes what must never be stored or reach a terminal: control
characters other than newline and tab, and unpaired surrogates.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls but tab and newline (carriage returns are line ends, handled apart), DEL, C1 controls,
# unpaired surrogates, and the noncharacters U+FFFE/U+FFFF.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DETECT_SAMPLE = 200_000  # bytes the detector reads; enough to decide, bounded on huge files
_NOT_TEXT_SHARE = 0.05  # more replacement or control characters than this: binary, not text
_FALLBACK = "cp1252"
_BELIEVE_DECLARED = 0.1  # how much more noise a declared charset may read as than the detector's choice


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float  # 1.0 for a BOM or valid UTF-8; the detector's own measure otherwise
    how: str  # "bom", "utf-8", "declared", "detected", "guessed", "replaced"

    @property
    def note(self) -> str:
        """What is worth recording about the decision ("" for plain UTF-8)."""
        if self.how == "utf-8":
            return ""
        return f"encoding: {self.encoding} ({self.how}, confidence {self.confidence:.2f})"


def decode_text(data: bytes, declared: str = "", cut: bool = False) -> Decoded:
    """Text of ``data``; ``declared`` is a charset label the source gave (HTTP header, <meta>), if any.

    ``cut``: ``data`` is the first part of something longer, so a character split at its end is dropped.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding, 1.0, "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "utf-8")
    except UnicodeDecodeError as exc:
        if cut and exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return decode_text(data[: exc.start], declared)
    return _legacy(data, _known(declared))


def _legacy(data: bytes, declared: str) -> Decoded:
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_SAMPLE]
    best = next((m for m in from_bytes(sample) if _plausible(m.encoding, sample) and _decodes(data, m.encoding)),
                None)
    if declared and _decodes(data, declared):
        mess = _mess(sample, declared)
        if best is None or mess <= best.chaos + _BELIEVE_DECLARED:
            return Decoded(data.decode(declared), declared, round(1 - mess, 2), "declared")
    if _decodes(data, _FALLBACK) and (best is None or _mess(sample, _FALLBACK) <= best.chaos):
        # the detector cannot tell it from the web's commonest legacy encoding (short text often): take that
        return Decoded(data.decode(_FALLBACK), _FALLBACK, 0.5 if best else 0.3, "guessed")
    if best is not None:
        confidence = round((1 - best.chaos) * (0.5 + 0.5 * best.coherence), 2)
        return Decoded(data.decode(best.encoding), best.encoding, confidence, "detected")
    return Decoded(data.decode(declared or "utf-8", errors="replace"), declared or "utf-8", 0.0, "replaced")


def _plausible(encoding: str, sample: bytes) -> bool:
    """UTF-16/32 without a byte-order mark only where zero bytes show it (any ASCII in it has them)."""
    wide = encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32"))
    return not wide or b"\x00" in sample


def _mess(sample: bytes, encoding: str) -> float:
    from charset_normalizer import from_bytes

    found = from_bytes(sample, cp_isolation=[encoding]).best()
    return found.chaos if found is not None else 1.0


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _known(label: str) -> str:
    """The codec name of a charset label, or "" for a label Python does not know."""
    try:
        return codecs.lookup(label.strip()).name if label.strip() else ""
    except LookupError:
        return ""


def looks_binary(text: str) -> bool:
    """Whether decoded text is mostly replacement or control characters (a binary file)."""
    if not text:
        return False
    sample = text[:_DETECT_SAMPLE]
    bad = sample.count("\ufffd") + len(_UNWANTED.findall(sample))
    return bad > _NOT_TEXT_SHARE * len(sample)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with line ends unified and unwanted characters removed; and how many were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = _UNWANTED.subn("", text)
    return cleaned, removed
