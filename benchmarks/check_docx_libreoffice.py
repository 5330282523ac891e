"""Read drift's Word export back in LibreOffice: accept all changes, reject all changes.

Not part of ``make test`` (LibreOffice is large): a one-off check of the second reader the issue
names, beside the pandoc round trips in tests/reports/redline. Run with the system Python that
has LibreOffice's UNO bridge (Debian: ``apt-get install libreoffice-writer-nogui python3-uno``):

    /usr/bin/python3 benchmarks/check_docx_libreoffice.py

For every sample pair (as in tests/reports/redline/conftest.py) it writes the .docx with the
project's own ``.venv``, opens it in a headless LibreOffice, counts the tracked changes LibreOffice
sees, runs Accept All / Reject All and compares the body text (white space collapsed) with the new
and the old statement. Comment references are removed from a copy first: this headless build
(7.4, no GUI) crashes on any document with a comment when loaded over UNO, pandoc's own
included; comments carry no statement text.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import uno  # LibreOffice's bridge, from the system Python
from com.sun.star.beans import PropertyValue

REPO = Path(__file__).resolve().parents[1]
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
HEADING = "The new text, with the changes"
EXPORT = """
import json, sys
sys.path.insert(0, "tests/reports/redline")
from conftest import PAIRS, comparison_of, side_text
from policydrift.reports.redline.docx import comparison_to_docx
out = sys.argv[1]
cases = []
for n, pair in enumerate(PAIRS):
    c = comparison_of(*pair)
    path = f"{out}/{n:02d}.docx"
    open(path, "wb").write(comparison_to_docx(c))
    cases.append({"pair": f"{pair[0].name[:10]} {pair[1].name[:10]} ({pair[0].parent.name})",
                  "path": path, "new": side_text(c, "new"), "old": side_text(c, "old")})
json.dump(cases, open(f"{out}/cases.json", "w"))
"""


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def without_comments(path: str) -> str:
    data = Path(path).read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = path.replace(".docx", ".nc.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = re.sub(r'<w:r><w:commentReference w:id="\d+" /></w:r>', "", body.decode())
                text = re.sub(r'<w:commentRange(Start|End) w:id="\d+" />', "", text)
                body = text.encode()
            z.writestr(info, body)
    return out


def main() -> int:
    folder = tempfile.mkdtemp(prefix="drift-lo-")
    subprocess.run([str(VENV_PYTHON), "-c", EXPORT, folder], cwd=REPO, check=True)
    cases = json.loads(Path(folder, "cases.json").read_text())
    port = 2300 + os.getpid() % 500
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{folder}/profile",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    failed = 0
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(240):
            try:
                ctx = resolver.resolve(
                    f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.5)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for case in cases:
            got = {}
            url = uno.systemPathToFileUrl(without_comments(case["path"]))
            for mode, command in (("new", ".uno:AcceptAllTrackedChanges"),
                                  ("old", ".uno:RejectAllTrackedChanges")):  # fmt: skip
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                seen = doc.getRedlines().getCount()
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
                text = doc.getText().getString()
                doc.close(True)
                got[mode] = " ".join(text.split(HEADING, 1)[1].split())
            ok = got["new"] == case["new"] and got["old"] == case["old"]
            failed += not ok
            if not ok and os.environ.get("SHOW"):
                import difflib

                for side in ("new", "old"):
                    a, b = got[side], case[side]
                    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
                    for tag, i1, i2, j1, j2 in m.get_opcodes():
                        if tag != "equal":
                            print(
                                "  ",
                                side,
                                tag,
                                repr(a[i1 - 30 : i2 + 30]),
                                repr(b[j1 - 30 : j2 + 30]),
                            )
            print(f"{'ok ' if ok else 'BAD'} {case['pair']}: {seen} tracked changes; "
                  f"accept = new {got['new'] == case['new']}, reject = old {got['old'] == case['old']}")  # fmt: skip
    finally:
        office.terminate()
        office.wait(timeout=60)
    print(
        f"{len(cases) - failed} of {len(cases)} pairs: LibreOffice accept gives the new text, reject the old"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
