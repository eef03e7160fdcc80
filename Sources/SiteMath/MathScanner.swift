/// Finds formulas in Markdown: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, bare `\begin{env}…\end{env}`, and images
/// of formulas from web services (`FormulaImageURL`) with any wrapper that held only them.
///
/// Skips fenced and indented code blocks and backtick code spans. `\$` is a dollar sign; single `$`
/// signs pair up as `DollarPairing` decides (Pandoc's rule first, Typora's `$x_i $` when no prose ends
/// up inside, prices like `$5 and $10` stay text), and no formula holds an unescaped `$`. No formula
/// crosses a blank line or a code line.
public enum MathScanner {
    /// One formula found by the scanner.
    public struct Match: Sendable, Hashable {
        /// The whole formula, delimiters included.
        public var range: Range<String.Index>
        /// The TeX between the delimiters (for environments and formula images, the same as `range`).
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
        /// For `.formulaImage`: the image and its formula.
        var image: FormulaImage? = nil
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
    /// Stretches of `$` signs that could pair in more than one way: the first sign and the formulas chosen.
    var ambiguousDollars: [(offset: Int, formulas: [Range<Int>])] = []
    /// Inline formulas already decided: the offset of each opening `$` and of its closing `$`.
    var dollarCloser: [Int: Int] = [:]
    /// Every single `$` up to this offset belongs to a stretch already paired.
    var dollarsDecidedThrough = -1
    /// Searches for a closer that failed: from any start in `from..<until` the same search fails too.
    var closerMisses: [String: (from: Int, until: Int)] = [:]
    var images: FormulaImageIndex

    init(_ t: ScalarText) {
        self.t = t
        self.isCodeLine = MarkdownCodeLines.classify(t)
        self.images = FormulaImageIndex(t, isCodeLine: isCodeLine)
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
            if isCodeLine[line] || images.definitionLines.contains(line) {
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
            case "(", "[":
                let delimiter: MathDelimiter = next == "(" ? .parenthesis : .bracket
                switch delimited(k, open: 2, close: ["\\", next == "(" ? ")" : "]"], delimiter: delimiter, line: line) {
                case .formula(let m):
                    if !isEscapedBracket(m) { return record(m) }
                case .unclosed: unclosed.append((k, next == "(" ? "\\(" : "\\["))
                case .text: break
                }
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
                if case .formula(let m) = delimited(k, open: 2, close: ["$", "$"], delimiter: .doubleDollar, line: line) {
                    return record(m)
                }
                unclosed.append((k, "$$"))
                return (k + 2, nil)
            }
            if k > dollarsDecidedThrough { pairDollars(from: k, line: line) }
            if let close = dollarCloser[k] {
                return record(.init(start: k, end: close + 1, contentStart: k + 1, contentEnd: close, delimiter: .dollar))
            }
            return (k + 1, nil)
        case "!", "[", "<":
            if let m = formulaImage(at: k) { return record(m) }
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
    mutating func findBacktickClose(run: Int, from start: Int, line: Int) -> Int? {
        let key = String(repeating: "`", count: run)
        if knownMiss(key, at: start) { return nil }
        var k = start
        var l = line
        while k < t.count {
            if k >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { break }
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
        closerMisses[key] = (start, k)
        return nil
    }

    /// Whether a search for `closer` from `start` is known to fail (an earlier one from before `start` did,
    /// and `start` lies in the stretch it covered).
    func knownMiss(_ closer: String, at start: Int) -> Bool {
        guard let miss = closerMisses[closer] else { return false }
        return start >= miss.from && start < miss.until
    }

    enum Delimited {
        case formula(MathScanner.OffsetMatch)
        /// No closer before the end of the paragraph.
        case unclosed
        /// Not a formula: `\(`/`\[` around text holding `$…$` are Markdown's escaped brackets.
        case text
    }

    /// A formula opened by `open` scalars at `k` and closed by the two scalars `close`, within the paragraph.
    /// Inside, a backslash escapes the next scalar, so `\$` and `\\` never close.
    mutating func delimited(_ k: Int, open: Int, close: [Unicode.Scalar], delimiter: MathDelimiter, line: Int) -> Delimited {
        let closer = String(String.UnicodeScalarView(close))
        if knownMiss(closer, at: k) { return .unclosed }
        var p = k + open
        var l = line
        var holdsDollar = false
        while p < t.count {
            if p >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { break }
                p = t.lineStarts[l]
                continue
            }
            let c = t.scalars[p]
            if c == close[0], t[p + 1] == close[1] {
                guard p > k + open else { return .unclosed }
                if holdsDollar { return .text }
                return .formula(.init(start: k, end: p + 2, contentStart: k + open, contentEnd: p, delimiter: delimiter))
            }
            if c == "$", delimiter == .parenthesis || delimiter == .bracket { holdsDollar = true }
            if c == "\\", let groupEnd = textGroupEnd(at: p, line: l) {
                p = groupEnd
                l = t.line(of: p - 1)
                continue
            }
            p += c == "\\" ? 2 : 1
        }
        closerMisses[closer] = (k, p)
        return .unclosed
    }

    /// `\(1\)` or `\(II\)` opening a line, `\[解析\]` or `\[pæk\]`: Markdown's escaped brackets around a
    /// label or a word (converters write them to keep `(1)` from starting a list), not math.
    func isEscapedBracket(_ m: MathScanner.OffsetMatch) -> Bool {
        let content = t.text(m.contentStart, m.contentEnd)
        if m.delimiter == .parenthesis, content.count <= 4,
           content.allSatisfy({ $0.isASCII && $0.isNumber }) || content.allSatisfy({ "IVXivx".contains($0) })
        {
            var k = m.start
            while k > t.lineStarts[t.line(of: m.start)], t.scalars[k - 1].isMarkdownSpace { k -= 1 }
            return k == t.lineStarts[t.line(of: m.start)]
        }
        let shape = FormulaShape(t, from: m.contentStart, to: m.contentEnd)
        return shape.isProse && !shape.hasTeXSyntax && !shape.crossesLines
    }

    /// Collects the single `$` signs from `k` on — through the lines of its paragraph, up to a `$$` or a
    /// code span — and records which of them pair up as formulas (`DollarPairing`).
    mutating func pairDollars(from k: Int, line: Int) {
        var tokens = [k]
        var p = k + 1
        var l = line
        scan: while p < t.count {
            if p >= t.lineEnds[l] {
                guard continuesInlineMath(after: l) else { break }
                l += 1
                p = t.lineStarts[l]
                continue
            }
            switch t.scalars[p] {
            case "\\":
                // `\text{… $x$ …}`: math nested in a text group of a formula, not a delimiter.
                if let groupEnd = textGroupEnd(at: p, line: l) {
                    p = groupEnd
                    l = t.line(of: p - 1)
                    continue
                }
                p += 2
            case "$":
                if t[p + 1] == "$" {
                    // `$x$$y$`: a closer right before an opener, when it closes a Pandoc-style formula.
                    guard tokens.count % 2 == 1, let w = DollarPairing.weight(open: tokens[tokens.count - 1], close: p, in: t),
                          w >= 3, t[p + 2].map({ !$0.isUnicodeWhitespace && $0 != "$" }) ?? false
                    else { break scan }
                    tokens += [p, p + 1]
                    p += 2
                    continue
                }
                tokens.append(p)
                p += 1
            case "`":
                let run = runLength(of: "`", at: p)
                if findBacktickClose(run: run, from: p + run, line: l) != nil { break scan }
                p += run
            case "!", "[", "<":
                // A formula image ends the stretch: its URL may hold `$` signs of its own.
                if formulaImage(at: p) != nil { break scan }
                p += 1
            default:
                p += 1
            }
        }
        let pairing = DollarPairing(tokens: tokens, in: t)
        for pair in pairing.pairs { dollarCloser[pair.open] = pair.close }
        if pairing.isAmbiguous { ambiguousDollars.append((k, pairing.pairs.map { $0.open..<($0.close + 1) })) }
        dollarsDecidedThrough = tokens[tokens.count - 1]
    }

    /// The longest `\text{…}` group searched for its closing brace inside inline math.
    static let longestTextGroup = 1_000

    /// For `\text{…}`, `\mbox{…}` … at the backslash at `k`: the offset just past the `}` closing the group,
    /// searched within the paragraph and `longestTextGroup` scalars.
    func textGroupEnd(at k: Int, line: Int) -> Int? {
        guard t[k + 1] == "t" || t[k + 1] == "m" else { return nil }
        var p = k + 1
        while p < t.count, t.scalars[p].isASCIILetter { p += 1 }
        guard TeXText.textCommands.contains(t.text(k + 1, p)) else { return nil }
        while t[p] == " " { p += 1 }
        guard t[p] == "{" else { return nil }
        var depth = 0
        var l = line
        let limit = min(t.count, p + Self.longestTextGroup)
        while p < limit {
            if p >= t.lineEnds[l] {
                guard continuesInlineMath(after: l) else { return nil }
                l += 1
                p = t.lineStarts[l]
                continue
            }
            switch t.scalars[p] {
            case "\\": p += 1
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return p + 1 }
            default: break
            }
            p += 1
        }
        return nil
    }

    /// Whether inline math may continue from line `l` onto the next: the same paragraph at the same block-quote
    /// depth, not a heading or table row, and the next line starts no list item, heading or table row.
    func continuesInlineMath(after l: Int) -> Bool {
        let next = l + 1
        guard next < t.lineCount, !t.isBlankLine(next), !isCodeLine[next] else { return false }
        let here = LineShape(t, line: l), there = LineShape(t, line: next)
        if here.contentStart < here.end, t.scalars[here.contentStart] == "|" || t.scalars[here.contentStart] == "#" {
            return false
        }
        if there.listItemContentIndent != nil { return false }
        let first = t.scalars[there.contentStart]
        return first != "#" && first != "|" && LineShape.quoteDepth(t, line: next) == LineShape.quoteDepth(t, line: l)
    }

    /// `\begin{env}…\end{env}` for a math environment, nesting counted, within the paragraph.
    mutating func environment(at k: Int, line: Int) -> MathScanner.OffsetMatch? {
        guard let name = environmentName(after: "begin", at: k), Self.environments.contains(name) else { return nil }
        let closer = "\\end{\(name)}"
        if knownMiss(closer, at: k) { return nil }
        var depth = 0
        var sawEnd = false
        var p = k
        var l = line
        while p < t.count {
            if p >= t.lineEnds[l] {
                l += 1
                guard l < t.lineCount, !t.isBlankLine(l), !isCodeLine[l] else { break }
                p = t.lineStarts[l]
                continue
            }
            if t.scalars[p] == "\\" {
                if environmentName(after: "begin", at: p) == name {
                    depth += 1
                } else if environmentName(after: "end", at: p) == name {
                    sawEnd = true
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
        // With no `\end{name}` at all in the stretch, a search from any later `\begin{name}` in it fails too.
        if !sawEnd { closerMisses[closer] = (k, p) }
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
