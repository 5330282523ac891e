"""Text for a terminal: no control sequence from a statement ever reaches it.

Titles, file names, series names and theme labels come from files drift was given. Printed
as they are, ``ESC ] 0 ; title BEL`` renames the window, ``ESC ] 52 ; c ; ... BEL`` writes the
clipboard, ``ESC [ 2 J`` clears the screen, and 8-bit C1 codes (U+009B CSI, U+009D OSC) do the
same on some terminals. :func:`plain` removes every such sequence with its payload (CSI,
OSC, DCS, SOS, PM, APC, two-character ``ESC`` sequences, in 7-bit and 8-bit forms) and every
other control character except newline and tab; :class:`PlainText` applies it to a whole
text stream (the CLI wraps stdout and stderr in it, so every message and summary is clean).
The expression is linear: no nested or overlapping repetition.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

__all__ = ["PlainText", "one_line", "plain"]

_ST = "(?:\x07|\x1b\\\\|\x9c)"  # string terminator: BEL, ESC \ or 8-bit ST
_SEQUENCES = re.compile(
    # OSC, DCS, SOS, PM, APC: a string up to its terminator (or the end of the text)
    rf"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*{_ST}?"
    # CSI: parameters, intermediates, one final byte
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    # any other escape: intermediates and one final character
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
    # every other C0/C1 control but tab and newline, DEL
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _byte(match: re.Match[str]) -> str:
    """A character from a non-UTF-8 file name (``surrogateescape``) as the byte it was."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def plain(text: str) -> str:
    """``text`` without terminal control sequences or control characters (``\\n``, ``\\t`` kept).

    A byte of a file name that is not UTF-8 is shown as ``\\xNN``.

    >>> plain("Report \\x1b]0;pwned\\x07on \\x1b[31mcyber\\x1b[0m\\x9d52;c;aGk=\\x9c.\\r\\n")
    'Report on cyber.\\n'
    """
    return _SURROGATE.sub(_byte, _SEQUENCES.sub("", text))


def one_line(text: str) -> str:
    """``text`` on one line: every control character (newline too) shown escaped, not run.

    For messages naming a file: a file name holding a newline or an escape sequence stays one
    visible line, and the name can still be read.

    >>> print(one_line("a\\nb.txt: \\x1b]0;x\\x07 \\udcff"))
    a\\nb.txt: \\x1b]0;x\\x07 \\xff
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if "\ud800" <= char <= "\udfff":
            return _byte(match)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
            char, f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        )

    return _UNPRINTABLE.sub(escape, text)


class PlainText:
    """A text stream that writes :func:`plain` text to ``stream`` (``buffer`` left as is)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(plain(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
