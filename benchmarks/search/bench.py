#!/usr/bin/env python3
"""Search benchmark: sitegen's index against Pagefind extended, queried in headless Chromium.

    bench.py --sitegen BIN --pagefind BIN --work DIR [--notes 10000] [--runs 3] [--seeds DIR]

1. Quality: builds notes/ plus the seeds (--seeds, default ../shared/seeds, as seeds/, when present) with sitegen, indexes the same HTML
   with Pagefind (only the notes' <main>, as data-pagefind-body would; tables of contents and question lists
   excluded), runs every query of queries.json through both clients in the browser, and reports recall@5
   (expected pages in the top five, out of at most five) and MRR (first expected page in the top ten).
2. Size: every index file gzipped (files Pagefind already gzips count as they are), data and client code.
3. Scale: a generated corpus of --notes notes (benchmarks/site/generate_corpus.py): median time of the
   `search index` step and of Pagefind over --runs runs, index sizes, and what the first query downloads
   (the files the page fetched, gzipped) on a fresh page load.

Prints a Markdown report; run.sh writes it to results.md.
"""

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXCLUDE = ".toc-inline, .toc-sidebar, .question-index, .practice, .pager, .breadcrumbs"
SCALE_QUERIES = ["梯度", "批归一化", "BN", "attention", "学习率 warmup", "激"]


def gz(data):
    return data if data[:2] == b"\x1f\x8b" else gzip.compress(data, 6)


def folder_bytes(folder, code=lambda p: False):
    raw = {"data": 0, "code": 0}
    packed = {"data": 0, "code": 0}
    files = 0
    for path in Path(folder).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            kind = "code" if code(path) else "data"
            raw[kind] += len(data)
            packed[kind] += len(gz(data))
            files += 1
    return raw, packed, files


def is_pagefind_code(path):
    return path.suffix in (".js", ".css") or "wasm" in path.name


def build_sitegen(sitegen, notes, out, report, quiet=True):
    start = time.perf_counter()
    subprocess.run([sitegen, "build", "-q", "--notes", str(notes), "--templates", str(REPO / "templates"),
                    "--out", str(out), "--report", str(report)], cwd=out.parent, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet else None)
    seconds = time.perf_counter() - start
    data = json.loads(Path(report).read_text())
    if not data["succeeded"]:
        sys.exit(f"sitegen build of {notes} failed")
    step = next(t["seconds"] for t in data["timings"] if t["step"] == "search index")
    return data, seconds, step


def pagefind_site(site, report, target):
    """A copy of the site whose note pages mark <main> as the body Pagefind indexes."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target)
    for page in report["pages"]:
        path = target / page["url"].lstrip("/") / "index.html"
        html = path.read_text(encoding="utf-8")
        path.write_text(html.replace('<main id="main"', '<main data-pagefind-body id="main"', 1), encoding="utf-8")


def run_pagefind(pagefind, site):
    start = time.perf_counter()
    subprocess.run([pagefind, "--site", str(site), "--exclude-selectors", EXCLUDE, "--silent"], check=True)
    return time.perf_counter() - start


def free_port():
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(folder):
    """Serves folder; yields its URL and the server's request log (one line per request)."""
    port = free_port()
    log = Path(folder).parent / f"requests-{port}.log"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=folder,
                                  stdout=subprocess.DEVNULL, stderr=out)
        try:
            time.sleep(0.8)
            yield f"http://127.0.0.1:{port}/", log
        finally:
            server.terminate()
            server.wait()


@contextlib.contextmanager
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


SITEGEN_QUERY = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
window.sitegenSearch.search(query, 10).then((r) => done(r.map((x) => x.url)), (e) => done('error: ' + e));
"""

PAGEFIND_QUERY = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  await window.pf.init();
  const search = await window.pf.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return data.map((d) => d.url);
})().then(done, (e) => done('error: ' + e));
"""


def site_relative(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")


def quality(driver, base, queries, have):
    driver.get(base)
    rows = []
    for q in queries:
        expect = [u for u in q["expect"] if u in have]
        if not expect:
            continue
        row = {"query": q["query"], "kind": q["kind"], "expect": expect}
        for engine, script in (("sitegen", SITEGEN_QUERY), ("pagefind", PAGEFIND_QUERY)):
            got = driver.execute_async_script(script, q["query"])
            if isinstance(got, str):
                sys.exit(f"{engine}: {q['query']}: {got}")
            got = [site_relative(u) for u in got]
            found = [u for u in got[:5] if u in expect]
            rank = next((i + 1 for i, u in enumerate(got[:10]) if u in expect), None)
            row[engine] = {"recall": len(found) / min(len(expect), 5), "rr": 1 / rank if rank else 0.0, "top": got[:5]}
        rows.append(row)
    return rows


def first_query_bytes(driver, base, log, site, query, engine):
    """Bytes (gzipped) of the index files a fresh page load fetches to answer its first query, from the
    server's request log (Pagefind fetches from a worker, which the page's resource timings do not show)."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.get(base + "index.html")
    time.sleep(0.5)
    start = log.stat().st_size
    got = driver.execute_async_script(SITEGEN_QUERY if engine == "sitegen" else PAGEFIND_QUERY, query)
    if isinstance(got, str):
        sys.exit(f"{engine}: {query}: {got}")
    time.sleep(0.5)
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        requests = re.findall(r'"GET (\S+) HTTP', f.read())
    prefix = "search/" if engine == "sitegen" else "pagefind/"
    paths = {site_relative(r) for r in requests} - {""}
    fetched = [p for p in paths if p.startswith(prefix)]
    if engine == "sitegen":
        # The script (its name carries a content hash) is loaded with the page rather than on the first query,
        # counted all the same.
        fetched += [str(p.relative_to(site)) for p in (site / "assets").glob("search.*.js")]
    return sum(len(gz((site / p).read_bytes())) for p in fetched), len(fetched), len(got)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", required=True)
    parser.add_argument("--pagefind", required=True)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args()
    seeds = args.seeds
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    out = []

    # 1. Quality on notes/ + seeds.
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(REPO / "notes", corpus)
    if seeds.is_dir():
        shutil.copytree(seeds, corpus / "seeds")
        for path in (corpus / "seeds").iterdir():
            path.chmod(0o644)
    site = work / "site"
    report, _, _ = build_sitegen(args.sitegen, corpus, site, work / "report.json")
    pf_site = work / "site-pagefind"
    pagefind_site(site, report, pf_site)
    run_pagefind(args.pagefind, pf_site)
    have = {p["url"].lstrip("/") for p in report["pages"]}
    queries = json.loads((HERE / "queries.json").read_text())["queries"]
    with served(pf_site) as (base, _), browser() as driver:
        rows = quality(driver, base, queries, have)

    seeds_note = "notes/ + seeds" if seeds.is_dir() else "notes/ only (no ../shared/seeds)"
    out.append(f"## Quality: {len(rows)} queries over {len(have)} pages ({seeds_note})\n")
    out.append("| queries | n | sitegen recall@5 | Pagefind recall@5 | sitegen MRR | Pagefind MRR |")
    out.append("|---|---:|---:|---:|---:|---:|")
    kinds = ["zh", "en", "mixed", "alias", "char"]
    for kind in kinds + ["all"]:
        sel = [r for r in rows if kind == "all" or r["kind"] == kind]
        if not sel:
            continue
        mean = lambda engine, key: statistics.mean(r[engine][key] for r in sel)
        label = {"zh": "Chinese", "en": "English", "mixed": "mixed", "alias": "aliases", "char": "one character",
                 "all": "**all**"}[kind]
        out.append(f"| {label} | {len(sel)} | {mean('sitegen', 'recall'):.3f} | {mean('pagefind', 'recall'):.3f} | "
                   f"{mean('sitegen', 'rr'):.3f} | {mean('pagefind', 'rr'):.3f} |")
    out.append("\nPer query (recall@5 sitegen / Pagefind):\n")
    out.append("| query | kind | expected | sitegen | Pagefind |")
    out.append("|---|---|---:|---:|---:|")
    for r in rows:
        out.append(f"| {r['query']} | {r['kind']} | {len(r['expect'])} | {r['sitegen']['recall']:.2f} | "
                   f"{r['pagefind']['recall']:.2f} |")

    sg_raw, sg_gz, sg_files = folder_bytes(site / "search")
    sg_client = len(gz(next((site / "assets").glob("search.*.js")).read_bytes()))
    pf_raw, pf_gz, pf_files = folder_bytes(pf_site / "pagefind", is_pagefind_code)
    out.append(f"\n## Index size ({len(have)} pages, gzip -6 per file; Pagefind's pre-gzipped files as they are)\n")
    out.append("| | files | index data | client code | total |")
    out.append("|---|---:|---:|---:|---:|")
    out.append(f"| sitegen | {sg_files} | {sg_gz['data']:,} B | {sg_client:,} B | {sg_gz['data'] + sg_client:,} B |")
    out.append(f"| Pagefind | {pf_files} | {pf_gz['data']:,} B | {pf_gz['code']:,} B | {pf_gz['data'] + pf_gz['code']:,} B |")
    (work / "quality.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))

    # 3. Scale.
    if args.notes > 0:
        big = work / f"corpus-{args.notes}"
        if not big.exists():
            subprocess.run([sys.executable, str(REPO / "benchmarks/site/generate_corpus.py"), "--notes", str(args.notes),
                            "--seed", "1", "--out", str(big)], check=True, stdout=subprocess.DEVNULL)
        big_site = work / f"site-{args.notes}"
        steps, builds = [], []
        for _ in range(args.runs):
            big_report, seconds, step = build_sitegen(args.sitegen, big, big_site, work / "report-big.json")
            steps.append(step)
            builds.append(seconds)
        big_pf = work / f"site-{args.notes}-pagefind"
        pagefind_site(big_site, big_report, big_pf)
        pf_times = []
        for _ in range(args.runs):
            shutil.rmtree(big_pf / "pagefind", ignore_errors=True)
            pf_times.append(run_pagefind(args.pagefind, big_pf))
        _, big_sg, big_sg_files = folder_bytes(big_site / "search")
        _, big_pf_gz, big_pf_files = folder_bytes(big_pf / "pagefind", is_pagefind_code)
        first = {}
        with served(big_pf) as (base, log), browser() as driver:
            for query in SCALE_QUERIES:
                first[query] = (first_query_bytes(driver, base, log, big_pf, query, "sitegen"),
                                first_query_bytes(driver, base, log, big_pf, query, "pagefind"))
        n = len(big_report["pages"])
        out.append(f"\n## Scale: {n:,} generated notes (benchmarks/site/generate_corpus.py, seed 1), "
                   f"median of {args.runs}\n")
        out.append("| | index time | index files | index size (gzip) |")
        out.append("|---|---:|---:|---:|")
        out.append(f"| sitegen (`search index` step; whole build {statistics.median(builds):.1f} s) | "
                   f"{statistics.median(steps):.2f} s | {big_sg_files:,} | {big_sg['data']:,} B |")
        out.append(f"| Pagefind extended (on the built site) | {statistics.median(pf_times):.2f} s | {big_pf_files:,} | "
                   f"{big_pf_gz['data'] + big_pf_gz['code']:,} B |")
        out.append("\nFirst query on a fresh page load: files fetched, gzipped (sitegen: search.js, manifest, term "
                   "shards, the ten result pages' snippet files; Pagefind: its script, entry, meta, wasm, chunks, "
                   "fragments of the first ten results)\n")
        out.append("| query | sitegen | Pagefind |")
        out.append("|---|---:|---:|")
        for query, ((sb, sc, sn), (pb, pc, pn)) in first.items():
            out.append(f"| {query} | {sb / 1024:.0f} KB in {sc} files ({sn} results) | "
                       f"{pb / 1024:.0f} KB in {pc} files ({pn} results) |")

    print("\n".join(out))


if __name__ == "__main__":
    main()
