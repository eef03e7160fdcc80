import SiteCore
import SiteMarkdown
import SiteMath

extension BuildStep {
    /// Highlights fenced code that names a language (```` ```python ````) at build time with Prism, in the node
    /// processes that typeset the formulas: tokens become `<span class="token …">`, coloured by the theme, and
    /// the page needs no script. Without node or Prism, or for a language Prism does not know, code stays plain.
    /// Runs per batch, so that a large site holds one batch of highlighted code at a time.
    public static let highlightCode = BuildStep("highlight code", perBatch: true) { context in
        // With an artifact store, notes that did not change keep their highlighted code.
        let store = context.artifacts?.highlights
        defer { store?.remember(context.pages, forgettingOthers: !context.refreshesEditedNotes) }
        var toFind: [Int] = []
        for i in context.batchPages where context.pages[i].protected != nil {
            if let known = store?.highlighted(context.pages[i]) {
                context.pages[i].highlightedCode = known
                context.counters["codeBlocksHighlighted", default: 0] += known.count
            } else {
                toFind.append(i)
            }
        }
        let pages = context.pages
        let found = toFind.parallelMap { i in
            var blocks: [(page: Int, line: Int, language: String, code: String)] = []
            pages[i].document.walk { node in
                guard case .codeBlock(let info, let literal, _) = node.kind, let line = node.range?.startLine else { return true }
                let language = String(info.prefix { !$0.isWhitespace })
                if !language.isEmpty, language != "tensor", pages[i].examples[line] == nil {
                    blocks.append((i, line, language, literal))
                }
                return false
            }
            return blocks
        }.flatMap { $0 }
        guard !found.isEmpty, let node = context.mathRenderer() as? KaTeXRenderer else { return }
        let highlighted = node.highlight(found.map { CodeToHighlight(language: $0.language, code: $0.code) })
        for (block, html) in zip(found, highlighted) {
            guard let html else { continue }
            let language = block.language.htmlEscaped
            context.pages[block.page].highlightedCode[block.line] =
                #"<pre class="highlighted" data-language="\#(language)"><code class="language-\#(language)">\#(html)</code></pre>"#
        }
        context.counters["codeBlocksHighlighted", default: 0] += highlighted.count { $0 != nil }
    }
}
