import Foundation
import SiteCore
import SiteMath

extension BuildStep {
    /// Typesets the formulas of the batch's pages (`BuildContext.batch`, else of the site) in one request per
    /// macro set (KaTeX at build time when available) and puts the results where the placeholders stand. A
    /// formula that cannot be typeset is a warning, or an error with `math: {errors: fail}`.
    public static let renderMath = BuildStep("render math", perBatch: true) { context in
        let renderer = context.mathRenderer()

        let siteMacros = context.config.mathMacros
        var groups: [[String: String]: [Int]] = [:]
        var total = 0, failed = 0
        // Bodies reused from `context.artifacts` hold their formulas typeset already.
        let batch = context.batchPages
        for i in batch where context.pages[i].reuse.body {
            total += context.pages[i].formulaCount
            failed += context.pages[i].diagnostics.count { $0.code == KaTeXRenderer.errorCode }
        }
        for i in batch where !(context.pages[i].protected?.spans.isEmpty ?? true) && !context.pages[i].reuse.body {
            groups[siteMacros.merging(context.pages[i].frontMatter.macros) { _, p in p }, default: []].append(i)
        }
        for (macros, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            let spans = indices.flatMap { context.pages[$0].protected?.spans ?? [] }
            let rendered = renderer.renderMarkingLost(spans, macros: macros)
            total += spans.count { $0.delimiter != .lost }
            var slices: [(page: Int, results: ArraySlice<RenderedMath>)] = []
            var offset = 0
            for i in indices {
                let count = context.pages[i].protected?.spans.count ?? 0
                slices.append((i, rendered[offset..<min(offset + count, rendered.count)]))
                offset += count
            }
            let pages = context.pages
            let substituted = slices.parallelMap { slice in
                MathSubstitution.substitute(in: pages[slice.page].bodyHTML, rendered: slice.results.map(\.html),
                                            bindingPunctuation: true)
            }
            // Only the few formulas in headings and questions need their MathML-free copy.
            for slice in slices {
                let results = slice.results
                context.pages[slice.page].typesetNavigation { html in
                    html.replacingMathPlaceholders { i in
                        i < results.count ? results[results.startIndex + i].htmlWithoutMathML : MathPlaceholder.make(i)
                    }
                }
            }
            for (slice, html) in zip(slices, substituted) {
                var diagnostics = slice.results.flatMap(\.diagnostics)
                for i in diagnostics.indices where diagnostics[i].code == KaTeXRenderer.errorCode {
                    failed += 1
                    if context.config.mathErrors == .fail { diagnostics[i].severity = .error }
                }
                context.pages[slice.page].diagnostics += diagnostics
                context.pages[slice.page].bodyHTML = html
            }
        }
        context.counters["formulas", default: 0] += total
        context.counters["formulasFailed", default: 0] += failed
        context.mathMode = renderer.mode
        if let katex = renderer as? KaTeXRenderer {
            if let failure = katex.startFailure {
                let notice = MathSetup.clientSideNotice(because: failure.description)
                if !context.diagnostics.contains(where: { $0.code == notice.code }) { context.diagnostics.append(notice) }
            }
            context.counters["formulasRendered"] = katex.statistics.rendered
            context.counters["formulasCached"] = katex.statistics.cached
        }
    }
}

extension BuildContext {
    /// The injected renderer, else KaTeX in node (made once, with a notice when formulas are left to the browser).
    mutating func mathRenderer() -> any MathRendering {
        if let made = math { return made }
        let cache = BuildContext.resolve(config.cacheDirectory, against: root).appendingPathComponent("math")
        let (made, notice) = MathSetup.makeRenderer(cacheDirectory: cache)
        if let notice { diagnostics.append(notice) }
        math = made
        return made
    }

    /// Formulas meant to be typeset at build time were left to the browser because node failed during
    /// this build: what it made is not worth remembering (the next build tries again).
    var mathFellBackToBrowser: Bool {
        mathMode != .clientSide && diagnostics.contains { $0.code == "math-client-side" }
    }
}

extension Page {
    /// Puts typeset formulas into the TOC and question index entries.
    mutating func typesetNavigation(_ substitute: (String) -> String) {
        for i in toc.indices { toc[i].html = substitute(toc[i].html) }
        func typeset(_ q: inout QuestionEntry) {
            q.html = substitute(q.html)
            for k in q.followUps.indices { typeset(&q.followUps[k]) }
        }
        for i in questions.indices { typeset(&questions[i]) }
    }
}

extension String {
    /// The text with each math placeholder replaced by `replacement(index)`.
    func replacingMathPlaceholders(_ replacement: (Int) -> String) -> String {
        let found = MathPlaceholder.occurrences(in: self)
        guard !found.isEmpty else { return self }
        var out = ""
        var cursor = startIndex
        for (range, index) in found {
            out += self[cursor..<range.lowerBound]
            out += replacement(index)
            cursor = range.upperBound
        }
        out += self[cursor...]
        return out
    }
}
