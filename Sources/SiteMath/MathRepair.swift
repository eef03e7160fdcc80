/// One documented, safe rewrite of damaged TeX; see docs/math.md.
public enum MathRepairKind: String, Sendable, Codable, CaseIterable {
    /// Notion's `$*…*$`: emphasis markers around math copied from rendered text.
    case notionEmphasisWrapper = "math-repair-notion"
    /// `\ ` used as the row break `\\` in a cases/array/matrix-like environment with `&`.
    case rowBreak = "math-repair-row-break"
    /// `_` inside `\text{…}` escaped as `\_`.
    case textUnderscore = "math-repair-text-underscore"
    /// `^(…)` / `_(…)` braced as `^{(…)}`.
    case scriptGroup = "math-repair-script-group"
    /// Unicode look-alikes (U+2000–U+200A spaces, `′`, `″`, `−`, `⋅`) replaced by TeX.
    case unicodeLookalike = "math-repair-unicode"
    /// Invisible characters (zero-width spaces, byte-order marks, U+2061 function application…) removed,
    /// no-break and ideographic spaces made plain spaces.
    case invisibleCharacter = "math-repair-invisible"
    /// Mathematical Alphanumeric Symbols (`𝑥 𝐱 𝜎 𝑾`) written as letters with font commands.
    case mathAlphanumeric = "math-repair-alphanumeric"
    /// `eqnarray`/`eqnarray*`, which KaTeX lacks, rewritten as `aligned` with `&=&` as `&=`.
    case eqnarray = "math-repair-eqnarray"
    /// Display math with alignment `&` but no environment (MathJax-era `$$a &=& b \\ &=& c$$`) wrapped in `aligned`.
    case bareAlignment = "math-repair-align"

    var explanation: String {
        switch self {
        case .notionEmphasisWrapper: "removed the `*…*` emphasis markers Notion wraps around copied math"
        case .rowBreak: "replaced `\\ ` by the row break `\\\\` between rows of the environment"
        case .textUnderscore: "escaped `_` inside `\\text{…}` as `\\_`"
        case .scriptGroup: "braced the parenthesised script: `^(…)` → `^{(…)}`"
        case .unicodeLookalike: "replaced Unicode look-alike characters by TeX (odd spaces, `′`, `−`, `⋅`)"
        case .invisibleCharacter: "removed invisible characters (zero-width spaces, byte-order marks, U+2061…) and made no-break spaces plain"
        case .mathAlphanumeric: "wrote styled Unicode letters such as `𝑥 𝐱 𝜎` as TeX (`x`, `\\mathbf{x}`, `\\sigma`)"
        case .eqnarray: "rewrote `eqnarray`, which KaTeX does not support, as `aligned` (`&=&` → `&=`)"
        case .bareAlignment: "wrapped rows aligned with `&` but written without an environment in `aligned`"
        }
    }
}

/// The repairs applied to a formula, in the order they ran.
public struct MathRepairResult: Sendable, Hashable {
    public var tex: String
    public var applied: [MathRepairKind]
}

/// Applies the repair rules, each of which leaves correct TeX unchanged.
public enum MathRepair {
    /// Repairs `tex` (the content between delimiters); `delimiter` decides whether the Notion rule applies.
    public static func repair(_ tex: String, delimiter: MathDelimiter) -> MathRepairResult {
        var applied: [MathRepairKind] = []
        var t = TeXText(tex)
        if delimiter == .dollar, removeNotionWrapper(&t) { applied.append(.notionEmphasisWrapper) }
        if replaceInvisibles(&t) { applied.append(.invisibleCharacter) }
        if replaceLookalikes(&t) { applied.append(.unicodeLookalike) }
        if replaceMathAlphanumerics(&t) { applied.append(.mathAlphanumeric) }
        if rewriteEqnarrays(&t) { applied.append(.eqnarray) }
        if delimiter.isDisplay, alignBareRows(&t) { applied.append(.bareAlignment) }
        if fixRowBreaks(&t) { applied.append(.rowBreak) }
        if escapeTextUnderscores(&t) { applied.append(.textUnderscore) }
        if braceScriptGroups(&t) { applied.append(.scriptGroup) }
        return MathRepairResult(tex: applied.isEmpty ? tex : t.string, applied: applied)
    }

    /// `*…*` around the whole content, with something between the stars.
    static func removeNotionWrapper(_ t: inout TeXText) -> Bool {
        guard t.s.count >= 3, t.s.first == "*", t.s.last == "*", t.s[t.s.count - 2] != "\\" else { return false }
        t.s = Array(t.s[1..<(t.s.count - 1)])
        return true
    }

    static func replaceLookalikes(_ t: inout TeXText) -> Bool {
        t.substitute(where: lookalike) { c, inText in
            switch c.value {
            case 0x2000...0x200A: " "
            case 0x2032: "'"
            case 0x2033: "''"
            case 0x2212: "-"
            case 0x22C5: inText ? nil : "\\cdot"
            default: nil
            }
        }
    }

    static func lookalike(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2000...0x200A, 0x2032, 0x2033, 0x2212, 0x22C5: true
        default: false
        }
    }

    static func replaceInvisibles(_ t: inout TeXText) -> Bool {
        t.substitute(where: invisible) { c, _ in
            switch c.value {
            case 0xA0, 0x202F, 0x205F, 0x3000: " "
            default: ""
            }
        }
    }

    /// Characters that show nothing in a formula (or only a space) but make KaTeX warn.
    static func invisible(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xA0, 0xAD, 0x180E, 0x200B...0x200F, 0x202A...0x202F, 0x205F...0x2064, 0x2066...0x2069, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Outside text-mode groups only: `\text{𝑥}` is text, where a font command would be an error.
    static func replaceMathAlphanumerics(_ t: inout TeXText) -> Bool {
        t.substitute(where: { MathAlphanumerics.block.contains($0.value) }) { c, inText in
            inText ? nil : MathAlphanumerics.tex[c.value]
        }
    }

    /// Each `\begin{eqnarray}` or `\begin{eqnarray*}` with its `\end` becomes `aligned`; in each row the second
    /// `&` outside braces and nested environments goes, so `a &=& b` becomes `a &= b`.
    static func rewriteEqnarrays(_ t: inout TeXText) -> Bool {
        var edits: [TeXText.Edit] = []
        var k = 0
        while k < t.s.count {
            guard t.s[k] == "\\", t.controlWord(at: k) == "begin", let env = environment(t, at: k + 6),
                  env.name == "eqnarray" || env.name == "eqnarray*",
                  let end = findEnd(t, name: env.name, from: env.nameEnd + 1),
                  let endName = environment(t, at: end + 4)
            else {
                k += t.s[k] == "\\" ? 2 : 1
                continue
            }
            edits.append(.init(range: (k + 7)..<env.nameEnd, text: "aligned"))
            var cells = 0, depth = 0
            var p = env.nameEnd + 1
            while p < end {
                switch t.s[p] {
                case "\\":
                    if t[p + 1] == "\\" { cells = 0 }
                    if let word = t.controlWord(at: p), word == "begin" || word == "end" { depth += word == "begin" ? 1 : -1 }
                    p += 2
                    continue
                case "{": depth += 1
                case "}": depth -= 1
                case "&" where depth == 0:
                    cells += 1
                    if cells == 2 { edits.append(.init(range: p..<(p + 1), text: "")) }
                default: break
                }
                p += 1
            }
            edits.append(.init(range: (end + 5)..<endName.nameEnd, text: "aligned"))
            k = endName.nameEnd + 1
        }
        guard !edits.isEmpty else { return false }
        t.apply(edits)
        return true
    }

    /// `&` outside braces and environments is an error in KaTeX; such rows are wrapped in `aligned`, and when
    /// every row with an `&` has exactly two (`a &=& b`), the second goes as in `eqnarray`.
    static func alignBareRows(_ t: inout TeXText) -> Bool {
        var rows: [[Int]] = [[]]
        var depth = 0
        var p = 0
        while p < t.s.count {
            switch t.s[p] {
            case "\\":
                if depth == 0, t[p + 1] == "\\" { rows.append([]) }
                if let word = t.controlWord(at: p), word == "begin" || word == "end" { depth += word == "begin" ? 1 : -1 }
                p += 2
                continue
            case "{": depth += 1
            case "}": depth -= 1
            case "&" where depth == 0: rows[rows.count - 1].append(p)
            default: break
            }
            p += 1
        }
        guard rows.contains(where: { !$0.isEmpty }) else { return false }
        let threeColumns = rows.allSatisfy { $0.isEmpty || $0.count == 2 }
        var edits: [TeXText.Edit] = [.init(range: 0..<0, text: "\\begin{aligned}")]
        if threeColumns { edits += rows.compactMap { $0.count == 2 ? .init(range: $0[1]..<($0[1] + 1), text: "") : nil } }
        edits.append(.init(range: t.s.count..<t.s.count, text: "\\end{aligned}"))
        t.apply(edits)
        return true
    }

    static let rowEnvironments: Set<String> = [
        "cases", "dcases", "rcases", "drcases", "array", "darray", "matrix", "pmatrix", "bmatrix", "Bmatrix",
        "vmatrix", "Vmatrix", "smallmatrix", "aligned", "align", "align*", "alignat", "alignat*", "alignedat",
        "split", "eqnarray", "eqnarray*", "subarray",
    ]

    /// In a row environment whose body has `&` but no `\\`, a `\ ` between rows is a lost `\\` when every
    /// piece it separates holds an `&`.
    static func fixRowBreaks(_ t: inout TeXText) -> Bool {
        var edits: [TeXText.Edit] = []
        var k = 0
        while k < t.s.count {
            guard t.s[k] == "\\", t.controlWord(at: k) == "begin", let env = environment(t, at: k + 6) else {
                k += t.s[k] == "\\" ? 2 : 1
                continue
            }
            let bodyStart = env.nameEnd + 1
            guard rowEnvironments.contains(env.name), let end = findEnd(t, name: env.name, from: bodyStart) else {
                k = bodyStart
                continue
            }
            let body = bodyStart..<end
            var controlSpaces: [Int] = []
            var hasRowBreak = false
            var nested = false
            var p = body.lowerBound
            while p < body.upperBound {
                if t.s[p] == "\\" {
                    let next = t[p + 1]
                    if next == "\\" { hasRowBreak = true }
                    if next == " " { controlSpaces.append(p) }
                    if t.controlWord(at: p) == "begin" { nested = true }
                    p += 2
                    continue
                }
                p += 1
            }
            if !hasRowBreak, !nested, !controlSpaces.isEmpty {
                var pieceStart = body.lowerBound
                var everyPieceHasCell = true
                for cut in controlSpaces + [body.upperBound] {
                    if !(pieceStart..<cut).contains(where: { t.s[$0] == "&" && !t.isEscaped($0) }) {
                        everyPieceHasCell = false
                    }
                    pieceStart = cut + 2
                }
                if everyPieceHasCell { edits += controlSpaces.map { .init(range: ($0 + 1)..<($0 + 1), text: "\\") } }
            }
            k = end
        }
        t.apply(edits)
        return !edits.isEmpty
    }

    /// `{name}` at `k`; returns the name and the offset of its `}`.
    static func environment(_ t: TeXText, at k: Int) -> (name: String, nameEnd: Int)? {
        guard t[k] == "{" else { return nil }
        var p = k + 1
        var name = String.UnicodeScalarView()
        while let c = t[p], c != "}" {
            guard c.isASCIILetter || c == "*" else { return nil }
            name.append(c)
            p += 1
        }
        guard t[p] == "}", !name.isEmpty else { return nil }
        return (String(name), p)
    }

    /// The offset of the `\end{name}` closing the body starting at `from` (nesting of `name` counted).
    static func findEnd(_ t: TeXText, name: String, from: Int) -> Int? {
        var depth = 1
        var p = from
        while p < t.s.count {
            if t.s[p] == "\\" {
                if let word = t.controlWord(at: p), word == "begin" || word == "end",
                   let env = environment(t, at: p + 1 + word.unicodeScalars.count), env.name == name
                {
                    depth += word == "begin" ? 1 : -1
                    if depth == 0 { return p }
                }
                p += 2
                continue
            }
            p += 1
        }
        return nil
    }

    /// `_` inside a text-mode argument, unless escaped or inside nested `$…$`.
    static func escapeTextUnderscores(_ t: inout TeXText) -> Bool {
        var positions: [Int] = []
        for group in t.textModeGroups() {
            var inMath = false
            for p in group {
                let c = t.s[p]
                if c == "$", !t.isEscaped(p) { inMath.toggle() }
                if c == "_", !inMath, !t.isEscaped(p) { positions.append(p) }
            }
        }
        t.apply(positions.map { .init(range: $0..<$0, text: "\\") })
        return !positions.isEmpty
    }

    /// `^(…)` or `_(…)` outside text mode whose parentheses balance within one brace level and one cell.
    static func braceScriptGroups(_ t: inout TeXText) -> Bool {
        let inText = t.textModeMask()
        var edits: [TeXText.Edit] = []
        var k = 0
        while k < t.s.count {
            let c = t.s[k]
            if c == "\\" { k += 2; continue }
            guard c == "^" || c == "_", !inText[k] else { k += 1; continue }
            var p = k + 1
            while t[p] == " " { p += 1 }
            guard t[p] == "(", let close = closingParenthesis(t, from: p), close > p + 1 else { k += 1; continue }
            edits += [.init(range: p..<p, text: "{"), .init(range: (close + 1)..<(close + 1), text: "}")]
            k = close + 1
        }
        t.apply(edits)
        return !edits.isEmpty
    }

    /// A script in parentheses longer than this is not one; the bound keeps the search linear.
    static let longestScriptGroup = 1_000

    static func closingParenthesis(_ t: TeXText, from open: Int) -> Int? {
        var parens = 0
        var braces = 0
        var p = open
        while p < min(t.s.count, open + longestScriptGroup) {
            let c = t.s[p]
            if c == "\\" {
                if t[p + 1] == "\\" { return nil }
                p += 2
                continue
            }
            switch c {
            case "(": parens += 1
            case ")":
                parens -= 1
                if parens == 0 { return braces == 0 ? p : nil }
            case "{": braces += 1
            case "}":
                braces -= 1
                if braces < 0 { return nil }
            case "&": return nil
            default: break
            }
            p += 1
        }
        return nil
    }
}
