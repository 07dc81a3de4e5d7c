"""Write service/settings.py's table into README.md between its settings markers (`make readme`)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- settings:start", "<!-- settings:end -->"


def rendered(text):
    """``text`` with whatever stands between the markers replaced by the current settings table."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from service.settings import markdown_table

    head, rest = text.split(START, 1)
    start_line, _, rest = rest.partition("\n")
    _, tail = rest.split(END, 1)
    return f"{head}{START}{start_line}\n{markdown_table()}{END}{tail}"


if __name__ == "__main__":
    README.write_text(rendered(README.read_text(encoding="utf-8")), encoding="utf-8")
