#!/usr/bin/env python3
"""Turns run.sh's samples into the results table (printed and written to results.md)."""
import argparse
import datetime
import json
import os
import re
import statistics

HEADER = ("| notes | sitegen median s | hugo median s | ratio sitegen/hugo | sitegen warm-cache median s "
          "| ratio warm/hugo | sitegen unchanged median s | hugo unchanged median s | ratio unchanged/hugo "
          "| CPU s sitegen / warm / unchanged / hugo | sitegen peak RSS MB | hugo peak RSS MB "
          "| tree peak RSS MB sitegen / hugo | MB written sitegen / hugo | pages sitegen / hugo |\n"
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def load_samples(path):
    by = {}
    for line in open(path):
        if not line.strip():
            continue
        size, tool, run, secs, rss, rc, pages, cpu = (line.rstrip("\n").split("\t") + [""])[:8]
        if run == "0":  # warm-up
            continue
        by.setdefault((int(size), tool), []).append(
            {"secs": float(secs), "rss": int(rss or 0), "rc": int(rc), "pages": int(pages), "cpu": float(cpu or 0)})
    return by


def load_tree(path):
    peaks = {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.split()
            if len(parts) >= 3:
                peaks[(int(parts[0]), parts[1])] = int(parts[2])
    return peaks


def diagnostics_note(logs, size):
    log = os.path.join(logs, f"sitegen-{size}-1.log")
    if not os.path.exists(log):
        return None
    text = open(log, encoding="utf-8", errors="replace").read()
    errors, warnings = len(re.findall(r": error: ", text)), len(re.findall(r": warning: ", text))
    if not (errors or warnings):
        return None
    codes = sorted(set(re.findall(r"\[([\w-]+)\]\s*$", text, re.M)))
    return (f"- sitegen on {size} notes: {errors} errors, {warnings} warnings"
            f"{' (codes: ' + ', '.join(codes) + ')' if codes else ''}; first run's log: `{log}`.")


def steps_table(logs, sizes):
    """Seconds per sitegen build step, from the --report of the untimed tree-RSS run (empty cache)."""
    reports = {}
    for size in sizes:
        path = os.path.join(logs, f"sitegen-{size}-report.json")
        try:
            reports[size] = json.load(open(path))
        except (OSError, ValueError):
            continue
    if not reports:
        return ""
    steps = []
    for report in reports.values():
        for timing in report.get("timings", []):
            if timing.get("step") not in steps:
                steps.append(timing.get("step"))
    lines = ["", "", "sitegen seconds per build step (one untimed run, empty cache, from `--report`):", "",
             "| step | " + " | ".join(f"{size} notes" for size in reports) + " |",
             "|---|" + "---:|" * len(reports)]
    for step in steps + ["total"]:
        cells = []
        for report in reports.values():
            if step == "total":
                value = report.get("totalSeconds")
            else:
                value = next((t.get("seconds") for t in report.get("timings", []) if t.get("step") == step), None)
            cells.append(f"{value:.2f}" if isinstance(value, (int, float)) else "–")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    for name in ("samples", "tree-rss", "written", "logs", "out", "runs", "seed", "nproc", "cpu", "load",
                 "sitegen-version", "hugo-version", "swift-version"):
        ap.add_argument("--" + name, default="")
    a = ap.parse_args()
    by, tree, written = load_samples(a.samples), load_tree(a.tree_rss), load_tree(a.written)
    sizes = sorted({size for size, _ in by})
    med = lambda xs, key: statistics.median(x[key] for x in xs)  # noqa: E731
    mb = lambda kb: f"{kb / 1024:.0f}" if kb else "–"  # noqa: E731
    rows, notes = [HEADER], []
    for size in sizes:
        sg, warm, same, hg, hg_same = (by.get((size, t), []) for t in
                                       ("sitegen", "sitegen-warm", "sitegen-unchanged", "hugo", "hugo-unchanged"))
        if not sg or not hg:
            continue
        for tool, xs in (("sitegen", sg), ("sitegen-warm", warm), ("sitegen-unchanged", same), ("hugo", hg),
                         ("hugo-unchanged", hg_same)):
            bad = sorted({x["rc"] for x in xs if x["rc"] != 0})
            if bad:
                notes.append(f"- {tool} exited with {', '.join(map(str, bad))} on {size} notes "
                             f"(times still counted; see logs).")
        note = diagnostics_note(a.logs, size)
        if note:
            notes.append(note)
        sg_t, hg_t = med(sg, "secs"), med(hg, "secs")
        warm_t = f"{med(warm, 'secs'):.3f}" if warm else "–"
        warm_ratio = f"{med(warm, 'secs') / hg_t:.2f}" if warm else "–"
        same_t = f"{med(same, 'secs'):.3f}" if same else "–"
        hg_same_t = f"{med(hg_same, 'secs'):.3f}" if hg_same else "–"
        same_ratio = f"{med(same, 'secs') / hg_t:.3f}" if same else "–"
        cpu = " / ".join(f"{med(xs, 'cpu'):.2f}" if xs else "–" for xs in (sg, warm, same, hg))
        bytes_mb = " / ".join(f"{written[(size, t)] / 1e6:.0f}" if (size, t) in written else "–" for t in ("sitegen", "hugo"))
        rows.append(f"| {size} | {sg_t:.3f} | {hg_t:.3f} | {sg_t / hg_t:.2f} | {warm_t} | {warm_ratio} | {same_t} | {hg_same_t} | {same_ratio} | {cpu} "
                    f"| {mb(max(x['rss'] for x in sg))} | {mb(max(x['rss'] for x in hg))} "
                    f"| {mb(tree.get((size, 'sitegen'), 0))} / {mb(tree.get((size, 'hugo'), 0))} "
                    f"| {bytes_mb} | {sg[-1]['pages']} / {hg[-1]['pages']} |")
    table = "\n".join(rows) + steps_table(a.logs, sizes)
    print(table)
    for n in notes:
        print(n)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(a.out, "w") as f:
        f.write("# sitegen build vs Hugo\n\n")
        f.write(f"Generated by `benchmarks/site/run.sh` on {stamp}; corpus seed {a.seed}. Medians of {a.runs} timed "
                "runs per tool and size (one warm-up each, discarded), run alternating sitegen (empty cache), "
                "sitegen (warm cache, fresh output folder), sitegen unchanged (warm cache, the output folder the previous "
                "run wrote), hugo, hugo unchanged (into its previous output); ratio unchanged/hugo divides by Hugo's "
                "build from scratch (goal ≤ 0.15). CPU s: user + system from GNU time, node workers included (compare these "
                "on a busy machine). MB written: every file of one build's output (10^6 bytes). Peak RSS: largest `/usr/bin/time %M` of the timed runs (main process "
                "only); tree peak RSS: one extra run, RSS summed over the process tree (sitegen's node workers "
                "included), sampled every 20 ms. Ratio below 1 means sitegen is faster; goal ≤ 0.5 at 10,000 "
                "notes. See README.md for what each tool does.\n\n")
        f.write(table + "\n\n")
        if notes:
            f.write("\n".join(notes) + "\n\n")
        f.write(f"- machine: `nproc` = {a.nproc}, {a.cpu}; load average (1, 5, 15 min) {a.load}\n- sitegen: {a.sitegen_version} (release build)\n"
                f"- hugo: {a.hugo_version}\n- swift: {a.swift_version}\n")


if __name__ == "__main__":
    main()
