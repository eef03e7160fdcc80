import SiteCore

/// How a formula was delimited in the source.
public enum MathDelimiter: String, Sendable, Codable {
    /// `$…$`
    case dollar
    /// `$$…$$`
    case doubleDollar
    /// `\(…\)`
    case parenthesis
    /// `\[…\]`
    case bracket
    /// `\begin{env}…\end{env}` outside any other delimiter.
    case environment
    /// An image rendered by a formula service (`![](https://latex.codecogs.com/gif.latex?…)`, `<img src=…>`).
    case formulaImage
    /// None: TeX in prose that lost its delimiters but is unmistakable (`其中x^{(k)}为`), typeset inline.
    case bare
    /// None and no TeX: a formula an export dropped (a gap, `[公式]`); the page shows a marker, not math.
    case lost

    /// Whether the delimiter itself asks for display math.
    public var isDisplay: Bool {
        switch self {
        case .dollar, .parenthesis, .formulaImage, .bare, .lost: false
        case .doubleDollar, .bracket, .environment: true
        }
    }
}

/// One formula found in a page.
public struct MathSpan: Sendable, Hashable {
    /// The TeX to render, after repairs, without delimiters.
    public var tex: String
    /// The exact source text, delimiters included.
    public var original: String
    public var delimiter: MathDelimiter
    /// Display math (block) rather than inline.
    public var display: Bool
    /// The opening delimiter in the original file.
    public var location: SourceLocation
    /// For a lost formula (`.lost`): the warning, which its marker shows on hover.
    public var lostReason = ""

    /// What messages quote and a failed formula shows: the source, or for a formula image its TeX.
    public var shownSource: String { delimiter == .formulaImage ? tex : original }

    public init(tex: String, original: String, delimiter: MathDelimiter, display: Bool, location: SourceLocation) {
        self.tex = tex
        self.original = original
        self.delimiter = delimiter
        self.display = display
        self.location = location
    }
}

/// Markdown whose formulas were replaced by placeholders that cmark-gfm leaves alone.
public struct ProtectedMarkdown: Sendable {
    /// The Markdown with each formula replaced by `MathPlaceholder.make(i)`.
    public var text: String
    /// `spans[i]` is the formula behind placeholder `i`.
    public var spans: [MathSpan]
    /// Where each line of `text` came from in the original file.
    public var lineMap: LineMap
    /// Repairs (notes) and lost formulas (warnings).
    public var diagnostics: [Diagnostic]

    /// The number of formulas: spans that are not markers of lost ones.
    public var formulaCount: Int { spans.count { $0.delimiter != .lost } }

    public init(text: String, spans: [MathSpan], lineMap: LineMap, diagnostics: [Diagnostic]) {
        self.text = text
        self.spans = spans
        self.lineMap = lineMap
        self.diagnostics = diagnostics
    }
}
