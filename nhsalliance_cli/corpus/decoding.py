"""A text file's bytes as text: UTF-8, else by its byte-order mark, else as a detector
(charset-normalizer) reads it, with Windows-1252 as the fallback; or not at all.

Pure functions of the bytes, so that a file is decoded the same way by the index, when its
text is read back, and without an index: offsets index the decoded text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

UTF8 = "UTF-8"
UNDECODABLE = "undecodable"
FALLBACK = "cp1252"
_BOMS = (  # the longer first: a UTF-32 mark begins like a UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters no text holds (tab, line ends and form feed aside).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NAMES = {"utf-16": "UTF-16", "utf-32": "UTF-32", "latin_1": "ISO-8859-1"}


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was read in: UTF-8, another encoding's name
    (``windows-1252``, ``UTF-16``), or :data:`UNDECODABLE` with an empty text."""

    text: str
    encoding: str = UTF8
    # Where UTF-8 decoding first failed: (offset, byte); None for UTF-8 text.
    first_bad: tuple[int, int] | None = None


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes (see the module's doc)."""
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        bad = (e.start, data[e.start])
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data.decode(codec), name_of(codec), bad)
            except UnicodeDecodeError:
                return Decoded("", UNDECODABLE, bad)
    if b"\x00" in data:  # binary, or UTF-16 without its mark: no sensible text either way
        return Decoded("", UNDECODABLE, bad)
    codec = detected(data)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return Decoded("", UNDECODABLE, bad)
    if len(_CONTROL_RE.findall(text)) > len(text) // 100:
        return Decoded("", UNDECODABLE, bad)
    return Decoded(text, name_of(codec), bad)


def detected(data: bytes) -> str:
    """The codec charset-normalizer finds most likely. Short texts fit several equally
    well: among the best, Windows-1252 is taken when it is one of them (the usual case of
    an English or Western European text saved on Windows), and it is the fallback."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return FALLBACK
    least = min(m.chaos for m in matches)
    best = [m for m in matches if m.chaos == least]
    for m in best:
        if m.encoding == FALLBACK or FALLBACK in m.could_be_from_charset:
            return FALLBACK
    return str(best[0].encoding)


def name_of(codec: str) -> str:
    """A codec's usual name: cp1252 as windows-1252, utf-16 as UTF-16."""
    if codec in _NAMES:
        return _NAMES[codec]
    if re.fullmatch(r"cp125\d", codec):
        return "windows-" + codec[2:]
    return codec.replace("_", "-")
