import SiteCore

/// Puts rendered formulas back where `MathProtector` left placeholders.
public enum MathSubstitution {
    /// Replaces each `MathPlaceholder.make(i)` in `html` by `rendered[i]`; placeholders without a
    /// rendering stay as they are (see `missingIndices`).
    public static func substitute(in html: String, rendered: [String]) -> String {
        let found = MathPlaceholder.occurrences(in: html)
        guard !found.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + rendered.reduce(0) { $0 + $1.utf8.count })
        var copied = html.startIndex
        for (range, index) in found where index < rendered.count {
            out += html[copied..<range.lowerBound]
            out += rendered[index]
            copied = range.upperBound
        }
        out += html[copied...]
        return out
    }

    /// Placeholder indices in `html` that have no rendering (a bug upstream if not empty).
    public static func missingIndices(in html: String, renderedCount: Int) -> [Int] {
        MathPlaceholder.occurrences(in: html).map(\.index).filter { $0 >= renderedCount }
    }
}

extension MathRendering {
    /// Renders the formulas of one page and puts them into its HTML: `render` then `substitute`.
    public func renderPage(html: String, spans: [MathSpan], macros: [String: String]) -> (html: String, diagnostics: [Diagnostic]) {
        let rendered = render(spans, macros: macros)
        return (MathSubstitution.substitute(in: html, rendered: rendered.map(\.html)), rendered.flatMap(\.diagnostics))
    }
}
