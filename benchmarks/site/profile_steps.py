#!/usr/bin/env python3
"""CPU profile of one `sitegen build`, per build step: reads `perf script -F comm,tid,ip,sym` output.

Every sample is charged to the build step whose closure is on its stack (`Step.applyTemplates`, ...), or to
`node workers` (KaTeX and Prism), `kernel, outside steps`, `outside steps`. Within a step, the leaf functions
are folded into kinds (reference counting, malloc/free, kernel, ...) and the top functions are listed, so the
table says both where the time goes and what sort of work it is.
"""
import argparse
import collections
import re
import subprocess
import sys

STEP = re.compile(r"SiteBuild0B4StepV(\d+)")


def step_name(symbol):
    """The step in a mangled closure name like `$s9SiteBuild0B4StepV14applyTemplatesACvpZfi...`."""
    match = STEP.search(symbol)
    if not match:
        return None
    length = int(match.group(1))
    start = match.end()
    name = symbol[start:start + length]
    return name if len(name) == length and name.isidentifier() else None


def kind(symbol, address):
    """What sort of work a leaf function does."""
    if address.startswith("ffffffff"):
        return "kernel (files, page faults)"
    if symbol in ("swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease") \
            or "RefCounts" in symbol or "swift_retain" in symbol or "swift_release" in symbol:
        return "reference counting"
    if any(name in symbol for name in ("malloc", "_int_free", "cfree", "unlink_chunk", "swift_allocObject",
                                       "swift_deallocObject", "swift_slowAlloc", "swift_slowDealloc", "realloc")):
        return "malloc/free"
    if "memmove" in symbol or "memcpy" in symbol or "memset" in symbol:
        return "memory copies"
    if "Hasher" in symbol or "RawDictionaryStorage" in symbol or "NativeDictionary" in symbol \
            or "NativeSet" in symbol:
        return "hashing, dictionaries"
    if "ContentHash" in symbol:
        return "SHA-256"
    return "code"


def samples(stream):
    """(comm, [(address, symbol), ...] leaf first) for every sample."""
    comm, frames = None, []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line.startswith((" ", "\t")):
            comm, frames = line.split()[0], []
        else:
            parts = line.strip().split(None, 1)
            frames.append((parts[0], parts[1] if len(parts) > 1 else "[unknown]"))
    if comm is not None:
        yield comm, frames


def demangle(symbols):
    try:
        out = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbols),
                             capture_output=True, text=True, check=True).stdout.splitlines()
        return dict(zip(symbols, out)) if len(out) == len(symbols) else {s: s for s in symbols}
    except (OSError, subprocess.CalledProcessError):
        return {s: s for s in symbols}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--script", required=True, help="perf script output (comm,tid,ip,sym with call chains)")
    parser.add_argument("--hz", type=float, required=True, help="the sampling frequency given to perf record")
    parser.add_argument("--report", help="sitegen's --report JSON, for each step's wall seconds")
    parser.add_argument("--top", type=int, default=4, help="functions listed per step")
    parser.add_argument("--min-share", type=float, default=0.5, help="steps below this %% of samples are folded")
    args = parser.parse_args()

    by_step = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    leaves = collections.defaultdict(collections.Counter)
    total = 0
    with open(args.script, errors="replace") as stream:
        for comm, frames in samples(stream):
            if not frames:
                continue
            total += 1
            step = None
            for _, symbol in frames:
                step = step_name(symbol)
                if step:
                    break
            if step is None:
                if comm.startswith("node"):
                    step = "node workers (KaTeX, Prism)"
                elif frames[0][0].startswith("ffffffff"):
                    step = "kernel, outside steps"
                elif kind(frames[0][1], frames[0][0]) == "malloc/free":
                    step = "malloc/free, caller not recorded"
                else:
                    step = "outside steps"
            address, leaf = frames[0]
            by_step[step] += 1
            kinds[step][kind(leaf, address)] += 1
            leaves[step][leaf] += 1
    if total == 0:
        sys.exit("no samples in " + args.script)

    wall = {}
    if args.report:
        import json
        with open(args.report) as file:
            for timing in json.load(file).get("timings", []):
                name = timing["step"]
                wall[name] = wall.get(name, 0) + timing["seconds"]

    shown = [(step, n) for step, n in by_step.most_common() if 100 * n / total >= args.min_share]
    folded = total - sum(n for _, n in shown)
    names = demangle(sorted({leaf for step, _ in shown for leaf, _ in leaves[step].most_common(args.top)}))
    print(f"{total} samples at {args.hz:g} Hz = {total / args.hz:.1f} CPU seconds in all.\n")
    print("| step (closure) | CPU s | share | kind of work (share of the step) | top functions (share of the step) |")
    print("|---|---:|---:|---|---|")
    for step, n in shown:
        kind_text = ", ".join(f"{k} {100 * c / n:.0f}%" for k, c in kinds[step].most_common(3))
        top = "; ".join(f"`{names.get(leaf, leaf)[:70]}` {100 * c / n:.0f}%"
                        for leaf, c in leaves[step].most_common(args.top))
        print(f"| {step} | {n / args.hz:.1f} | {100 * n / total:.1f}% | {kind_text} | {top} |")
    if folded:
        print(f"| (steps under {args.min_share:g}%) | {folded / args.hz:.1f} | {100 * folded / total:.1f}% | | |")
    if wall:
        print("\nWall seconds per step (this run's report, under perf): " +
              ", ".join(f"{name} {seconds:.2f}" for name, seconds in
                        sorted(wall.items(), key=lambda item: -item[1]) if seconds >= 0.3) + ".")


if __name__ == "__main__":
    main()
