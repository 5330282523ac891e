"""The similarity model of the alignment: evidence, calibration, stages, embeddings.

- :mod:`~policydrift.compare.linking.evidence`: the evidence of a sentence pair (characters,
  rarity-weighted words, containment, the opening guard, meaning) and the calibrated link
  confidence with its bands;
- :mod:`~policydrift.compare.linking.stages`: every pair scored in two stages (words, then
  meaning where it can decide something), and the rewordings found in the gaps;
- :mod:`~policydrift.compare.linking.recipe`: the alignment recipe with the model (called by
  :func:`policydrift.compare.align.align` for ``scorer="model"``);
- :mod:`~policydrift.compare.linking.semantic`: sentence embeddings from models shipped inside
  their packages.

Names are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.linking.evidence import band, confidence, features
    from policydrift.compare.linking.recipe import model_align
    from policydrift.compare.linking.semantic import embed

_WHERE = {
    "band": "policydrift.compare.linking.evidence",
    "confidence": "policydrift.compare.linking.evidence",
    "features": "policydrift.compare.linking.evidence",
    "model_align": "policydrift.compare.linking.recipe",
    "embed": "policydrift.compare.linking.semantic",
}

__all__ = ["band", "confidence", "embed", "features", "model_align"]

__getattr__, __dir__ = lazy_exports("policydrift.compare.linking", _WHERE)
