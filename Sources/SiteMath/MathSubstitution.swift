import SiteCore

/// Puts rendered formulas back where `MathProtector` left placeholders.
public enum MathSubstitution {
    /// Replaces each `MathPlaceholder.make(i)` in `html` by `rendered[i]`; placeholders without a
    /// rendering stay as they are (see `missingIndices`).
    ///
    /// With `bindingPunctuation`, an inline formula followed by closing punctuation (`$x$，`) is kept on
    /// one line with it, in a `<span class="math-nobreak">`: a line never starts with `，` after a formula.
    public static func substitute(in html: String, rendered: [String], bindingPunctuation: Bool = false) -> String {
        let found = MathPlaceholder.occurrences(in: html)
        guard !found.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + rendered.reduce(0) { $0 + $1.utf8.count })
        var copied = html.startIndex
        for (range, index) in found where index < rendered.count {
            out += html[copied..<range.lowerBound]
            copied = range.upperBound
            let after = html.unicodeScalars[copied...].prefix { bindingPunctuation && closingPunctuation.contains($0) }
            if after.isEmpty || isDisplay(rendered[index]) {
                out += rendered[index]
            } else {
                copied = after.endIndex
                out += "<span class=\"math-nobreak\">" + rendered[index] + String(after) + "</span>"
            }
        }
        out += html[copied...]
        return out
    }

    /// Punctuation that must not begin a line: Chinese and Latin closing marks.
    static let closingPunctuation = Set("，。、；：！？）》」』】〉”’…．,.;:!?)".unicodeScalars)

    /// Whether a rendering is a display formula: KaTeX's display span, a `<div>`, or an opening tag whose
    /// attributes name `math-display` (a client-side or failed display formula).
    static func isDisplay(_ html: String) -> Bool {
        if html.hasPrefix("<span class=\"katex-display") || html.hasPrefix("<div") { return true }
        let tagEnd = html.utf8.firstIndex(of: UInt8(ascii: ">")) ?? html.endIndex
        return html[..<tagEnd].containsBytes("math-display")
    }

    /// Placeholder indices in `html` that have no rendering (a bug upstream if not empty).
    public static func missingIndices(in html: String, renderedCount: Int) -> [Int] {
        MathPlaceholder.occurrences(in: html).map(\.index).filter { $0 >= renderedCount }
    }
}

extension MathRendering {
    /// Renders the formulas of one page and puts them into its HTML: `render` then `substitute`.
    public func renderPage(html: String, spans: [MathSpan], macros: [String: String]) -> (html: String, diagnostics: [Diagnostic]) {
        let rendered = renderMarkingLost(spans, macros: macros)
        return (MathSubstitution.substitute(in: html, rendered: rendered.map(\.html)), rendered.flatMap(\.diagnostics))
    }
}
