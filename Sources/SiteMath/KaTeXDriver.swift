/// The JavaScript run by `node -e`: reads one JSON batch per line on stdin, answers one JSON line.
///
/// Request: `{"macros": {...}, "items": [{"tex": "...", "display": true}]}`.
/// Answer: `{"results": [{"html": "..."} | {"error": "..."}, with "warnings": [...]]}`.
/// A KaTeX strict-mode complaint is collected as a warning (the formula still renders); a parse error
/// is an error. The first line written is `{"ready": true, "version": "0.16.4"}`.
enum KaTeXDriver {
    /// Bump when the script's output changes, so cached renderings are not reused.
    static let revision = "1"

    static let script = #"""
    const katex = require('katex');
    const readline = require('readline');
    function render(item, macros) {
      const warnings = [];
      const consoleWarn = console.warn;
      console.warn = (...args) => warnings.push(args.join(' '));
      try {
        const html = katex.renderToString(item.tex, {
          displayMode: !!item.display, output: 'htmlAndMathml', throwOnError: true, trust: false,
          macros: Object.assign({}, macros),
          strict: (code, message) => { warnings.push(message + ' [' + code + ']'); return 'ignore'; },
        });
        return { html, warnings };
      } catch (e) {
        return { error: String(e && e.message || e), warnings };
      } finally {
        console.warn = consoleWarn;
      }
    }
    process.stdout.write(JSON.stringify({ ready: true, version: katex.version }) + '\n');
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines.on('line', (line) => {
      let request;
      try { request = JSON.parse(line); } catch (e) {
        process.stdout.write(JSON.stringify({ failure: 'bad request: ' + e.message }) + '\n');
        return;
      }
      const macros = request.macros || {};
      const results = (request.items || []).map((item) => render(item, macros));
      process.stdout.write(JSON.stringify({ results }) + '\n');
    });
    """#
}
