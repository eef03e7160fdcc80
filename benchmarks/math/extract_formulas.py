"""Writes the distinct formulas of a folder of Markdown notes as JSON ([{"tex": "...", "display": true}]), in
order of first appearance: `$$…$$` (display) and `$…$` on one line (inline). A rough scan for the benchmark,
not sitegen's math protection. Usage: extract_formulas.py NOTES_DIR OUT.json"""
import json
import os
import re
import sys

notes, out = sys.argv[1], sys.argv[2]
seen = {}
for root, _, files in sorted(os.walk(notes)):
    for name in sorted(files):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(root, name), encoding="utf-8").read()
        for m in re.finditer(r"\$\$(.+?)\$\$", text, re.S):
            seen.setdefault((m.group(1).strip(), True), None)
        for m in re.finditer(r"\$([^$\n]+?)\$", re.sub(r"\$\$(.+?)\$\$", "", text, flags=re.S)):
            seen.setdefault((m.group(1), False), None)
json.dump([{"tex": tex, "display": display} for tex, display in seen], open(out, "w", encoding="utf-8"), ensure_ascii=False)
print(f"{len(seen)} distinct formulas from {notes}", file=sys.stderr)
