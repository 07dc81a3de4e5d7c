"""Scaling and adversarial benchmark of ``service.extract``: time against size, and the cost per character of hostile inputs.

    make bench-scale        (or: .venv/bin/python bench/scaling.py [--only NAME...])

Ordinary reports (the seeds and corpus documents, concatenated and cut) from 1 KB to
4 MB of UTF-8, then adversarial inputs of about 100 000 characters each. Every case runs
in its own process with a time limit, so one pathological input is reported as such
instead of stalling the run. For each: characters, seconds of CPU time (best of a few
calls for small inputs), µs per character, that cost relative to ordinary reports of the same
length, mentions found, peak RSS. Writes bench/out/scaling.json for bench/report.py.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
OUT = HERE / "out"
CASE_TIMEOUT = 300  # seconds for one case, start-up included
ADVERSARIAL_CHARS = 100_000
SIZES = [1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20]  # UTF-8 bytes


def ordinary(n_bytes, *, newlines=True):
    """The corpus, repeated and cut to ``n_bytes`` of UTF-8 (on a character boundary)."""
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus" / "docs").glob("*.txt"))
    corpus = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    if not newlines:
        corpus = corpus.replace("\r", "").replace("\n", "")
    data = corpus.encode("utf-8")
    data = data * (n_bytes // len(data) + 1)
    return data[:n_bytes].decode("utf-8", "ignore")


def ordinary_chars(n_chars, **kw):
    return ordinary(n_chars * 4, **kw)[:n_chars]


def repeat(piece, n_chars=ADVERSARIAL_CHARS):
    return (piece * (n_chars // len(piece) + 1))[:n_chars]


def repeat_bytes(piece, n_bytes=1 << 20):
    """``piece`` repeated to ``n_bytes`` of UTF-8."""
    return repeat(piece, n_bytes // len(piece.encode("utf-8")) * len(piece))


MIXED = "计划销售10套，完成8套，其中住宅5套（其中别墅2套），合计xx户，增长50%，10-20元；"
NO_CLAUSE_ENDS = str.maketrans("", "", "，,；;：:。！？!?\n")


def counting(sep, n_chars=ADVERSARIAL_CHARS):
    """``1,2,3,…`` up to ``n_chars``; ``sep`` a string or a cycle of separators."""
    seps = sep if isinstance(sep, list) else [sep]
    parts, size, i = [], 0, 1
    while size < n_chars:
        s = str(i) + seps[i % len(seps)]
        parts.append(s)
        size += len(s)
        i += 1
    return "".join(parts)[:n_chars]


# name: (what it is, builder). Adversarial ones are about ADVERSARIAL_CHARS long.
ADVERSARIAL = {
    "ordinary 100k chars": (
        "the corpus, cut to 100 000 characters (the reference)",
        lambda: ordinary_chars(ADVERSARIAL_CHARS),
    ),
    "100 000 digits": ("one run of digits, no separator", lambda: repeat("1234567890")),
    "一二三 repeated": ("Chinese digits without a scale", lambda: repeat("一二三")),
    "万万万": ("a scale word alone, repeated", lambda: repeat("万")),
    "件件件": ("a measure word with no number", lambda: repeat("件")),
    "xx户 repeated": ("template blanks, one every three characters", lambda: repeat("xx户")),
    "共销售套 repeated": ("a blank with a sales cue", lambda: repeat("共销售套，")),
    "1,2,3,…": ("counting, ASCII commas", lambda: counting(",")),
    "1,2、3，4.5;…": ("counting, mixed separators", lambda: counting([",", "、", "，", ".", ";", " "])),
    "1.2.3.4…": ("dotted digits (versions, dates)", lambda: repeat("1.2.3.4.5.6.7.8.9.")),
    "百分之 repeated": ("a percent word with no number", lambda: repeat("百分之")),
    "三万余条 repeated": ("approximate counts, back to back", lambda: repeat("三万余条")),
    "12.5%12.5%…": ("percentages back to back", lambda: repeat("12.5%")),
    "增长12.5%，": ("a KPI clause repeated", lambda: repeat("同比增长12.5%，")),
    # many figures in one long clause, each asking about its cue words (issue 10): these were
    # quadratic, since every figure listed the cue words of the whole clause
    "销售10套 repeated": (
        "cue-dense: one clause of sales figures, no punctuation",
        lambda: repeat("销售10套"),
    ),
    "销售10套剩余5套": ("cue-dense: sold and left pairs in one clause", lambda: repeat("销售10套剩余5套")),
    "计划销售10套": ("target and sales cues in one clause", lambda: repeat("计划销售10套")),
    "新进员工12名": ("staff cues in one clause (hires beat headcount)", lambda: repeat("新进员工12名")),
    "销售面积10平方米": ("gap cues (销售…面积) in one clause", lambda: repeat("销售面积10平方米")),
    "收入10万": ("bare 万 figures in a money clause", lambda: repeat("收入10万")),
    "2020年销售10套": ("periods and figures in one clause", lambda: repeat("2020年销售10套")),
    "销售10-20套": ("ranges in one clause", lambda: repeat("销售10-20套")),
    "销售xx套": ("blanks in one clause with a sales cue", lambda: repeat("销售xx套")),
    "依次为10件": ("ranking words among figures in one clause", lambda: repeat("依次为10件")),
    "从10套到20套": ("from…to pairs in one clause", lambda: repeat("从10套到20套")),
    "共计10件，其中": ("其中 markers, each after a total", lambda: repeat("共计10件，其中")),
    "合计10件其中5件": ("total and 其中 in one clause", lambda: repeat("合计10件其中5件")),
    "其中5件 repeated": ("其中 markers back to back, each with one part", lambda: repeat("其中5件")),
    "在所有投诉中10件": ("scope markers (在…中) with figures", lambda: repeat("在所有投诉中10件")),
    "1.2万 repeated": ("figures with a scale word, back to back", lambda: repeat("1.2万")),
    "one cell per line": (
        "a table pasted one cell per line, one long block",
        lambda: repeat("销量（台）\n12\n34\n"),
    ),
    "heading units": (
        "a heading's unit before bare items, repeated",
        lambda: repeat("投诉分类（件）：① 质量 42 "),
    ),
    "50% repeated": ("bare percentages back to back", lambda: repeat("50%")),
    "long clauses": (
        "a report with its clause punctuation removed",
        lambda: ordinary_chars(ADVERSARIAL_CHARS * 2).translate(NO_CLAUSE_ENDS)[:ADVERSARIAL_CHARS],
    ),
    "headings": (
        "a section heading and a sales line, repeated",
        lambda: repeat("\n一、销售情况\n销售10套。"),
    ),
    "mixed": (
        "targets, 其中 in brackets, blanks, percentages and ranges",
        lambda: repeat(MIXED),
    ),
    "one line, 100k chars": (
        "the corpus with every line break removed",
        lambda: ordinary_chars(ADVERSARIAL_CHARS, newlines=False),
    ),
    "one line, 1 MB": (
        "the corpus with every line break removed, 1 MB of UTF-8",
        lambda: ordinary(1 << 20, newlines=False),
    ),
    "ordinary 1 MB": (
        "the corpus, 1 MB of UTF-8 (reference for the lines above and below)",
        lambda: ordinary(1 << 20),
    ),
    # 1 MB of UTF-8 of the densest shapes above (issue 10: any 1 MB input in under 2 s)
    # (named as their 100 000-character row plus ", 1 MB": bench/report.py compares the two)
    "销售10套 repeated, 1 MB": ("cue-dense, 1 MB of UTF-8", lambda: repeat_bytes("销售10套")),
    "共计10件，其中, 1 MB": ("其中 markers, 1 MB of UTF-8", lambda: repeat_bytes("共计10件，其中")),
    "1.2万 repeated, 1 MB": ("figures with a scale word, 1 MB of UTF-8", lambda: repeat_bytes("1.2万")),
    "50% repeated, 1 MB": ("bare percentages, 1 MB of UTF-8", lambda: repeat_bytes("50%")),
}


def up_to_cap(piece):
    """``piece`` repeated to just under the service's mention cap, the rest of 1 MB with no figure.

    A client that knows the cap sends the costliest figures it allows: this is the most a
    1 MB request can make a worker spend on the answer it does get."""
    from service import extract

    per_piece = len(extract(piece * 10)["mentions"]) / 10
    body = piece * int((service_cap() - 1) / per_piece)
    return body + repeat_bytes("件", (1 << 20) - len(body.encode("utf-8")))


def service_cap():
    from service.settings import defaults

    return defaults()["MAX_MENTIONS"]


# 1 MB inputs as the service runs them: with its default cap on mentions (SUANPAN_MAX_MENTIONS),
# the reader stops at the cap and the request gets 422, so no worker spends long on them; the
# inputs that stay under the cap are answered in full.
AS_SERVED = {
    f"{name}, as served": (f"{what}, with the service's cap on mentions", build)
    for name, (what, build) in ADVERSARIAL.items()
    if name.endswith(", 1 MB") and not name.startswith("one line")  # (the dense ones)
}
# the costliest shapes per mention, each sent up to the cap (name: what, the piece repeated)
TO_THE_CAP = {
    "其中": ("其中 markers back to back", "其中5件"),
    "共计10件，其中": ("totals and 其中", "共计10件，其中"),
    "在所有投诉中10件": ("scope markers with figures", "在所有投诉中10件"),
    "mixed": ("the mixed case", MIXED),
}
AS_SERVED.update(
    {
        f"{name} to the cap, as served": (
            f"{what} up to the cap, the rest of 1 MB with no figure",
            lambda piece=piece: up_to_cap(piece),
        )
        for name, (what, piece) in TO_THE_CAP.items()
    }
)


def size_name(n):
    return f"{n >> 20} MB" if n >= 1 << 20 else f"{n >> 10} KB"


CASES = {
    f"ordinary {size_name(n)}": (f"the corpus, {n:,} bytes of UTF-8", lambda n=n: ordinary(n)) for n in SIZES
}
CASES.update(ADVERSARIAL)
CASES.update(AS_SERVED)


def measure(name):
    """Run one case in this process: build it, time ``extract`` on it, return the numbers."""
    sys.path.insert(0, str(ROOT))
    from service import extract
    from service.engine import TooManyMentions

    extract("上半年共销售住宅128套，实现销售收入3.2亿元，同比增长12.5%。")
    text = CASES[name][1]()
    cap = service_cap() if name in AS_SERVED else None
    times, answer, refused = [], None, False
    budget_end = time.perf_counter() + 2.0
    while not times or (len(times) < 5 and time.perf_counter() < budget_end):
        t = time.process_time()  # CPU time: the machine is shared, and wall time counts others' turns
        try:
            answer = extract(text, max_mentions=cap)
        except TooManyMentions:
            refused = True  # the service's 422: the reader stopped at the cap
        times.append(time.process_time() - t)
    best = min(times)
    if refused:
        answer = {"mentions": [], "kpis": [], "placeholders": []}
    return {
        "case": name,
        "what": CASES[name][0],
        "chars": len(text),
        "bytes": len(text.encode("utf-8", "surrogatepass")),
        "seconds": best,
        "calls": len(times),
        "us_per_char": best / len(text) * 1e6 if text else None,
        "mentions": len(answer["mentions"]),
        "kpis": len(answer["kpis"]),
        "placeholders": len(answer["placeholders"]),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **({"cap": cap, "refused": refused} if cap else {}),
    }


def run_case(name):
    out = OUT / "scaling-case.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--one", name, "--out", str(out)]
    try:
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=CASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"case": name, "what": CASES[name][0], "error": f"no answer in {CASE_TIMEOUT} s"}
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return {"case": name, "what": CASES[name][0], "error": f"exit {r.returncode}: {tail}"[:400]}
    res = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", help="case names (default: all)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        Path(a.out).write_text(json.dumps(measure(a.one), ensure_ascii=False), encoding="utf-8")
        return

    OUT.mkdir(exist_ok=True)
    names = a.only or list(CASES)
    results = {}
    for name in names:
        print(f"… {name}", end="", flush=True)
        results[name] = r = run_case(name)
        print(f"\r  {name}: {r.get('error') or format(r['seconds'], '.3f') + ' s'}", flush=True)

    # The reference cost per character: ordinary text of the same length, else the nearest size.
    ref = {
        r["chars"]: r["us_per_char"]
        for r in results.values()
        if r["case"].startswith("ordinary") and "error" not in r
    }

    def reference(chars):
        return ref[min(ref, key=lambda c: abs(c - chars))] if ref else None

    print()
    print(
        f"{'case':24} {'chars':>10} {'seconds':>9} {'µs/char':>8} {'× ordinary':>10} {'mentions':>8} "
        f"{'peak RSS':>9}"
    )
    for r in results.values():
        if "error" in r:
            print(f"{r['case']:24} {r['error']}")
            continue
        rr = reference(r["chars"])
        r["vs_ordinary"] = r["us_per_char"] / rr if rr else None
        print(
            f"{r['case']:24} {r['chars']:>10,} {r['seconds']:>9.3f} {r['us_per_char']:>8.2f} "
            f"{r['vs_ordinary']:>9.2f}× {r['mentions']:>8} {r['peak_rss_mib']:>6.0f}MiB"
        )
    sys.path.insert(0, str(HERE))
    from engine import machine, revision

    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "revision": revision(),
        "command": "make bench-scale",
    }
    # A partial run (--only) does not replace the full one that BENCHMARKS.md is made from.
    out = OUT / ("scaling-partial.json" if a.only else "scaling.json")
    out.write_text(
        json.dumps({"meta": meta, "results": list(results.values())}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
