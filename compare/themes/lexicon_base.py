"""What the theme lexicon and the strength lexicon share: how a user file extends the built-in
lexicon, what a merged lexicon is called, and the built-in lexicons kept as built.

Both kinds of lexicon are frozen dataclasses with ``name``, ``version``, ``sources``,
``digest`` and ``extend``. Building a built-in lexicon from its YAML (parsing, checking every
pattern, translating it) costs about a tenth of a second, on every run; :func:`builtin_lexicon`
keeps it as built (with its regular expressions compiled), as JSON in the user cache folder
(:class:`policydrift.corpus.derived_cache.DerivedStore`), keyed by the YAML file's bytes and
the source of the code that builds it, so that any change to either rebuilds it. A missing,
corrupt or unwritable entry only means the lexicon is built from its YAML, as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from policydrift.corpus.errors import DriftError

CACHE_FORMAT = 2


class LexiconLike(Protocol):
    name: str
    version: str
    sources: tuple[str, ...]
    digest: str
    extend: bool


L = TypeVar("L", bound=LexiconLike)


def text_digest(text: str) -> str:
    """The short digest of a lexicon file's text that outputs record.

    >>> text_digest("themes: []")
    'f9ab9830b9b1'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def identity(lexicon: LexiconLike) -> dict[str, Any]:
    """``name``, ``version``, ``sources`` and ``digest``: how an output names its lexicon."""
    return {
        "name": lexicon.name,
        "version": lexicon.version,
        "sources": list(lexicon.sources),
        "digest": lexicon.digest,
    }


def merged_identity(base: LexiconLike, extra: LexiconLike) -> dict[str, Any]:
    """``name``, ``version``, ``sources`` and ``digest`` of ``base`` extended by ``extra``."""
    digest = hashlib.sha256(f"{base.digest}+{extra.digest}".encode()).hexdigest()[:12]
    return {
        "name": f"{base.name}+{extra.name}",
        "version": f"{base.version}+{extra.version}",
        "sources": base.sources + extra.sources,
        "digest": digest,
    }


def load_extended(
    builtin: L,
    path: str | Path | None,
    *,
    parse: Callable[..., L],
    merge: Callable[[L, L], L],
    error: type[DriftError],
    what: str,
    extend: bool = True,
) -> L:
    """``builtin``, or the user file at ``path`` (read and checked by ``parse``, failing with
    ``error``) extending it with ``merge``, or standing alone when ``extend`` is off or the
    file says ``extend: false``."""
    if path is None:
        return builtin
    from policydrift.compare.themes.lexicon_file import read_lexicon_file

    text = read_lexicon_file(path, error=error, what=what)
    user = parse(text, source=str(path))
    return merge(builtin, user) if extend and user.extend else user


@functools.cache
def _code_fingerprint() -> str:
    """sha256 of the source of the modules that build lexicons (theme and strength)."""
    compare = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"lexicon cache {CACHE_FORMAT}\0".encode())
    for folder in ("themes", "shifts"):
        for source in sorted((compare / folder).glob("*.py")):
            digest.update(f"{folder}/{source.name}\0".encode() + source.read_bytes() + b"\0")
    return digest.hexdigest()


def builtin_lexicon(
    kind: str,
    file: Path,
    build: Callable[[str], L],
    encode: Callable[[L], Any],
    decode: Callable[[Any], L],
    expressions: Callable[[L], list[str]] = lambda lexicon: [],
) -> L:
    """The built-in lexicon in ``file`` as ``build`` makes it from the file's text, kept
    between runs as ``encode`` writes it (JSON values) and ``decode`` reads it back, with
    its regular ``expressions`` kept compiled (:mod:`policydrift.compare.themes.expressions`)."""
    from policydrift.compare.themes.expressions import KEY, expressions_to_json, remember
    from policydrift.corpus.derived_cache import DerivedStore, digest

    data = file.read_bytes()
    key = digest(kind, hashlib.sha256(data).hexdigest(), _code_fingerprint(), KEY)
    store = DerivedStore("lexicons")
    stored = store.get(key)
    if stored is not None:
        try:
            found = json.loads(stored)
            remember(found["expressions"])
            return decode(found["lexicon"])
        except (ValueError, KeyError, TypeError, IndexError):
            pass  # not what this code writes: build it again below
    lexicon = build(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    compiled = expressions_to_json(expressions(lexicon))
    remember(compiled)
    kept = {"lexicon": encode(lexicon), "expressions": compiled}
    store.put(key, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
    return lexicon
