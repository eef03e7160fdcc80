import SiteCore

/// Where formulas become typeset math.
public enum MathRenderingMode: String, Sendable, Codable {
    /// KaTeX ran during the build; pages need only the CSS and fonts.
    case buildTime
    /// Pages carry TeX in `\(…\)`/`\[…\]` and KaTeX auto-render typesets it in the browser.
    case clientSide
}

/// The HTML for one formula and what went wrong while rendering it.
public struct RenderedMath: Sendable, Hashable {
    public var html: String
    public var diagnostics: [Diagnostic]

    public init(html: String, diagnostics: [Diagnostic] = []) {
        self.html = html
        self.diagnostics = diagnostics
    }

    /// The typeset HTML without KaTeX's MathML copy, for navigation (a table of contents, a question
    /// index) where the formula is shown once more and a screen reader reads the heading itself.
    public var htmlWithoutMathML: String {
        var out = html
        while let start = out.range(of: "<span class=\"katex-mathml\">"),
              let end = out.range(of: "</math></span>", range: start.upperBound..<out.endIndex) {
            out.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return out
    }
}

/// Turns formulas into HTML. Implementations are thread-safe and may be called with all the spans of a
/// site at once or page by page from several threads.
public protocol MathRendering: Sendable {
    var mode: MathRenderingMode { get }
    /// One result per span, in order. `macros` maps `\name` (or `name`) to its TeX expansion.
    func render(_ spans: [MathSpan], macros: [String: String]) -> [RenderedMath]
}

/// The fallback when node or KaTeX is missing: TeX kept as text for KaTeX auto-render in the browser.
public struct ClientSideMathRenderer: MathRendering {
    public init() {}

    public var mode: MathRenderingMode { .clientSide }

    public func render(_ spans: [MathSpan], macros: [String: String]) -> [RenderedMath] {
        spans.map { span in
            let tex = span.tex.htmlEscaped
            return RenderedMath(html: span.display
                ? #"<span class="math math-display">\[\#(tex)\]</span>"#
                : #"<span class="math math-inline">\(\#(tex)\)</span>"#)
        }
    }
}

extension Dictionary where Key == String, Value == String {
    /// Macro names as KaTeX wants them (`\R`), with a stable text form for cache keys.
    var katexMacros: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in self { out[k.hasPrefix("\\") ? k : "\\" + k] = v }
        return out
    }

    var cacheKeyText: String {
        katexMacros.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}")
    }
}

extension MathRendering {
    /// `render`, with each lost formula (`.lost` span) shown as a small marker, `公式缺失`, whose title is
    /// the warning, instead of being typeset.
    public func renderMarkingLost(_ spans: [MathSpan], macros: [String: String]) -> [RenderedMath] {
        guard spans.contains(where: { $0.delimiter == .lost }) else { return render(spans, macros: macros) }
        var typeset = render(spans.filter { $0.delimiter != .lost }, macros: macros)[...]
        return spans.map { span in
            guard span.delimiter == .lost else { return typeset.popFirst() ?? RenderedMath(html: "") }
            return RenderedMath(html: #"<span class="math-lost" title="\#(span.lostReason.htmlEscaped)">公式缺失</span>"#)
        }
    }
}
