/// The JavaScript run by `node -e`: reads one JSON batch per line on stdin and answers one JSON line per
/// formula, as soon as that formula is typeset, so a formula that crashes or hangs node is known exactly.
///
/// Request: `{"macros": {...}, "items": [{"tex": "...", "display": true}]}`.
/// Answer lines: `{"html": "...", "warnings": [...]}` or `{"error": "...", "warnings": [...]}`, where a
/// warning is `{"code": "unknownSymbol", "message": "...", "symbol": "𝜎"}` (`symbol` only when KaTeX names
/// a token). A strict-mode complaint is a warning (the formula still renders), except where KaTeX draws what
/// the author meant: `unicodeTextInMathMode` (CJK text in math is normal in Chinese notes) and
/// `mathVsTextAccents` (`\textcircled{1}` or `\'{e}` in math, which only LaTeX rejects). A parse error
/// is `"KaTeX parse error: …"`, any other exception its `String(e)` (`RangeError: …`). A request that is not
/// JSON gets one `{"failure": "..."}` line. Every string is made well-formed (a lone UTF-16 surrogate, which
/// KaTeX puts in messages about astral characters, becomes U+FFFD) so that every line is valid JSON.
/// The first line written is `{"ready": true, "version": "0.16.4"}`.
///
/// The same process highlights code with Prism (Debian `node-prismjs`, loaded at the first code item): an
/// item `{"code": "...", "language": "python"}` is answered `{"html": "<span class=\"token keyword\">…"}`
/// (Prism escapes the code), or `{"error": "…"}` when Prism or the language is not available.
enum KaTeXDriver {
    /// Bump when the script's output changes, so cached renderings are not reused.
    static let revision = "4"

    static let script = #"""
    const katex = require('katex');
    const readline = require('readline');
    // JSON.stringify writes a lone surrogate as the escape \udXXX (a pair stays as it is): each such escape
    // that is not itself escaped (it follows an even run of backslashes) becomes \ufffd. Cheaper than a
    // replacer, which JSON.stringify would call for every key and value.
    const escapedSurrogate = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;
    function line(answer) {
      const json = JSON.stringify(answer);
      return (json.includes('\\ud') ? json.replace(escapedSurrogate, '$1\\ufffd') : json) + '\n';
    }
    // Complaints about input KaTeX draws as the author meant (LaTeX would reject it, the page shows it well).
    const renderedAsMeant = new Set(['unicodeTextInMathMode', 'mathVsTextAccents']);
    function render(item, macros) {
      const warnings = [];
      const consoleWarn = console.warn;
      console.warn = (...args) => warnings.push({ code: 'console', message: args.join(' ') });
      try {
        const html = katex.renderToString(String(item.tex), {
          displayMode: !!item.display, output: 'htmlAndMathml', throwOnError: true, trust: false,
          macros: Object.assign({}, macros),
          strict: (code, message, token) => {
            if (!renderedAsMeant.has(code)) {
              const symbol = token && typeof token.text === 'string' ? token.text : undefined;
              warnings.push({ code, message, symbol });
            }
            return 'ignore';
          },
        });
        // HTML puts <math> in the MathML namespace by itself; KaTeX's xmlns is 43 bytes per formula.
        return { html: html.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', ''), warnings };
      } catch (e) {
        return { error: e instanceof katex.ParseError ? String(e.message) : String(e), warnings };
      } finally {
        console.warn = consoleWarn;
      }
    }
    let prism;
    function highlight(item) {
      if (prism === undefined) {
        try {
          prism = { Prism: require('prismjs'), load: require('prismjs/components/') };
          prism.load.silent = true;
        } catch (e) { prism = null; }
      }
      if (!prism) return { error: 'Prism is not installed', warnings: [] };
      const language = String(item.language).toLowerCase();
      const languages = prism.Prism.languages;
      const known = () => Object.prototype.hasOwnProperty.call(languages, language) && typeof languages[language] === 'object';
      if (!known()) prism.load([language]);
      const grammar = known() ? languages[language] : undefined;
      if (!grammar) return { error: 'Prism has no language ' + language, warnings: [] };
      return { html: prism.Prism.highlight(String(item.code), grammar, language), warnings: [] };
    }
    function answer(item, macros) {
      try {
        return line(item.code !== undefined ? highlight(item) : render(item, macros));
      } catch (e) {
        return line({ error: 'the result could not be passed on: ' + String(e), warnings: [] });
      }
    }
    process.stdout.write(line({ ready: true, version: katex.version }));
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines.on('line', (text) => {
      let request;
      try { request = JSON.parse(text); } catch (e) {
        process.stdout.write(line({ failure: 'bad request: ' + e.message }));
        return;
      }
      const macros = request.macros || {};
      for (const item of request.items || []) process.stdout.write(answer(item, macros));
    });
    """#
}
