"""Write the template variable reference into docs/templates.md (between its markers).

    python scripts/update_template_docs.py

The reference is generated from the field descriptions in ``tomwizard/export/context.py``; a test
fails when the committed guide is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tomwizard.export.variables import variable_reference

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "templates.md"
START = "<!-- variables:start -->"
END = "<!-- variables:end -->"


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{GUIDE}: markers {START} / {END} not found", file=sys.stderr)
        return 1
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    GUIDE.write_text(f"{head}{START}\n{variable_reference()}\n{END}{tail}", encoding="utf-8")
    print(f"{GUIDE}: variable reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
