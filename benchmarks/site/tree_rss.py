#!/usr/bin/env python3
"""Run a command and print the peak of the summed RSS (KB) of it and all its descendants.

    tree_rss.py CMD [ARGS...]      -> prints "<peak_kb> <exit_code>" on stderr's last line

GNU time's %M is the peak of the largest single process; sitegen's helper processes (node workers
for KaTeX) are not added to it. This samples /proc every 20 ms instead, so it can miss short peaks
and costs a little CPU: run.sh uses it in one extra, untimed run per tool and size.
"""
import os
import subprocess
import sys
import time


def children_map():
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss(root):
    parents = children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss_kb(pid)
        stack.extend(parents.get(pid, []))
    return total


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: tree_rss.py CMD [ARGS...]")
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    print(f"{peak} {proc.returncode}")


if __name__ == "__main__":
    main()
