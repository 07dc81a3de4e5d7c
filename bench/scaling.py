"""Scaling and adversarial benchmark of ``service.extract``: time against size, and the cost per character of hostile inputs.

    make bench-scale        (or: .venv/bin/python bench/scaling.py [--only NAME...])

Ordinary reports (the seeds and corpus documents, concatenated and cut) from 1 KB to
4 MB of UTF-8, then adversarial inputs of about 100 000 characters each. Every case runs
in its own process with a time limit, so one pathological input is reported as such
instead of stalling the run. For each: characters, seconds (best of a few calls for
small inputs), µs per character, that cost relative to ordinary reports of the same
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
    "ordinary 100k chars": ("the corpus, cut to 100 000 characters (the reference)",
                            lambda: ordinary_chars(ADVERSARIAL_CHARS)),
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
    "one line, 100k chars": ("the corpus with every line break removed",
                             lambda: ordinary_chars(ADVERSARIAL_CHARS, newlines=False)),
    "one line, 1 MB": ("the corpus with every line break removed, 1 MB of UTF-8",
                       lambda: ordinary(1 << 20, newlines=False)),
    "ordinary 1 MB": ("the corpus, 1 MB of UTF-8 (reference for the line above)",
                      lambda: ordinary(1 << 20)),
}


def size_name(n):
    return f"{n >> 20} MB" if n >= 1 << 20 else f"{n >> 10} KB"


CASES = {f"ordinary {size_name(n)}": (f"the corpus, {n:,} bytes of UTF-8", lambda n=n: ordinary(n))
         for n in SIZES}
CASES.update(ADVERSARIAL)


def measure(name):
    """Run one case in this process: build it, time ``extract`` on it, return the numbers."""
    sys.path.insert(0, str(ROOT))
    from service import extract

    extract("上半年共销售住宅128套，实现销售收入3.2亿元，同比增长12.5%。")
    text = CASES[name][1]()
    times, answer = [], None
    budget_end = time.perf_counter() + 2.0
    while not times or (len(times) < 5 and time.perf_counter() < budget_end):
        t = time.perf_counter()
        answer = extract(text)
        times.append(time.perf_counter() - t)
    best = min(times)
    return {"case": name, "what": CASES[name][0], "chars": len(text),
            "bytes": len(text.encode("utf-8", "surrogatepass")), "seconds": best, "calls": len(times),
            "us_per_char": best / len(text) * 1e6 if text else None,
            "mentions": len(answer["mentions"]), "kpis": len(answer["kpis"]),
            "placeholders": len(answer["placeholders"]),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


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
    ref = {r["chars"]: r["us_per_char"] for r in results.values()
           if r["case"].startswith("ordinary") and "error" not in r}

    def reference(chars):
        return ref[min(ref, key=lambda c: abs(c - chars))] if ref else None

    print()
    print(f"{'case':24} {'chars':>10} {'seconds':>9} {'µs/char':>8} {'× ordinary':>10} {'mentions':>8} "
          f"{'peak RSS':>9}")
    for r in results.values():
        if "error" in r:
            print(f"{r['case']:24} {r['error']}")
            continue
        rr = reference(r["chars"])
        r["vs_ordinary"] = r["us_per_char"] / rr if rr else None
        print(f"{r['case']:24} {r['chars']:>10,} {r['seconds']:>9.3f} {r['us_per_char']:>8.2f} "
              f"{r['vs_ordinary']:>9.2f}× {r['mentions']:>8} {r['peak_rss_mib']:>6.0f}MiB")
    sys.path.insert(0, str(HERE))
    from engine import machine, revision

    meta = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine(), "revision": revision(),
            "command": "make bench-scale"}
    # A partial run (--only) does not replace the full one that BENCHMARKS.md is made from.
    out = OUT / ("scaling-partial.json" if a.only else "scaling.json")
    out.write_text(json.dumps({"meta": meta, "results": list(results.values())}, ensure_ascii=False,
                              indent=1), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
