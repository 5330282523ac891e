"""Write compare/spelling_en.tsv: British -> American spellings, from the breame word list.

breame (Charles Pierse, Apache-2.0, https://github.com/cdpierse/breame) lists 1,730 British
spellings with their American forms. This script keeps the pairs of plain lowercase words and
writes them sorted, one ``british<TAB>american`` pair a line, under a header naming the source.
Run once by hand (``pip install breame``); drift itself does not depend on breame.
"""

from __future__ import annotations

import re
from pathlib import Path

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

OUT = Path(__file__).resolve().parents[1] / "compare" / "spelling_en.tsv"
_WORD = re.compile(r"[a-z]+")


def main() -> None:
    pairs = sorted(
        (b, a)
        for b, a in BRITISH_ENGLISH_SPELLINGS.items()
        if _WORD.fullmatch(b) and _WORD.fullmatch(a) and a != b
    )
    header = (
        "# British -> American spellings, one pair a line (british<TAB>american).\n"
        "# From breame 0.1.2 (Charles Pierse, Apache-2.0, https://github.com/cdpierse/breame);\n"
        "# written by benchmarks/make_spelling_list.py.\n"
    )
    OUT.write_text(header + "".join(f"{b}\t{a}\n" for b, a in pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
