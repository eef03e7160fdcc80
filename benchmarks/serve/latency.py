#!/usr/bin/env python3
"""Edit-to-reload latency: `sitegen serve` against `hugo server` on generated corpora.

    latency.py --sitegen BIN --work DIR --out results.md [--sizes 1000 10000] [--edits 20] [--seed 1]

For each size, both servers run side by side on their own copy of one generated corpus
(benchmarks/site/generate_corpus.py). One note is edited `--edits` times, taking turns between the
tools and cycling through three kinds of edit (a word in a paragraph, a heading, a display formula, each
with a new token so every edit changes the page). For each edit it records, from the moment before the
file is written:

- message: until the server's reload message reaches the client (sitegen: the `reload` server-sent
  event on /__sitegen/events; Hugo: the `reload` command on its LiveReload WebSocket), and
- page: until, after that message, the edited page has been fetched and holds the new token.

One warm-up edit per tool is left out. Peak RSS is the peak of the summed RSS of the server and its
child processes (sitegen's KaTeX node workers), sampled every 50 ms from start to stop, so it includes the
first build. sitegen runs with `--timings`; the median time per build step of its timed rebuilds is
reported too.
Needs websocket-client (a dependency of selenium: run it with .build/test-venv/bin/python).
"""

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import websocket  # websocket-client

HERE = Path(__file__).resolve().parent
SITE_BENCH = HERE.parent / "site"
KINDS = ("word", "heading", "formula")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_kb(root):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
        except OSError:
            pass
        stack.extend(parents.get(pid, []))
    return total


class PeakRSS(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0, threading.Event()

    def run(self):
        while not self.stopped.wait(0.05):
            self.peak = max(self.peak, tree_rss_kb(self.pid))


class Reloads(threading.Thread):
    """Reads a server's reload messages and keeps the time each one arrived."""

    def __init__(self):
        super().__init__(daemon=True)
        self.times = queue.Queue()

    def wait_after(self, start, timeout):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                t = self.times.get(timeout=remaining)
            except queue.Empty:
                return None
            if t >= start:
                return t

    def drain(self):
        while not self.times.empty():
            self.times.get_nowait()


class SitegenReloads(Reloads):
    def __init__(self, port):
        super().__init__()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=None)
        self.connection.request("GET", "/__sitegen/events")
        self.response = self.connection.getresponse()

    def run(self):
        while True:
            line = self.response.fp.readline()
            if not line:
                return
            if line == b"event: reload\n":
                self.times.put(time.monotonic())


class HugoReloads(Reloads):
    def __init__(self, port):
        super().__init__()
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}/livereload", timeout=None)
        self.socket.send(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))

    def run(self):
        while True:
            try:
                message = self.socket.recv()
            except Exception:
                return
            arrived = time.monotonic()
            try:
                if json.loads(message).get("command") == "reload":
                    self.times.put(arrived)
            except ValueError:
                pass


class Tool:
    def __init__(self, name, command, cwd, ready, port, page):
        self.name, self.port, self.page = name, port, page
        self.log = open(cwd / f"{name}.log", "w")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                        start_new_session=True)
        self.rss = PeakRSS(self.process.pid)
        self.rss.start()
        started = time.monotonic()
        for line in self.process.stdout:
            if ready in line:
                break
        else:
            raise SystemExit(f"{name} did not start; see {cwd / (name + '.log')}")
        self.startup = time.monotonic() - started
        # Keep reading stdout so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        self.fetch()  # Hugo's fast render mode re-renders the pages that were visited
        self.reloads = SitegenReloads(port) if name == "sitegen" else HugoReloads(port)
        self.reloads.start()

    def fetch(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.page}", timeout=600) as response:
            return response.read()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.rss.stopped.set()
        self.rss.join()


def edited(original, kind, token):
    """The note with one change of `kind` carrying `token` (digits, so it survives typesetting)."""
    lines = original.split("\n")
    body = lines.index("---", 1) + 1
    for i in range(body, len(lines)):
        line = lines[i]
        if kind == "heading" and line.startswith("## "):
            lines[i] = f"## 标题{token} {line[3:]}"
            break
        if kind == "word" and line and not re.match(r"[#|\-\d$`>\s]", line):
            lines[i] = f"{line} 编辑{token}"
            break
        if kind == "formula" and line == "$$":
            lines[i + 1] = f"{lines[i + 1]} + {token}"
            break
    else:
        raise SystemExit(f"no place for a {kind} edit")
    return "\n".join(lines)


def measure_edit(tool, note, original, kind, token, timeout):
    text = edited(original, kind, token)
    tool.reloads.drain()
    start = time.monotonic()
    note.write_text(text, encoding="utf-8")
    while True:
        message = tool.reloads.wait_after(start, timeout - (time.monotonic() - start))
        if message is None:
            return None
        body = tool.fetch()
        if str(token).encode() in body:
            return message - start, time.monotonic() - start


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_size(args, size, samples, rows, steps):
    work = Path(args.work) / f"serve-{size}"
    corpus = Path(args.work) / f"corpus-{size}"
    if not corpus.exists():
        subprocess.run([sys.executable, SITE_BENCH / "generate_corpus.py", "--notes", str(size), "--seed", str(args.seed),
                        "--out", str(corpus)], check=True)
    shutil.rmtree(work, ignore_errors=True)
    (work / "sitegen").mkdir(parents=True)
    shutil.copytree(corpus, work / "sitegen" / "notes")
    shutil.copytree(SITE_BENCH / "hugo-skeleton", work / "hugo")
    shutil.copytree(corpus, work / "hugo" / "content")
    notes = sorted(p.relative_to(corpus) for p in corpus.rglob("*.md"))
    chosen = notes[len(notes) // 2]
    page = "/" + str(chosen.with_suffix("")) + "/"
    print(f"== {size} notes: editing {chosen}", file=sys.stderr)

    sitegen_port, hugo_port = free_port(), free_port()
    tools = [
        Tool("sitegen", [args.sitegen, "serve", "--port", str(sitegen_port), "--notes", "notes", "--out", "public",
                         "--timings"],
             work / "sitegen", "Serving ", sitegen_port, page),
        Tool("hugo", ["hugo", "server", "--source", ".", "--port", str(hugo_port), "--bind", "127.0.0.1"],
             work / "hugo", "Web Server is available", hugo_port, page),
    ]
    files = {"sitegen": work / "sitegen" / "notes" / chosen, "hugo": work / "hugo" / "content" / chosen}
    original = files["sitegen"].read_text(encoding="utf-8")
    results = {tool.name: [] for tool in tools}
    for round in range(args.edits + 1):  # round 0 is the warm-up
        kind = KINDS[round % len(KINDS)]
        for tool in tools:
            token = 9_000_000 + size * 100 + round
            measured = measure_edit(tool, files[tool.name], original, kind, token, args.timeout)
            if measured is None:
                print(f"  {tool.name}: no reload with the edit within {args.timeout} s (edit {round}, {kind})", file=sys.stderr)
            elif round > 0:
                results[tool.name].append((kind,) + measured)
                samples.append({"size": size, "tool": tool.name, "edit": round, "kind": kind,
                                "message": measured[0], "page": measured[1]})
            time.sleep(args.pause)
        print(f"  edit {round} ({kind}) done", file=sys.stderr)
    for tool in tools:
        tool.stop()
        measured = results[tool.name]
        rows.append({
            "size": size, "tool": tool.name, "n": len(measured), "startup": tool.startup,
            "message": [m for _, m, _ in measured], "page": [p for _, _, p in measured],
            "by_kind": {k: [p for kk, _, p in measured if kk == k] for k in KINDS},
            "rss_kb": tool.rss.peak,
        })

    # Where a rebuild's time goes: the step timings `serve --timings` printed for the timed rebuilds
    # (the first block is the initial build, the second the warm-up edit's rebuild).
    # A refresh of the edited page prints its own block (starting with its first step, `reuse notes`);
    # whole-site rebuilds stopped for a newer edit print none.
    log = (work / "sitegen" / "sitegen.log").read_text(encoding="utf-8").splitlines()
    for kind, prefix, skip in (("rebuild", "  discover notes ", 2), ("refresh", "  reuse notes ", 1)):
        per_step = {}
        blocks = [line for line in log if line.startswith(prefix)]
        for block in blocks[skip:]:
            total = 0.0
            for item in block.strip().split(", "):
                name, seconds = item.rsplit(" ", 1)
                per_step.setdefault(name, []).append(float(seconds))
                total += float(seconds)
            per_step.setdefault("total", []).append(total)
        steps.setdefault(kind, {})[size] = {step: statistics.median(v) for step, v in per_step.items()}
        steps.setdefault(kind + " count", {})[size] = len(blocks[skip:])


def ms(seconds):
    return f"{seconds * 1000:,.0f}"


def write_results(args, rows, steps, out):
    lines = [
        "# Edit-to-reload latency: `sitegen serve` vs `hugo server`",
        "",
        f"Generated by `benchmarks/serve/run.sh` on {time.strftime('%Y-%m-%d')}; {args.machine}.",
        f"{args.edits} edits per tool and size (after one warm-up), cycling word / heading / formula; corpus seed {args.seed}.",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores.",
        "",
        "| notes | tool | edits | reload message p50 | p95 | new page fetched p50 | p95 | first build | peak RSS (tree) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if not r["n"]:
            lines.append(f"| {r['size']:,} | {r['tool']} | 0 | – | – | – | – | {r['startup']:.1f} s | {r['rss_kb'] / 1024:,.0f} MB |")
            continue
        lines.append(
            f"| {r['size']:,} | {r['tool']} | {r['n']} | {ms(percentile(r['message'], 50))} ms | {ms(percentile(r['message'], 95))} ms "
            f"| {ms(percentile(r['page'], 50))} ms | {ms(percentile(r['page'], 95))} ms | {r['startup']:.1f} s "
            f"| {r['rss_kb'] / 1024:,.0f} MB |")
    lines += ["", "New page fetched, median by kind of edit (ms):", "",
              "| notes | tool | word | heading | formula |", "|---:|---|---:|---:|---:|"]
    for r in rows:
        cells = [ms(statistics.median(r["by_kind"][k])) if r["by_kind"][k] else "–" for k in KINDS]
        lines.append(f"| {r['size']:,} | {r['tool']} | " + " | ".join(cells) + " |")
    titles = {
        "refresh": "Where the refresh of the edited page goes (`serve --timings`, median, seconds; "
                   "the reload message follows it):",
        "rebuild": "Where a whole-site rebuild after it goes (median over the rebuilds that finished, "
                   "seconds; one under way when the next edit arrives stops before writing):",
    }
    for kind, title in titles.items():
        sizes = sorted(steps.get(kind, {}))
        if not sizes:
            continue
        counts = ", ".join(f"{steps[kind + ' count'][s]} at {s:,} notes" for s in sizes)
        lines += ["", f"{title} {counts}.", ""]
        lines.append("| step | " + " | ".join(f"{s:,} notes" for s in sizes) + " |")
        lines.append("|---|" + "---:|" * len(sizes))
        names = list(dict.fromkeys(name for s in sizes for name in steps[kind][s]))
        for name in names:
            cells = (f"{steps[kind][s].get(name, 0):.3f}" if steps[kind][s] else "–" for s in sizes)
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sitegen", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for one reload")
    parser.add_argument("--machine", default="")
    args = parser.parse_args()
    samples, rows, steps = [], [], {}
    for size in args.sizes:
        run_size(args, size, samples, rows, steps)
    Path(args.work, "samples.json").write_text(json.dumps(samples, indent=1))
    write_results(args, rows, steps, Path(args.out))


if __name__ == "__main__":
    main()
