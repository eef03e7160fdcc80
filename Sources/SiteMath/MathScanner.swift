/// Finds formulas in Markdown: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and bare `\begin{env}…\end{env}`.
///
/// Skips fenced and indented code blocks and backtick code spans. `\$` is a dollar sign, and a `$`
/// opens inline math only when followed by a non-space and closed by a `$` on the same line that
/// follows a non-space and is not followed by a digit (Pandoc's rule), so prices like `$2.00` or
/// `$5 and $10` are text. No formula crosses a blank line or a code line.
public enum MathScanner {
    /// One formula found by the scanner.
    public struct Match: Sendable, Hashable {
        /// The whole formula, delimiters included.
        public var range: Range<String.Index>
        /// The TeX between the delimiters (for environments, the same as `range`).
        public var contentRange: Range<String.Index>
        public var delimiter: MathDelimiter
        /// 1-based line and column (Unicode scalars) of the opening delimiter in the scanned text.
        public var line: Int
        public var column: Int
    }

    /// The ranges of all formulas in `text`, delimiters included, in order.
    public static func spans(in text: String) -> [Range<String.Index>] {
        scan(text).map(\.range)
    }

    /// Formulas and backtick code spans in `text`, from one scan: the stretches a Markdown-level
    /// rewrite must leave alone.
    public static func mathAndCodeSpans(in text: String) -> [Range<String.Index>] {
        let t = ScalarText(text)
        var cursor = MathCursor(t)
        let math = cursor.run().map { t.range($0.start, $0.end) }
        return math + cursor.codeSpans.map { t.range($0.lowerBound, $0.upperBound) }
    }

    /// All formulas in `text`, in order.
    public static func scan(_ text: String) -> [Match] {
        let t = ScalarText(text)
        return scanOffsets(t).map { m in
            let p = t.position(of: m.start)
            return Match(
                range: t.range(m.start, m.end), contentRange: t.range(m.contentStart, m.contentEnd),
                delimiter: m.delimiter, line: p.line, column: p.column
            )
        }
    }

    /// Whether `text` contains any math delimiter candidate at all (a cheap pre-check).
    public static func mayContainMath(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "$" || $0 == "\\" }
    }

    struct OffsetMatch {
        var start: Int, end: Int, contentStart: Int, contentEnd: Int
        var delimiter: MathDelimiter
    }

    static func scanOffsets(_ t: ScalarText) -> [OffsetMatch] {
        var cursor = MathCursor(t)
        return cursor.run()
    }
}

/// The left-to-right scan behind `MathScanner`.
struct MathCursor {
    let t: ScalarText
    let isCodeLine: [Bool]
    var matches: [MathScanner.OffsetMatch] = []
    /// Backtick code spans met on the way, as offset ranges.
    var codeSpans: [Range<Int>] = []
    /// Openers of `$$`, `\(`, `\[` and math environments that found no closer in their paragraph.
    var unclosed: [(offset: Int, opener: String)] = []

    init(_ t: ScalarText) {
        self.t = t
        self.isCodeLine = MarkdownCodeLines.classify(t)
    }

    /// Environments recognised outside delimiters: those KaTeX renders as display math.
    static let environments: Set<String> = [
        "equation", "equation*", "align", "align*", "aligned", "alignat", "alignat*", "alignedat",
        "gather", "gather*", "gathered", "split", "multline", "multline*", "cases", "dcases", "rcases",
        "drcases", "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
        "array", "darray", "subarray", "eqnarray", "eqnarray*", "CD",
    ]

    mutating func run() -> [MathScanner.OffsetMatch] {
        var line = 0
        while line < t.lineCount {
            if isCodeLine[line] {
                line += 1
                continue
            }
            var k = t.lineStarts[line]
            var nextLine = line + 1
            while k < t.lineEnds[line] {
                let (advance, resumeLine) = step(at: k, line: line)
                if let resumeLine, resumeLine != line {
                    // A construct ended on a later line: continue there.
                    k = advance
                    line = resumeLine
                    nextLine = line + 1
                    continue
                }
                k = advance
            }
            line = nextLine
        }
        return matches
    }

    /// Handles the construct at `k`; returns where to continue and, if it moved, on which line.
    mutating func step(at k: Int, line: Int) -> (Int, Int?) {
        let c = t.scalars[k]
        switch c {
        case "`":
            let run = runLength(of: "`", at: k)
            if let close = findBacktickClose(run: run, from: k + run, line: line) {
                codeSpans.append(k..<close)
                return (close, t.line(of: max(close - 1, k)))
            }
            return (k + run, nil)
        case "\\":
            guard let next = t[k + 1] else { return (k + 1, nil) }
            switch next {
            case "(":
                if let m = delimited(k, open: 2, close: ["\\", ")"], delimiter: .parenthesis, line: line) {
                    return record(m)
                }
                unclosed.append((k, "\\("))
            case "[":
                if let m = delimited(k, open: 2, close: ["\\", "]"], delimiter: .bracket, line: line) {
                    return record(m)
                }
                unclosed.append((k, "\\["))
            case "b":
                if let m = environment(at: k, line: line) { return record(m) }
                if let name = environmentName(after: "begin", at: k), Self.environments.contains(name) {
                    unclosed.append((k, "\\begin{\(name)}"))
                }
            default:
                break
            }
            return (k + 2, nil)
        case "$":
            if t[k + 1] == "$" {
                if let m = delimited(k, open: 2, close: ["$", "$"], delimiter: .doubleDollar, line: line) {
                    return record(m)
                }
                unclosed.append((k, "$$"))
                return (k + 2, nil)
            }
            if let m = inlineDollar(at: k, line: line) { return record(m) }
            return (k + 1, nil)
        default:
            return (k + 1, nil)
        }
    }

    mutating func record(_ m: MathScanner.OffsetMatch) -> (Int, Int?) {
        matches.append(m)
        return (m.end, t.line(of: max(m.end - 1, m.start)))
    }

    func runLength(of c: Unicode.Scalar, at k: Int) -> Int {
        var e = k
        while e < t.count, t.scalars[e] == c { e += 1 }
        return e - k
    }

    /// The offset just past a closing backtick run of exactly `run`, within the paragraph.
    func findBacktickClose(run: Int, from start: Int, line: Int) -> Int? {
        var k = start
        var l = line
        while k < t.count {
            if k >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { return nil }
                k = t.lineStarts[l]
                continue
            }
            if t.scalars[k] == "`" {
                let r = runLength(of: "`", at: k)
                if r == run { return k + r }
                k += r
            } else {
                k += 1
            }
        }
        return nil
    }

    /// A formula opened by `open` scalars at `k` and closed by the two scalars `close`, within the paragraph.
    /// Inside, a backslash escapes the next scalar, so `\$` and `\\` never close.
    func delimited(_ k: Int, open: Int, close: [Unicode.Scalar], delimiter: MathDelimiter, line: Int)
        -> MathScanner.OffsetMatch?
    {
        var p = k + open
        var l = line
        while p < t.count {
            if p >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { return nil }
                p = t.lineStarts[l]
                continue
            }
            let c = t.scalars[p]
            if c == close[0], t[p + 1] == close[1] {
                guard p > k + open else { return nil }
                return .init(start: k, end: p + 2, contentStart: k + open, contentEnd: p, delimiter: delimiter)
            }
            p += c == "\\" ? 2 : 1
        }
        return nil
    }

    /// `$…$` on one line, following Pandoc's rules for the opening and closing dollar.
    func inlineDollar(at k: Int, line: Int) -> MathScanner.OffsetMatch? {
        guard let first = t[k + 1], !first.properties.isWhitespace, k + 1 < t.lineEnds[line] else { return nil }
        var p = k + 1
        let end = t.lineEnds[line]
        while p < end {
            let c = t.scalars[p]
            if c == "\\" {
                p += 2
                continue
            }
            if c == "$" {
                let before = t.scalars[p - 1]
                let after = t[p + 1]
                if p > k + 1, !before.properties.isWhitespace, !(after?.isASCIIDigit ?? false) {
                    return .init(start: k, end: p + 1, contentStart: k + 1, contentEnd: p, delimiter: .dollar)
                }
                if t[p + 1] == "$" { return nil }
            }
            p += 1
        }
        return nil
    }

    /// `\begin{env}…\end{env}` for a math environment, nesting counted, within the paragraph.
    func environment(at k: Int, line: Int) -> MathScanner.OffsetMatch? {
        guard let name = environmentName(after: "begin", at: k), Self.environments.contains(name) else { return nil }
        var depth = 0
        var p = k
        var l = line
        while p < t.count {
            if p >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { return nil }
                p = t.lineStarts[l]
                continue
            }
            if t.scalars[p] == "\\" {
                if environmentName(after: "begin", at: p) == name {
                    depth += 1
                } else if environmentName(after: "end", at: p) == name {
                    depth -= 1
                    if depth == 0 {
                        let end = p + "\\end{".unicodeScalars.count + name.unicodeScalars.count + 1
                        return .init(start: k, end: end, contentStart: k, contentEnd: end, delimiter: .environment)
                    }
                }
                p += 2
                continue
            }
            p += 1
        }
        return nil
    }

    /// The `name` in `\begin{name}` (or `\end{name}`) at offset `k`.
    func environmentName(after command: String, at k: Int) -> String? {
        var p = k + 1
        for c in command.unicodeScalars {
            guard t[p] == c else { return nil }
            p += 1
        }
        guard t[p] == "{" else { return nil }
        p += 1
        var name = String.UnicodeScalarView()
        while let c = t[p], c != "}" {
            guard c.isASCIILetter || c == "*", name.count < 20 else { return nil }
            name.append(c)
            p += 1
        }
        guard t[p] == "}", !name.isEmpty else { return nil }
        return String(name)
    }
}
