"""Policy themes: the lexicon, sentence coding, theme change between statements, keyness.

Names are imported on first use: ``import policydrift.compare.themes`` loads no lexicon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydrift.corpus.lazy import lazy_exports

if TYPE_CHECKING:
    from policydrift.compare.themes.coding import code_statement, compare_themes
    from policydrift.compare.themes.frame import themes_frame
    from policydrift.compare.themes.lexicon import Lexicon, Theme, load_lexicon
    from policydrift.compare.themes.models import ThemeChange, ThemeComparison, ThemeHit

_WHERE = {
    "Lexicon": "policydrift.compare.themes.lexicon",
    "Theme": "policydrift.compare.themes.theme",
    "ThemeChange": "policydrift.compare.themes.models",
    "ThemeComparison": "policydrift.compare.themes.models",
    "ThemeHit": "policydrift.compare.themes.models",
    "code_statement": "policydrift.compare.themes.coding",
    "compare_themes": "policydrift.compare.themes.coding",
    "load_lexicon": "policydrift.compare.themes.lexicon",
    "themes_frame": "policydrift.compare.themes.frame",
}

__all__ = [
    "Lexicon",
    "Theme",
    "ThemeChange",
    "ThemeComparison",
    "ThemeHit",
    "code_statement",
    "compare_themes",
    "load_lexicon",
    "themes_frame",
]

__getattr__, __dir__ = lazy_exports("policydrift.compare.themes", _WHERE)
