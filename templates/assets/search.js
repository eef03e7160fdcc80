// sitegen search: queries the static index in search/ (format: docs/search.md). No dependencies.
// The tokenizer follows Sources/SiteSearch/SearchTokenizer.swift rule for rule; SearchClientTests checks both agree.
(function () {
  'use strict';

  // Tokenizer ---------------------------------------------------------------------------------------------

  const MAX_WORD_LENGTH = 40;
  const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
  const MARK = /^\p{M}$/u;
  const PUNCTUATION_OR_SPACE = /^[\p{P}\p{Z}]$/u;
  const folded = new Map();

  function isCJK(c) {
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x2fa1f);
  }

  function fold(c) {
    let parts = folded.get(c);
    if (!parts) {
      parts = Array.from(String.fromCodePoint(c).normalize('NFKD'), (ch) => ch.codePointAt(0));
      folded.set(c, parts);
    }
    return parts;
  }

  const NO_NAMES = { groups: new Map(), lastTokens: new Set(), longest: 0 };

  // Calls emit(term, kind, start, end) for every term of text: kind 'w' (word), 'c' (one CJK character),
  // 'b' (two neighbouring CJK characters) or 'g' (`~<group>`, where a synonym name of names ends); start
  // and end are offsets into text.
  function scan(text, emit, names = NO_NAMES) {
    let word = '', wordLength = 0, wordStart = 0, wordEnd = 0;
    let previous = -1, previousStart = 0;
    const recent = [];
    const token = (t, start, end) => {
      if (names.longest === 0) return;
      recent.push({ t, start });
      if (recent.length > names.longest) recent.shift();
      if (!names.lastTokens.has(t)) return;
      for (let length = recent.length; length >= 1; length--) {
        const from = recent.length - length;
        const groups = names.groups.get(recent.slice(from).map((r) => r.t).join(' '));
        if (groups) {
          for (const g of groups) emit('~' + g, 'g', recent[from].start, end);
          return;
        }
      }
    };
    const endWord = () => {
      if (wordLength > 0 && wordLength <= MAX_WORD_LENGTH) {
        emit(word, 'w', wordStart, wordEnd);
        token(word, wordStart, wordEnd);
      }
      word = '';
      wordLength = 0;
    };
    const addToWord = (s, count, start, end) => {
      if (wordLength === 0) wordStart = start;
      word += s;
      wordLength += count;
      wordEnd = end;
      previous = -1;
    };
    const take = (c, start, end) => {
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return addToWord(String.fromCharCode(c), 1, start, end);
      if (c >= 0x41 && c <= 0x5a) return addToWord(String.fromCharCode(c + 32), 1, start, end);
      if (c < 0x80) { endWord(); previous = -1; return; }
      if (isCJK(c)) {
        endWord();
        const ch = String.fromCodePoint(c);
        emit(ch, 'c', start, end);
        if (previous >= 0) emit(String.fromCodePoint(previous) + ch, 'b', previousStart, end);
        else if (recent.length && isCJKToken(recent[recent.length - 1].t)) recent.length = 0; // a gap: no name spans it
        token(ch, start, end);
        previous = c;
        previousStart = start;
        return;
      }
      const ch = String.fromCodePoint(c);
      if (MARK.test(ch)) return; // accents fold away; the word goes on
      if (LETTER_OR_NUMBER.test(ch)) {
        const lower = ch.toLowerCase();
        return addToWord(lower, Array.from(lower).length, start, end);
      }
      endWord();
      previous = -1;
    };
    for (let i = 0; i < text.length;) {
      const c = text.codePointAt(i);
      const end = i + (c > 0xffff ? 2 : 1);
      if (c < 0x80 || isCJK(c)) take(c, i, end);
      else if (c >= 0xff01 && c <= 0xff5e) take(c - 0xfee0, i, end); // full-width ASCII
      else if (PUNCTUATION_OR_SPACE.test(String.fromCodePoint(c))) take(0x20, i, end);
      else for (const part of fold(c)) take(part, i, end);
      i = end;
    }
    endWord();
  }

  function isCJKToken(t) {
    const c = t.codePointAt(0);
    return isCJK(c) && t.length === (c > 0xffff ? 2 : 1);
  }

  // The index terms of text, in order (what SearchTokenizer.terms returns).
  function terms(text, names) {
    const out = [];
    scan(text, (term) => out.push(term), names);
    return out;
  }

  // Words and single CJK characters; `joined` says a CJK character follows the previous one without a gap.
  function queryTokens(text) {
    const tokens = [];
    scan(text, (term, kind) => {
      if (kind === 'b') tokens[tokens.length - 1].joined = true;
      else tokens.push({ text: term, cjk: kind === 'c', joined: false });
    });
    return tokens;
  }

  // The synonym names as the tokenizer looks for them (SearchTokenizer.SynonymNames).
  function synonymNames(groups) {
    const names = { groups: new Map(), lastTokens: new Set(), longest: 0 };
    groups.forEach((group, g) => {
      for (const name of group) {
        const tokens = queryTokens(name).map((t) => t.text);
        if (!tokens.length) continue;
        const key = tokens.join(' ');
        if (!names.groups.has(key)) names.groups.set(key, []);
        if (!names.groups.get(key).includes(g)) names.groups.get(key).push(g);
        names.lastTokens.add(tokens[tokens.length - 1]);
        names.longest = Math.max(names.longest, tokens.length);
      }
    });
    return names;
  }

  // Queries -----------------------------------------------------------------------------------------------

  // The terms tokens are looked up by, one list per word and per CJK run: a word is itself (or, while it is
  // being typed, a prefix); a run is its pairs, one character is itself.
  function termGroups(tokens, prefixLast) {
    const groups = [];
    for (let i = 0; i < tokens.length;) {
      if (!tokens[i].cjk) {
        const prefix = prefixLast && i === tokens.length - 1 && tokens[i].text.length >= 3;
        groups.push([{ term: tokens[i].text, prefix }]);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < tokens.length && tokens[j].cjk && tokens[j].joined) j++;
      const run = [];
      if (j - i === 1) run.push({ term: tokens[i].text, prefix: false });
      for (let k = i; k + 1 < j; k++) run.push({ term: tokens[k].text + tokens[k + 1].text, prefix: false });
      groups.push(run);
      i = j;
    }
    return groups;
  }

  // Synonym names as token sequences by their first token, longest first, with their groups.
  function synonymTable(names) {
    const byFirst = new Map();
    for (const [key, groups] of names.groups) {
      const tokens = key.split(' ');
      if (!byFirst.has(tokens[0])) byFirst.set(tokens[0], []);
      byFirst.get(tokens[0]).push({ tokens, groups });
    }
    for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    return byFirst;
  }

  // A query as units that each should match: a word, a CJK run, or a synonym name (any name of its group
  // will do: the group's term `~<group>`; a name mixing scripts also by its parts apart). A unit lists
  // alternatives; an alternative lists the terms it is looked up by.
  function parseQuery(query, synonyms) {
    const tokens = queryTokens(query);
    const typing = !/\s$/.test(query);
    const units = [];
    let plain = [];
    const flushPlain = (atEnd) => {
      for (const terms of termGroups(plain, atEnd && typing)) units.push({ alternatives: [{ terms }] });
      plain = [];
    };
    for (let i = 0; i < tokens.length;) {
      const match = (synonyms.get(tokens[i].text) || []).find((s) =>
        s.tokens.every((t, k) => tokens[i + k] && tokens[i + k].text === t));
      if (match) {
        flushPlain(false);
        const alternatives = match.groups.map((g) => ({ terms: [{ term: '~' + g, prefix: false }] }));
        // A name mixing Latin and Chinese (`L1 正则`) also matches its parts apart (`L1 和 L2 正则化`), all of them.
        const parts = tokens.slice(i, i + match.tokens.length);
        if (parts.some((t) => t.cjk) && parts.some((t) => !t.cjk)) {
          alternatives.push({ terms: termGroups(parts, false).flat(), whole: true });
        }
        units.push({ alternatives });
        i += match.tokens.length;
      } else {
        plain.push(tokens[i]);
        i++;
      }
    }
    flushPlain(true);
    return units;
  }

  // Engine ------------------------------------------------------------------------------------------------

  const FORMAT = 1;
  const PREFIX_WEIGHT = 0.6;

  // How well an alternative matches, given how many of its terms are present: the share of its terms,
  // squared (a CJK run with half of its pairs counts a quarter); nothing for a `whole` one not all present.
  function coverage(alternative, present) {
    if (alternative.whole && present < alternative.terms.length) return 0;
    const share = present / alternative.terms.length;
    return share * share;
  }

  // load(path, version) resolves to the parsed JSON of a file of the search/ folder.
  function createEngine(load) {
    let manifest = null;
    let names = NO_NAMES;
    let synonyms = new Map();
    const cache = new Map();

    function ready() {
      if (!manifest) {
        manifest = load('index.json', '').then((m) => {
          if (m.format !== FORMAT) throw new Error('search index format ' + m.format + ', expected ' + FORMAT);
          names = synonymNames(m.synonyms);
          synonyms = synonymTable(names);
          return m;
        });
        manifest.catch(() => { manifest = null; });
      }
      return manifest;
    }

    function file(m, path) {
      if (!cache.has(path)) {
        const p = load(path, m.version);
        p.catch(() => cache.delete(path));
        cache.set(path, p);
      }
      return cache.get(path);
    }

    // The last shard whose key is not greater than term.
    function shardOf(keys, term) {
      let lo = 0, hi = keys.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (keys[mid] <= term) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    // Page number → impact for one term; for a prefix also the terms it begins (at most three shards), lower.
    async function postings(m, spec) {
      const first = shardOf(m.shards, spec.term);
      let last = first;
      if (spec.prefix) {
        while (last + 1 < m.shards.length && last - first < 2 && m.shards[last + 1] <= spec.term + '\uffff') last++;
      }
      const found = new Map();
      for (let n = first; n <= last; n++) {
        const entries = await file(m, 't/' + n + '.json');
        for (const term in entries) {
          const exact = term === spec.term;
          if (!exact && !(spec.prefix && term.startsWith(spec.term))) continue;
          const weight = exact ? 1 : PREFIX_WEIGHT;
          const list = entries[term];
          for (let i = 0, page = 0; i < list.length; i += 2) {
            page += list[i];
            const impact = list[i + 1] * weight;
            if (!(found.get(page) >= impact)) found.set(page, impact);
          }
        }
      }
      return found;
    }

    const key = (spec) => spec.term + (spec.prefix ? '*' : '');

    // Pages by score. A unit scores its best alternative: the highest impact among the alternative's terms
    // (for a CJK run, its rarest pair is the best estimate of the whole word) times its coverage. Units add
    // up, and the sum is scaled by the square of the share of units matched.
    async function rank(query) {
      const m = await ready();
      const units = parseQuery(query, synonyms);
      const specs = new Map();
      for (const unit of units) for (const alt of unit.alternatives) for (const spec of alt.terms) specs.set(key(spec), spec);
      const lists = new Map();
      await Promise.all(Array.from(specs, async ([k, spec]) => lists.set(k, await postings(m, spec))));
      const totals = new Map(), matched = new Map();
      for (const unit of units) {
        const best = new Map();
        for (const alt of unit.alternatives) {
          const highest = new Map(), counts = new Map();
          for (const spec of alt.terms) {
            for (const [page, impact] of lists.get(key(spec))) {
              highest.set(page, Math.max(highest.get(page) || 0, impact));
              counts.set(page, (counts.get(page) || 0) + 1);
            }
          }
          for (const [page, impact] of highest) {
            const score = impact * coverage(alt, counts.get(page));
            if (score > 0 && !(best.get(page) >= score)) best.set(page, score);
          }
        }
        for (const [page, score] of best) {
          totals.set(page, (totals.get(page) || 0) + score);
          matched.set(page, (matched.get(page) || 0) + 1);
        }
      }
      const ranked = [];
      for (const [page, total] of totals) {
        const share = matched.get(page) / units.length;
        ranked.push({ page, score: total * share * share });
      }
      ranked.sort((a, b) => b.score - a.score || a.page - b.page);
      return { units, ranked };
    }

    // The best results: [{url, anchor, title, heading, score, titleHTML, headingHTML, snippet,
    // more: [{anchor, heading}]}]; the HTML fields have the hits in <mark>.
    async function search(query, limit) {
      const { units, ranked } = await rank(query);
      const m = await ready();
      const top = ranked.slice(0, limit || 10);
      const pages = await Promise.all(top.map((r) => file(m, 'p/' + r.page + '.json')));
      return top.map((r, i) => describe(pages[i], units, names, r.score));
    }

    return { ready, rank, search };
  }

  // The query terms in text: term → ranges where it occurs (a prefix term collects the words it begins).
  function find(text, units, names) {
    const exact = new Set(), prefixes = [];
    for (const unit of units) {
      for (const alt of unit.alternatives) {
        for (const spec of alt.terms) {
          exact.add(spec.term);
          if (spec.prefix) prefixes.push(spec.term);
        }
      }
    }
    const found = new Map();
    scan(text, (term, kind, start, end) => {
      const key = exact.has(term) ? term : prefixes.find((p) => term.startsWith(p));
      if (key === undefined) return;
      if (!found.has(key)) found.set(key, []);
      found.get(key).push([start, end]);
    }, names);
    return found;
  }

  // For each unit its best alternative in found: the summed coverage, and the ranges of the terms of
  // alternatives that cover at least half of their terms, merged where they overlap.
  function match(units, found) {
    let value = 0;
    const ranges = [];
    for (const unit of units) {
      let best = null, bestValue = 0;
      for (const alt of unit.alternatives) {
        const v = coverage(alt, alt.terms.filter((s) => found.has(s.term)).length);
        if (v > bestValue) [best, bestValue] = [alt, v];
      }
      value += bestValue;
      if (best && bestValue >= 0.25) for (const spec of best.terms) ranges.push(...(found.get(spec.term) || []));
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    return { value, ranges: merged };
  }

  // A result: the section that matches the query best (its heading counting triple) gives the anchor and
  // the snippet; up to two more matching sections are listed below it.
  function describe(page, units, names, score) {
    const sections = page.sections.length ? page.sections : [{ anchor: '', heading: '', text: '' }];
    const scored = sections.map((section) => {
      const inHeading = find(section.heading, units, names);
      const inText = find(section.text, units, names);
      const both = new Map([...inText, ...inHeading]);
      const heading = match(units, inHeading), text = match(units, inText);
      const hitCount = Math.min(text.ranges.length, 10) / 100;
      return { section, heading, text, value: match(units, both).value + 2 * heading.value + hitCount };
    });
    const best = scored.reduce((a, b) => (b.value > a.value ? b : a));
    const more = scored
      .filter((s) => s !== best && s.value >= 0.25 && s.section.heading)
      .sort((a, b) => b.value - a.value)
      .slice(0, 2)
      .map((s) => ({ anchor: s.section.anchor, heading: s.section.heading }));
    const { section } = best;
    const title = match(units, find(page.title, units, names));
    return {
      url: page.url, anchor: section.anchor, title: page.title, heading: section.heading, score, more,
      titleHTML: highlight(page.title, title.ranges, 0, page.title.length),
      headingHTML: highlight(section.heading, best.heading.ranges, 0, section.heading.length),
      snippet: snippet(section.text, best.text.ranges),
    };
  }

  const SNIPPET_BEFORE = 24;
  const SNIPPET_LENGTH = 100;

  function snippet(text, ranges) {
    let start = ranges.length ? Math.max(0, ranges[0][0] - SNIPPET_BEFORE) : 0;
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end === text.length) start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
    if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
    return (start > 0 ? '…' : '') + highlight(text, ranges, start, end) + (end < text.length ? '…' : '');
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }

  function highlight(text, ranges, start, end) {
    let out = '', at = start;
    for (const [a, b] of ranges) {
      if (b <= start || a >= end) continue;
      const from = Math.max(a, start), to = Math.min(b, end);
      out += escapeHTML(text.slice(at, from)) + '<mark>' + escapeHTML(text.slice(from, to)) + '</mark>';
      at = to;
    }
    return out + escapeHTML(text.slice(at, end));
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { terms, synonymNames, createEngine };
  }
  if (typeof document === 'undefined') return;

  // Page --------------------------------------------------------------------------------------------------

  // The site root is the folder above this script (assets/search.<hash>.js), whatever the page's depth or base path.
  const root = new URL('..', document.currentScript.src);
  const engine = createEngine((path, version) =>
    fetch(new URL('search/' + path + (version ? '?v=' + version : ''), root), { cache: version ? 'default' : 'no-cache' })
      .then((r) => {
        if (!r.ok) throw new Error(r.status + ' ' + r.statusText);
        return r.json();
      }));
  window.sitegenSearch = {
    search: (query, limit) => engine.search(query, limit).then((results) => results.map((r) =>
      Object.assign({}, r, { href: href(r.url, r.anchor) }))),
  };

  function href(url, anchor) {
    return new URL(url + (anchor ? '#' + encodeURIComponent(anchor) : ''), root).href;
  }

  function setUp() {
    const box = document.querySelector('.site-search');
    if (!box) return;
    const input = box.querySelector('input');
    const panel = box.querySelector('.site-search-results');
    box.hidden = false;
    let active = -1;
    let sequence = 0;
    let shown = null; // the query whose results the panel shows
    let timer = 0;

    const items = () => Array.from(panel.querySelectorAll('a'));
    // data-query on the panel names the query it shows (the browser tests wait for it).
    const show = (html, query) => {
      panel.innerHTML = html;
      panel.dataset.query = query;
      panel.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    };
    const close = () => {
      panel.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    };
    const select = (i) => {
      const links = items();
      if (!links.length) return;
      active = (i + links.length) % links.length;
      links.forEach((a, k) => a.setAttribute('aria-selected', k === active ? 'true' : 'false'));
      links[active].scrollIntoView({ block: 'nearest' });
    };

    async function run() {
      const query = input.value.trim();
      const mine = ++sequence;
      if (!query) return close();
      if (location.protocol === 'file:') {
        return show('<p class="site-search-note">搜索需要通过 HTTP 打开站点（浏览器不允许网页读取本地文件里的索引）。' +
          '在 public/ 里运行 <code>python3 -m http.server</code>，再打开 http://localhost:8000/。</p>', query);
      }
      let results;
      try {
        results = await engine.search(input.value);
      } catch (error) {
        if (mine === sequence) show('<p class="site-search-note">搜索索引加载失败：' + escapeHTML(String(error.message || error)) + '</p>', query);
        return;
      }
      if (mine !== sequence) return;
      shown = query;
      if (!results.length) return show('<p class="site-search-note">没有找到“' + escapeHTML(query) + '”</p>', query);
      show('<ol class="site-search-list">' + results.map((r) => {
        const heading = r.heading ? '<span class="site-search-heading">' + r.headingHTML + '</span>' : '';
        const more = r.more.map((o) =>
          '<a class="site-search-more" role="option" href="' + escapeHTML(href(r.url, o.anchor)) + '">' + escapeHTML(o.heading) + '</a>').join('');
        return '<li><a class="site-search-hit" role="option" href="' + escapeHTML(href(r.url, r.anchor)) + '">' +
          '<span class="site-search-title">' + r.titleHTML + '</span>' + heading +
          (r.snippet ? '<span class="site-search-snippet">' + r.snippet + '</span>' : '') + '</a>' + more + '</li>';
      }).join('') + '</ol>', query);
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    input.addEventListener('focus', () => {
      if (input.value.trim() && panel.innerHTML) panel.hidden = false;
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        select(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(timer);
        const go = () => {
          const link = items()[Math.max(active, 0)];
          if (!link) return;
          close();
          location.href = link.href;
        };
        if (shown === input.value.trim() && !panel.hidden) go(); else run().then(go);
      } else if (event.key === 'Escape') {
        input.value = '';
        close();
        input.blur();
      }
    });
    panel.addEventListener('click', (event) => {
      if (event.target.closest('a')) close();
    });
    document.addEventListener('click', (event) => {
      if (!box.contains(event.target)) close();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target.closest && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
