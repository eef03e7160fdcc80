#!/usr/bin/env python3
"""Hostile single notes for `benchmarks/hostile-input.sh`: big, repetitive and deeply nested Markdown.

    hostile_notes.py KIND OUT_DIR     writes OUT_DIR/notes/: note.md, and other.md that links point at
    hostile_notes.py --list           prints the kinds, one a line

Same KIND gives identical bytes. The prose comes from the site benchmark's generator
(benchmarks/site/generate_corpus.py), so nothing is taken from real notes.
"""

import os
import random
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "site"))
import generate_corpus as corpus  # noqa: E402

MB = 1024 * 1024


def mixed_note(size):
    """Sections with distinct headings, every block kind of the site benchmark, math, and links to
    headings of this note and of the second note, until `size` UTF-8 bytes."""
    rng = random.Random(f"hostile-{size}")
    blocks = [
        lambda: corpus.paragraph(rng, rng.randint(2, 4)),
        lambda: corpus.bullet_list(rng),
        lambda: corpus.numbered_list(rng),
        lambda: corpus.table(rng),
        lambda: corpus.code_block(rng),
        lambda: corpus.display_math(rng),
        lambda: corpus.quote(rng),
    ]
    parts = ["# 大笔记\n"]
    total = len(parts[0].encode())
    anchors = []
    while total < size:
        heading = f"{corpus.term(rng)[0]}的原理 {len(anchors) + 1}"
        piece = [f"## {heading}", rng.choice(blocks)(), rng.choice(blocks)()]
        if anchors:
            piece.append(f"相关：[上文](#{rng.choice(anchors)})，[另一篇](other.md#另一篇的小节)。")
        anchors.append(heading.replace(" ", "-"))
        text = "\n\n".join(piece) + "\n\n"
        parts.append(text)
        total += len(text.encode())
    return "".join(parts)


def repeated(line, count, head="# 标题\n\n"):
    return head + line * count


KINDS = {
    "note-1MB": lambda: mixed_note(1 * MB),
    "note-5MB": lambda: mixed_note(5 * MB),
    "note-50MB": lambda: mixed_note(50 * MB),
    "headings-20000-identical": lambda: repeated("## 同一个标题\n\n正文。\n\n", 20000),
    "headings-50000-distinct": lambda: "# 标题\n\n" + "".join(f"## 小节 {i}\n\n正文。\n\n" for i in range(50000)),
    "links-200000": lambda: repeated("[上文](#小节) [另一篇](other.md#另一篇的小节)\n", 100000, "# 标题\n\n## 小节\n\n"),
    "list-items-200000": lambda: repeated("- 列表项 item\n", 200000),
    "long-line-5MB": lambda: "# 标题\n\n" + "很长的一行 long line " * (5 * MB // 30) + "\n",
    "paragraph-5MB": lambda: "# 标题\n\n" + "一个巨大的段落 one huge paragraph\n" * (5 * MB // 43) + "\n",
    "nested-list-15000": lambda: "# 标题\n\n" + "- " * 15000 + "最深处\n",
    "nested-quote-30000": lambda: "# 标题\n\n" + ">" * 30000 + " 最深处\n",
    "nested-emphasis-60000": lambda: "# 标题\n\n" + "*" * 60000 + "最深处" + "*" * 60000 + "\n",
    "nested-links-30000": lambda: "# 标题\n\n" + "[" * 30000 + "最深处" + "](other.md)" * 30000 + "\n",
    "warnings-100000-identical": lambda: repeated("[坏链接](missing.md)\n\n", 100000),
}

OTHER_NOTE = "# 另一篇\n\n## 另一篇的小节\n\n正文。\n"


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(KINDS))
        return
    if len(sys.argv) != 3 or sys.argv[1] not in KINDS:
        sys.exit(f"usage: {sys.argv[0]} KIND OUT_DIR\nkinds: {', '.join(KINDS)}")
    kind, out = sys.argv[1], sys.argv[2]
    notes = os.path.join(out, "notes")
    shutil.rmtree(notes, ignore_errors=True)
    os.makedirs(notes)
    with open(os.path.join(notes, "note.md"), "w", encoding="utf-8") as f:
        f.write(KINDS[kind]())
    with open(os.path.join(notes, "other.md"), "w", encoding="utf-8") as f:
        f.write(OTHER_NOTE)


if __name__ == "__main__":
    main()
