"""Engine benchmark: suanpan against the regex floor and the peer engines, on the same texts, in one run.

    make bench-engine        (or: .venv/bin/python bench/engine.py [--seconds 5])

Each engine runs in its own process (bench/engine_worker.py): suanpan and the floor
with the project venv's python, the peers with bench/.venv's, so start-up time and
peak RSS are each engine's own. Prints, per engine: chars/s, the ratio to suanpan,
items found, start-up time, peak RSS, and its mention recall on the gold files
(../shared/corpus/gold) by span overlap alone and by span overlap with the same value.
Then, in the same run, suanpan and jionlp again on the two seed texts alone, for issue 2's
speed criterion (suanpan at least 3× the chars/s of jionlp.ner.extract_money there).
Writes bench/out/engine.json for bench/report.py.
"""

import argparse
import json
import math
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
OUT = HERE / "out"
PYTHONS = {"project": ROOT / ".venv" / "bin" / "python", "bench": HERE / ".venv" / "bin" / "python"}
sys.path.insert(0, str(HERE))

from engines import ENGINES  # noqa: E402

WORKER_TIMEOUT = 900  # seconds for one engine's whole run; a hung peer is reported, not waited on
SEED_ENGINES = ("suanpan", "jionlp")  # the two engines issue 2's speed criterion names
SEED_TARGET = 3  # issue 2: suanpan ≥ 3× jionlp.ner.extract_money's chars/s on the seeds


def seed_files():
    """The two seed texts, which issue 2's speed criterion is measured on."""
    return sorted((SHARED / "seeds").glob("*.txt"))


def corpus_files():
    """The benchmark texts: the seeds and the corpus documents."""
    return seed_files() + sorted((SHARED / "corpus" / "docs").glob("*.txt"))


def seeds_only(engines, seconds):
    """Issue 2's criterion: the named engines again, each in its own process, on the seeds alone."""
    files = seed_files()
    runs = {}
    for name in engines:
        print(f"… {name} on the seeds", end="", flush=True)
        res = run_engine(name, files, [], seconds)
        res.pop("gold_items", None)
        runs[name] = res
        print(
            f"\r  {name} on the seeds: "
            + (res["error"] if "error" in res else f"{res['chars_per_s']:,.0f} chars/s"),
            flush=True,
        )
    sp, jio = runs.get("suanpan"), runs.get("jionlp")
    ratio = (
        sp["chars_per_s"] / jio["chars_per_s"]
        if sp and jio and "error" not in sp and "error" not in jio
        else None
    )
    return {
        "criterion": f"suanpan ≥ {SEED_TARGET}× jionlp.ner.extract_money on the two seed texts",
        "texts": [str(f.relative_to(SHARED)) for f in files],
        "chars": sum(len(f.read_text(encoding="utf-8")) for f in files),
        "target": SEED_TARGET,
        "ratio": ratio,
        "met": None if ratio is None else ratio >= SEED_TARGET,
        "chars_per_s": {n: r.get("chars_per_s") for n, r in runs.items()},
        "results": [
            {
                k: r[k]
                for k in ("engine", "error", "passes", "seconds", "chars_per_s", "items", "errors")
                if k in r
            }
            for r in runs.values()
        ],
    }


def load_gold():
    """Gold files by document name, each mention with its text filled in (as tools/score.py reads them)."""
    gold = {}
    for f in sorted((SHARED / "corpus" / "gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        gold[g["doc"]] = g
    return gold


def close(a, b):
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def same_value(g, p):
    """tools/score.py's rule: the value, or min == max == value, or the same range ends."""
    if g.get("value") is not None:
        return close(g["value"], p["value"]) or (close(g["value"], p["min"]) and close(g["value"], p["max"]))
    return (
        (g.get("min") is None or close(g["min"], p["min"]))
        and (g.get("max") is None or close(g["max"], p["max"]))
        and (p["min"] is not None or p["max"] is not None)
    )


def overlap(a, b):
    return a["start"] is not None and a["start"] < b["end"] and b["start"] < a["end"]


def recall(gold, answers):
    """Gold mentions hit by an item that overlaps them (span) and that also has their value (value)."""
    n = span = value = 0
    for doc, g in gold.items():
        items = answers.get(doc, [])
        for m in g["mentions"]:
            n += 1
            near = [p for p in items if overlap(p, m)]
            span += bool(near)
            value += any(same_value(m, p) for p in near)
    return {"gold": n, "span": span / n if n else None, "value": value / n if n else None}


def strict_suanpan():
    """tools/score.py on suanpan itself: dimension and unit must match too; its summary line."""
    score = SHARED / "tools" / "score.py"
    if not score.exists():
        return None
    r = subprocess.run(
        [str(PYTHONS["project"]), str(score), "--python", "service:extract", str(SHARED / "corpus" / "gold")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in r.stdout.splitlines() if line.startswith("TOTAL")]
    return lines[-1] if lines else None


def run_engine(name, files, gold_docs, seconds):
    venv = ENGINES[name][0]
    python = PYTHONS[venv]
    if not python.exists():
        return {"engine": name, "error": f"{python.relative_to(ROOT)} missing: run `make bench-venv`"}
    out = OUT / f"worker-{name.replace(' ', '-')}.json"
    out.unlink(missing_ok=True)
    cmd = [
        str(python),
        str(HERE / "engine_worker.py"),
        name,
        "--seconds",
        str(seconds),
        "--out",
        str(out),
        "--texts",
        *map(str, files),
        "--gold-docs",
        *gold_docs,
    ]
    t = time.perf_counter()
    try:
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"engine": name, "error": f"no answer in {WORKER_TIMEOUT} s"}
    wall = time.perf_counter() - t
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return {"engine": name, "error": f"exit {r.returncode}: {tail}"[:400]}
    res = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    res["wall_s"] = wall
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="timed seconds per engine (at least one pass)")
    ap.add_argument("--engines", nargs="*", default=list(ENGINES))
    a = ap.parse_args()

    files = corpus_files()
    gold = load_gold()
    print(
        f"{len(files)} texts, {sum(len(f.read_text(encoding='utf-8')) for f in files):,} chars; "
        f"{len(gold)} gold docs, {sum(len(g['mentions']) for g in gold.values())} gold mentions",
        flush=True,
    )
    OUT.mkdir(exist_ok=True)
    results = []
    for name in a.engines:
        print(f"… {name}", end="", flush=True)
        res = run_engine(name, files, list(gold), a.seconds)
        res.update(venv=ENGINES[name][0], does=ENGINES[name][1], call=ENGINES[name][2])
        if "error" not in res:
            res["recall"] = recall(gold, res.pop("gold_items"))
            print(f"\r  {name}: {res['chars_per_s']:,.0f} chars/s", flush=True)
        else:
            print(f"\r  {name}: {res['error']}", flush=True)
        results.append(res)

    base = next((r for r in results if r["engine"] == "suanpan" and "error" not in r), None)
    print()
    print(
        f"{'engine':15} {'chars/s':>11} {'suanpan÷it':>10} {'items':>6} {'start-up':>9} "
        f"{'peak RSS':>9} {'recall span':>11} {'recall value':>12}"
    )
    for r in results:
        if "error" in r:
            print(f"{r['engine']:15} {r['error']}")
            continue
        r["suanpan_speedup"] = base["chars_per_s"] / r["chars_per_s"] if base else None
        rec = r["recall"]
        value = "n/a" if r["engine"] == "regex floor" else f"{rec['value']:.1%}"
        print(
            f"{r['engine']:15} {r['chars_per_s']:>11,.0f} {r['suanpan_speedup']:>9.2f}× {r['items']:>6} "
            f"{r['startup_s']:>8.2f}s {r['peak_rss_mib']:>6.0f}MiB {rec['span']:>11.1%} {value:>12}"
        )

    print()
    seeds = seeds_only([n for n in SEED_ENGINES if n in a.engines], a.seconds)
    if seeds["ratio"] is not None:
        cps = seeds["chars_per_s"]
        print(
            f"Seeds only (issue 2: suanpan ≥ {SEED_TARGET}× jionlp.ner.extract_money): "
            f"suanpan {cps['suanpan']:,.0f} chars/s, jionlp {cps['jionlp']:,.0f} chars/s → "
            f"{seeds['ratio']:.2f}× ({'met' if seeds['met'] else 'missed'})"
        )
    else:
        print("Seeds only (issue 2): not measured, needs both suanpan and jionlp to run")
    strict = strict_suanpan()
    if strict:
        print(f"\nsuanpan, tools/score.py (dimension and unit must match too): {strict}")

    OUT.mkdir(exist_ok=True)
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "revision": revision(),
        "command": "make bench-engine",
        "texts": [str(f.relative_to(SHARED)) for f in files],
        "seconds": a.seconds,
        "suanpan_strict": strict,
    }
    (OUT / "engine.json").write_text(
        json.dumps({"meta": meta, "results": results, "seeds": seeds}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"\nwrote {(OUT / 'engine.json').relative_to(ROOT)}")


def revision():
    """The commit measured, and whether the work tree differed from it (others may be editing)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "service"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" with uncommitted changes in service/" if dirty else "")


def machine():
    """One line: CPU model, cores, memory, kernel, Python."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {len(os.sched_getaffinity(0))} cores, {mem:.0f} GiB, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main()
