#!/usr/bin/env python3
"""What the bytes of a built site are: each part of the note pages (formulas as KaTeX's MathML, its TeX
annotation and its HTML; highlighted code; the sidebar; the table of contents; the head; topic-link tags;
the rest), the search files, assets and other files; and how much gzip makes of a sample of pages.

    python3 benchmarks/site/bytes.py OUT [--sample 300]

OUT is an output folder of `sitegen build` (run.sh leaves one in $BENCH_WORK/out-sitegen). A benchmark, not a test.
"""
import argparse
import gzip
import os
import random
import re

NOTE_HEADER = b'<header class="note-header"'


def closing(page, start, tag):
    """The end of the element opened at `start`: its matching close tag (same-name nesting counted)."""
    pattern = re.compile(rb'<' + tag + rb'\b|</' + tag + rb'>')
    depth = 0
    for m in pattern.finditer(page, start):
        depth += 1 if m.group(0)[1:2] != b'/' else -1
        if depth == 0:
            return m.end()
    return len(page)


def regions(page, opening, tag):
    """(start, end) of every element whose opening tag starts with `opening`."""
    found = []
    i = page.find(opening)
    while i >= 0:
        end = closing(page, i, tag)
        found.append((i, end))
        i = page.find(opening, end)
    return found


def inside(intervals, start, end):
    return sum(max(0, min(e, end) - max(s, start)) for s, e in intervals)


def page_parts(page):
    parts = {}
    formulas, mathml, annotation = [], 0, 0
    for start, end in regions(page, b'<span class="katex">', b'span'):
        formulas.append((start, end))
        m = page.find(b'<math', start, end)
        m_end = page.find(b'</math>', start, end)
        if m >= 0 and m_end >= 0:
            mathml += m_end + len(b'</math>') - m
            a = page.find(b'<annotation', m, m_end)
            a_end = page.find(b'</annotation>', m, m_end)
            if a >= 0 and a_end >= 0:
                annotation += a_end + len(b'</annotation>') - a
    formula_bytes = sum(e - s for s, e in formulas)
    parts['formulas: MathML (without the TeX annotation)'] = mathml - annotation
    parts['formulas: TeX annotation'] = annotation
    parts['formulas: KaTeX HTML and wrappers'] = formula_bytes - mathml
    taken = list(formulas)
    for name, opening, tag in [
        ('highlighted code', b'<pre class="highlighted"', b'pre'),
        ('sidebar', b'<nav class="site-sidebar"', b'nav'),
        ('table of contents', b'<nav class="toc"', b'nav'),
        ('head', b'<head>', b'head'),
    ]:
        found = regions(page, opening, tag)
        parts[name] = sum(e - s for s, e in found) - sum(inside(taken, s, e) for s, e in found)
        taken += found
    tags = [(m.start(), m.end()) for m in re.finditer(rb'<a class="topic-link"[^>]*>', page)]
    parts['topic-link tags'] = sum(e - s for s, e in tags) - sum(inside(taken, s, e) for s, e in tags)
    parts['rest of the page'] = len(page) - sum(parts.values())
    return parts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('out')
    parser.add_argument('--sample', type=int, default=300, help='pages gzip-compressed to estimate transfer size')
    args = parser.parse_args()
    totals, files = {}, {}
    pages = []
    for folder, _, names in os.walk(args.out):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, args.out)
            size = os.path.getsize(path)
            kind = ('search files' if relative.startswith('search/') else 'assets' if relative.startswith('assets/')
                    else 'other pages (home, sections, topics, tags, 404)' if name.endswith('.html') else 'other files')
            if name.endswith('.html'):
                with open(path, 'rb') as f:
                    if NOTE_HEADER in f.read():  # the note template's header: a note page
                        kind = 'note pages'
                        pages.append(path)
            files.setdefault(kind, [0, 0])
            files[kind][0] += 1
            files[kind][1] += size
    for path in pages:
        with open(path, 'rb') as f:
            for part, size in page_parts(f.read()).items():
                totals[part] = totals.get(part, 0) + size
    everything = sum(size for _, size in files.values())
    print(f'{args.out}: {everything / 1e6:,.1f} MB in {sum(n for n, _ in files.values()):,} files\n')
    print('| files | count | MB | share |\n|---|---:|---:|---:|')
    for kind, (count, size) in sorted(files.items(), key=lambda kv: -kv[1][1]):
        print(f'| {kind} | {count:,} | {size / 1e6:,.1f} | {100 * size / everything:.0f}% |')
    note_bytes = files.get('note pages', [0, 0])[1]
    print('\n| part of the note pages | MB | share of note pages |\n|---|---:|---:|')
    for part, size in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f'| {part} | {size / 1e6:,.1f} | {100 * size / max(note_bytes, 1):.0f}% |')
    random.seed(1)
    sample = random.sample(pages, min(args.sample, len(pages)))
    raw = compressed = 0
    for path in sample:
        with open(path, 'rb') as f:
            data = f.read()
        raw += len(data)
        compressed += len(gzip.compress(data, 6))
    if raw:
        print(f'\ngzip -6 of {len(sample)} note pages: {compressed / raw:.2f} of their bytes '
              f'({raw / len(sample) / 1e3:.1f} → {compressed / len(sample) / 1e3:.1f} KB a page)')


if __name__ == '__main__':
    main()
