import SiteCore

/// The script `sitegen serve` adds to every page it serves (never to the files a build writes).
public enum ReloadScript {
    /// The URL paths the preview server answers itself, outside the site's base path.
    public static let scriptPath = "/__sitegen/reload.js"
    public static let eventsPath = "/__sitegen/events"

    /// The tag inserted before `</body>`: the script, told which build the page belongs to.
    public static func tag(generation: String) -> String {
        "<script src=\"\(scriptPath)\" data-generation=\"\(generation.htmlEscaped)\"></script>"
    }

    /// Reloads the page when the site is rebuilt (keeping the scroll position), and shows the problems of
    /// a failed rebuild in an overlay, removed when a rebuild succeeds. Messages go into the page as text.
    public static let source = #"""
    // sitegen serve: live reload and build problems (added by the preview server only).
    (() => {
      const generation = document.currentScript && document.currentScript.dataset.generation;
      const scrollKey = 'sitegen-serve-scroll';
      try {
        const saved = JSON.parse(sessionStorage.getItem(scrollKey) || 'null');
        if (saved && saved.path === location.pathname) {
          sessionStorage.removeItem(scrollKey);
          const restore = () => window.scrollTo(saved.x, saved.y);
          restore();
          addEventListener('load', restore, { once: true });
        }
      } catch (e) {}

      function reload() {
        try {
          sessionStorage.setItem(scrollKey, JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY }));
        } catch (e) {}
        location.reload();
      }

      const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

      function element(tag, style, text) {
        const node = document.createElement(tag);
        node.setAttribute('style', style);
        if (text !== undefined) node.textContent = text;
        return node;
      }

      function show(problems) {
        const old = document.getElementById('sitegen-overlay');
        if (old) old.remove();
        if (!problems || problems.length === 0) return;
        const overlay = element('div', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
          'background:rgba(20,20,24,.93);color:#eee;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2em;');
        overlay.id = 'sitegen-overlay';
        overlay.setAttribute('role', 'alert');
        const title = problems.length === 1 ? 'The build failed: 1 problem' : `The build failed: ${problems.length} problems`;
        overlay.append(element('h2', 'margin:0 0 .3em;color:#ff8080;font:bold 18px system-ui,sans-serif;', title));
        overlay.append(element('p', 'margin:0 0 1.5em;color:#aaa;font:14px system-ui,sans-serif;',
          'The page shows the last good build. Save a fix and it reloads.'));
        for (const p of problems) {
          const item = element('div', 'margin:0 0 1.2em;');
          item.className = 'sitegen-problem';
          const head = element('div', 'white-space:pre-wrap;');
          head.append(element('span', 'color:#9cf;', p.location ? p.location + ': ' : ''));
          head.append(element('span', p.severity === 'error' ? 'color:#ff8080;' : 'color:#fc6;', p.severity + ': '));
          head.append(element('span', '', p.message + ' [' + p.code + ']'));
          item.append(head);
          if (p.sourceLine !== undefined && p.sourceLine !== null) {
            const pre = element('pre', 'margin:.3em 0 0;padding:.5em .8em;background:#000;border-radius:4px;overflow:auto;');
            pre.textContent = `${p.line} | ${p.sourceLine}`;
            if (p.column) {
              const gutter = ' '.repeat(String(p.line).length) + ' | ';
              pre.textContent += '\n' + gutter + Array.from(p.sourceLine).slice(0, p.column - 1)
                .map((c) => (c === '\t' ? '\t' : wide.test(c) ? '\u3000' : ' ')).join('') + '^';
            }
            item.append(pre);
          }
          overlay.append(item);
        }
        document.body.append(overlay);
      }

      const events = new EventSource('/__sitegen/events');
      events.addEventListener('hello', (e) => {
        const data = JSON.parse(e.data);
        if (generation && data.generation !== generation) return reload();
        show(data.problems);
      });
      // A rebuild names the pages it changed: another page reloads only to clear the problems it shows.
      const here = decodeURIComponent(location.pathname).replace(/index\.html$/, '');
      events.addEventListener('reload', (e) => {
        const pages = JSON.parse(e.data || '{}').pages;
        if (!pages || pages.includes(here) || document.getElementById('sitegen-overlay')) reload();
      });
      events.addEventListener('problems', (e) => show(JSON.parse(e.data).problems));
    })();
    """#
}
