/// Decides which single `$` signs of a stretch of text pair up as inline math (docs/math.md).
///
/// A formula never contains an unescaped `$`, so a formula is always two neighbouring signs of the
/// stretch. Each neighbouring pair gets a weight — Pandoc's pairs (a non-space after the opener, a
/// non-space before the closer, no digit after it) weigh most; a space inside a delimiter (Typora and
/// MathJax accept `$x_i $`), a digit after the closer or a line break inside weigh less, and a loose
/// pair that holds prose or broken TeX, or that looks like a price, is not a formula at all — and a sign
/// left over costs, unless a digit follows it (`$5`). The pairing with the highest total wins; when
/// another pairing comes within `ambiguityMargin` of it, the stretch is reported as ambiguous.
struct DollarPairing {
    /// Opener and closer offsets of the chosen formulas, in order.
    var pairs: [(open: Int, close: Int)]
    /// Whether another pairing scored almost as well.
    var isAmbiguous: Bool

    static let ambiguityMargin = 1

    /// Pairs the `$` signs at `tokens` (ascending offsets into `t`).
    init(tokens: [Int], in t: ScalarText) {
        let n = tokens.count
        // best[i], second[i]: the two highest totals of distinct pairings of tokens i..<n.
        let none = Int.min / 4
        var best = [Int](repeating: 0, count: n + 2)
        var second = [Int](repeating: none, count: n + 2)
        var pairsHere = [Bool](repeating: false, count: n + 1)
        let weights = (0..<max(n - 1, 0)).map { Self.weight(open: tokens[$0], close: tokens[$0 + 1], in: t) }
        var i = n - 1
        while i >= 0 {
            let cost = Self.leftoverCost(tokens[i], in: t)
            var candidates = [(best[i + 1] + cost, false), (second[i + 1] + cost, false)]
            if i + 1 < n, let w = weights[i] {
                candidates += [(best[i + 2] + w, true), (second[i + 2] + w, true)]
            }
            candidates.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 && !$1.1 }
            best[i] = candidates[0].0
            second[i] = candidates[1].0
            pairsHere[i] = candidates[0].1
            i -= 1
        }
        var pairs: [(Int, Int)] = []
        var k = 0
        while k < n {
            if pairsHere[k] {
                pairs.append((tokens[k], tokens[k + 1]))
                k += 2
            } else {
                k += 1
            }
        }
        self.pairs = pairs
        self.isAmbiguous = n > 1 && second[0] > none / 2 && best[0] - second[0] <= Self.ambiguityMargin
    }

    /// The weight of the formula between the signs at `open` and `close`, or nil when it is not one.
    static func weight(open: Int, close: Int, in t: ScalarText) -> Int? {
        guard close > open + 1 else { return nil }
        let shape = FormulaShape(t, from: open + 1, to: close)
        guard !shape.isBlank else { return nil }
        let first = t.scalars[open + 1], last = t.scalars[close - 1]
        let spaceAfterOpener = first.isUnicodeWhitespace
        let spaceBeforeCloser = last.isUnicodeWhitespace
        let digitAfterCloser = t[close + 1]?.isASCIIDigit ?? false
        let looseness = [spaceAfterOpener, spaceBeforeCloser, digitAfterCloser, shape.crossesLines].count { $0 }
        if isShellPath(from: open + 1, in: t) { return nil }
        // Prices: `$5 and $10`, `$2.00/$5`, `$3，两杯 $7`.
        if first.isASCIIDigit, spaceBeforeCloser || digitAfterCloser { return nil }
        if looseness > 0, shape.isProse || shape.hasHan || !shape.isBalanced { return nil }
        var w = 4 - looseness
        if shape.isProse { w -= 2 }
        if shape.hasHan { w -= 1 }
        if !shape.isBalanced { w -= 2 }
        return w
    }

    /// `$HOME/…`, `$PATH:…`: an environment variable in a path, not math.
    static func isShellPath(from k: Int, in t: ScalarText) -> Bool {
        var e = k
        while let c = t[e], (c.value >= 65 && c.value <= 90) || c == "_" || (e > k && c.isASCIIDigit) { e += 1 }
        return e - k >= 3 && (t[e] == "/" || t[e] == ":")
    }

    /// What leaving the sign at `k` as a dollar sign costs: nothing before a digit (a price), else 2.
    static func leftoverCost(_ k: Int, in t: ScalarText) -> Int {
        (t[k + 1]?.isASCIIDigit ?? false) ? 0 : -2
    }
}

/// What the text between two delimiters looks like: TeX, or prose that a wrong pairing swallowed.
///
/// Only the top level counts for prose (`\text{…}` and every other brace group are skipped):
/// Han characters, CJK sentence punctuation, and English words that TeX never writes bare.
struct FormulaShape {
    var isBlank = true
    var crossesLines = false
    /// Han characters outside braces.
    var hasHan = false
    /// Outside braces: CJK sentence punctuation, an English or French function word between spaces
    /// (`is`, `and`, `les`), two words of three or more letters in a row, or Han or accented letters
    /// with no TeX syntax at all.
    var isProse = false
    /// Something only TeX writes: a backslash, `^`, `_`, a brace, `=`.
    var hasTeXSyntax = false
    /// Braces balance, `\left`/`\right` and `\begin`/`\end` pair up, and it does not end in `\`, `^` or `_`.
    var isBalanced = true

    static let sentencePunctuation: Set<Unicode.Scalar> = ["，", "。", "；", "：", "！", "？", "、", "“", "”"]
    static let functionWords: Set<String> = [
        "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "is", "it", "of", "on",
        "or", "so", "than", "that", "the", "then", "this", "to", "we", "when", "where", "which", "with",
        "de", "des", "est", "et", "la", "le", "les", "un", "une",
    ]

    /// Punctuation is prose when it opens or closes the stretch or touches Han text: `$。那么$`, `得到 $-$7 分，为`,
    /// but not `(a|s)，\pi` inside a formula.
    func isSentenceContext(_ t: ScalarText, around k: Int, from start: Int, to end: Int) -> Bool {
        var before = k - 1
        while before >= start, t.scalars[before].isUnicodeWhitespace { before -= 1 }
        var after = k + 1
        while after < end, t.scalars[after].isUnicodeWhitespace { after += 1 }
        return before < start || after >= end || t.scalars[before].isHan || t.scalars[after].isHan
    }

    init(_ t: ScalarText, from start: Int, to end: Int) {
        var depth = 0
        var lefts = 0, rights = 0, begins = 0, ends = 0
        var longWordsInARow = 0
        var hasAccentedLetters = false
        var k = start
        var lastNonSpace: Unicode.Scalar? = nil
        var lastEscaped = false
        while k < end {
            let c = t.scalars[k]
            if !c.isUnicodeWhitespace { isBlank = false }
            if c.isLineBreak { crossesLines = true }
            if c == "\\" {
                hasTeXSyntax = true
                var e = k + 1
                while e < end, t.scalars[e].isASCIILetter { e += 1 }
                if e == k + 1 {
                    // `\{`, `\,`, `\\`: one escaped scalar; a backslash at the very end escapes nothing.
                    guard k + 1 < end else { isBalanced = false; break }
                    lastNonSpace = t.scalars[k + 1]
                    lastEscaped = true
                    k += 2
                    continue
                }
                let word = t.scalars[(k + 1)..<e]
                if word.elementsEqual("left".unicodeScalars) { lefts += 1 }
                if word.elementsEqual("right".unicodeScalars) { rights += 1 }
                if word.elementsEqual("begin".unicodeScalars) { begins += 1 }
                if word.elementsEqual("end".unicodeScalars) { ends += 1 }
                longWordsInARow = 0
                lastNonSpace = t.scalars[e - 1]
                lastEscaped = false
                k = e
                continue
            }
            if !c.isUnicodeWhitespace {
                lastNonSpace = c
                lastEscaped = false
            }
            switch c {
            case "{":
                depth += 1
                hasTeXSyntax = true
            case "}":
                depth -= 1
                hasTeXSyntax = true
                if depth < 0 { isBalanced = false; depth = 0 }
            case "^", "_", "=":
                hasTeXSyntax = true
            default:
                break
            }
            guard depth == 0 else { k += 1; continue }
            if Self.sentencePunctuation.contains(c), isSentenceContext(t, around: k, from: start, to: end) { isProse = true }
            if c.isHan { hasHan = true }
            if c.value >= 0xC0, c.value <= 0x2AF, c.properties.isAlphabetic { hasAccentedLetters = true }
            if c.isASCIILetter {
                var e = k
                while e < end, t.scalars[e].isASCIILetter { e += 1 }
                let spacedBefore = k == start || t.scalars[k - 1].isUnicodeWhitespace
                let spacedAfter = e == end || t.scalars[e].isUnicodeWhitespace
                if spacedBefore, spacedAfter {
                    let word = t.text(k, e)
                    if Self.functionWords.contains(word) { isProse = true }
                    longWordsInARow = e - k >= 3 ? longWordsInARow + 1 : 0
                    if longWordsInARow >= 2 { isProse = true }
                } else {
                    longWordsInARow = 0
                }
                lastNonSpace = t.scalars[e - 1]
                k = e
                continue
            }
            if !c.isUnicodeWhitespace { longWordsInARow = 0 }
            k += 1
        }
        if depth != 0 || lefts != rights || begins != ends { isBalanced = false }
        if hasHan || hasAccentedLetters, !hasTeXSyntax { isProse = true }
        if !lastEscaped, let last = lastNonSpace, last == "^" || last == "_" { isBalanced = false }
    }
}

extension Unicode.Scalar {
    /// A CJK ideograph (the Han script's main blocks and their extensions).
    var isHan: Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }
}
