import SiteCore

/// Accumulates the normalised Markdown line by line, remembering where every line and heading came
/// from, so that each format only decides *what* to write.
struct OutlineWriter {
    let input: NormalizerInput
    private(set) var lines: [String] = []
    private(set) var origins: [LineMap.Origin] = []
    private(set) var headings: [NormalizedHeading] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(input: NormalizerInput) {
        self.input = input
    }

    /// The original-file origin of 1-based body line `bodyLine`, plus `dedent` columns removed here.
    func origin(ofBodyLine bodyLine: Int, dedent: Int = 0) -> LineMap.Origin {
        let map = input.lineMap
        guard !map.origins.isEmpty else { return LineMap.Origin(line: bodyLine, columnOffset: dedent) }
        let o = map.origins[min(max(bodyLine, 1), map.origins.count) - 1]
        return LineMap.Origin(line: o.line, columnOffset: o.columnOffset + dedent)
    }

    func sourceLine(ofBodyLine bodyLine: Int) -> Int { origin(ofBodyLine: bodyLine).line }

    var lastLineIsBlank: Bool { lines.last.map { $0.allSatisfy(\.isWhitespace) } ?? true }

    mutating func line<S: StringProtocol>(_ text: S, from bodyLine: Int, dedent: Int = 0) {
        lines.append(String(text))
        origins.append(origin(ofBodyLine: bodyLine, dedent: dedent))
    }

    /// A blank line, unless the text is empty or already ends with one.
    mutating func blankLine(from bodyLine: Int) {
        if !lastLineIsBlank { line("", from: bodyLine) }
    }

    /// The deepest heading level written; deeper outline levels are written at this one.
    static let deepestHeadingLevel = 12

    /// A heading surrounded by blank lines. Past level 6, where Markdown stops, it is written with as many
    /// `#` (`####### 梯度消失`): a paragraph to cmark-gfm, which SiteMarkdown's `promotingDeepHeadings(source:)`
    /// turns back into a heading. Past `deepestHeadingLevel` (an outline no reader can follow, and a line
    /// whose `#` would grow with the depth) it is written at that level with a warning. A question's card
    /// number (`3.title`) leaves the text to become its label.
    mutating func heading(_ level: Int, _ text: String, role: HeadingRole, from bodyLine: Int) {
        var clean = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmed
        var number: Int?
        if role == .question, let card = CardNumber.split(QuestionText.stripEmphasis(clean)) {
            (number, clean) = (card.number, card.title)
        }
        let written = min(max(level, 1), Self.deepestHeadingLevel)
        if written < level {
            warn("‘\(clean)’ would be a level-\(level) heading; headings stop at level \(written), so it is shown "
                    + "at that level: nest the outline less deeply", code: "heading-too-deep", bodyLine: bodyLine)
        }
        blankLine(from: bodyLine)
        line(String(repeating: "#", count: written) + " " + clean, from: bodyLine)
        headings.append(NormalizedHeading(
            level: written, text: clean, role: role, number: number, markdownLine: lines.count,
            sourceLine: sourceLine(ofBodyLine: bodyLine)))
        line("", from: bodyLine)
    }

    /// A heading that exists in no body line (a front matter title), attributed to `fileLine`.
    mutating func syntheticHeading(_ level: Int, _ text: String, role: HeadingRole, fileLine: Int) {
        blankLine(from: 1)
        lines.append(String(repeating: "#", count: level) + " " + text)
        origins.append(LineMap.Origin(line: fileLine))
        headings.append(NormalizedHeading(
            level: level, text: text, role: role, markdownLine: lines.count, sourceLine: fileLine))
        lines.append("")
        origins.append(LineMap.Origin(line: fileLine))
    }

    /// A warning at a body line; without a column, at the line's first column.
    mutating func warn(_ message: String, code: String, bodyLine: Int, column: Int = 1) {
        let o = origin(ofBodyLine: bodyLine)
        diagnostics.append(.warning(message, code: code, at: SourceLocation(path: input.path, line: o.line, column: max(column, 1) + o.columnOffset)))
    }

    mutating func append(_ more: [Diagnostic]) { diagnostics += more }

    /// The finished note: trailing blank lines dropped, one final newline, questions built from headings.
    func finish(format: SourceFormat, title: String?) -> NormalizedNote {
        var lines = lines, origins = origins
        while let last = lines.last, last.allSatisfy(\.isWhitespace) {
            lines.removeLast()
            origins.removeLast()
        }
        var headings = headings
        let questions = QuestionTree.build(&headings)
        let markdown = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        return NormalizedNote(
            format: format, markdown: markdown, lineMap: LineMap(origins: origins), title: title,
            questions: questions, diagnostics: diagnostics + TextChecks.run(input), headings: headings)
    }
}
