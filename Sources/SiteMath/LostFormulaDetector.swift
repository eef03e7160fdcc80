import SiteCore

/// Finds places in prose where an export dropped a formula or left TeX without delimiters.
///
/// Rules (docs/math.md): a `[公式]` placeholder; a gap — spaces between a Han character and a
/// punctuation mark, or Han–space–particle gaps (`为 的`) twice in a line — where a symbol once stood;
/// bare TeX (`\frac`, `x^{…}`, `W_{ij}`, `L^2`) outside delimiters and code.
struct LostFormulaDetector {
    struct Finding: Hashable {
        enum Kind: Hashable { case placeholder, gap, bareTeX, italicMath, unicodeMinus }
        var kind: Kind
        var offset: Int
        /// Where what was found ends: the gap's last space, the placeholder's `]`, the bare TeX's last token.
        var end: Int
        var excerpt: String
        /// Too weak to be a warning: reported as a note for the build report.
        var isHint = false
        /// The same bare TeX as an earlier finding on its line: not reported again.
        var repeatsEarlier = false
    }

    let t: ScalarText
    /// `masked[k]` is true for scalars inside math, code spans and code lines.
    let masked: [Bool]
    /// Macro names (without backslash) that also count as TeX commands.
    let extraCommands: Set<String>
    /// Look for math copied from a rendered page (`*x*`, `−`): exports only.
    let findsCopiedMath: Bool

    init(_ t: ScalarText, codeLines: [Bool], excluded: [Range<Int>], extraCommands: Set<String> = [], findsCopiedMath: Bool = true) {
        self.t = t
        self.extraCommands = extraCommands
        self.findsCopiedMath = findsCopiedMath
        var masked = [Bool](repeating: false, count: t.count)
        for r in excluded {
            for k in r where k < masked.count { masked[k] = true }
        }
        for (l, isCode) in codeLines.enumerated() where isCode {
            for k in t.lineStarts[l]..<t.lineEnds[l] { masked[k] = true }
        }
        Self.maskMarkup(t, &masked)
        self.masked = masked
    }

    func findings() -> [Finding] {
        var out: [Finding] = []
        for l in 0..<t.lineCount {
            out += placeholders(line: l)
            out += gaps(line: l)
            out += bareTeX(line: l)
            if findsCopiedMath { out += italicMath(line: l) }
        }
        return out.sorted { $0.offset < $1.offset }
    }

    static let gapPunctuation: Set<Unicode.Scalar> = [
        ",", ".", ";", ":", "!", "?", ")", "，", "。", "；", "：", "、", "！", "？", "）",
    ]

    func placeholders(line l: Int) -> [Finding] {
        let marker = Array("[公式]".unicodeScalars)
        var out: [Finding] = []
        var k = t.lineStarts[l]
        while k + marker.count <= t.lineEnds[l] {
            if !masked[k], t.scalars[k..<(k + marker.count)].elementsEqual(marker) {
                out.append(Finding(kind: .placeholder, offset: k, end: k + marker.count, excerpt: "[公式]"))
                k += marker.count
            } else {
                k += 1
            }
        }
        return out
    }

    /// Characters that follow a formula and never start a phrase: `为 的`, `有 恒成立`, `矩阵 是`.
    static let particles: Set<Unicode.Scalar> = [
        "的", "是", "为", "有", "在", "和", "与", "及", "或", "恒", "对", "中", "上", "时", "则", "即", "等", "之",
        "被", "到", "于", "以", "其", "维", "个", "阶",
    ]

    /// Verbs and conjunctions after which a formula must come: `大小为 的`, `有 恒成立`.
    static let operandVerbs: Set<Unicode.Scalar> = [
        "为", "是", "有", "设", "令", "记", "取", "若", "当", "则", "和", "与", "及", "或", "即", "对", "且", "把", "将",
        "使", "于", "以",
    ]

    /// Nouns that name a symbol (`方阵 ,`, `向量 ,`); before a particle they are too often just spaced out.
    static let symbolNouns: [[Unicode.Scalar]] = [
        "阵", "向量", "变量", "标量", "函数", "集合", "样本", "参数", "常数", "维度", "长度", "大小", "元素",
    ].map { Array($0.unicodeScalars) }

    /// Gaps — spaces after a Han character, before a Han character or punctuation — where an export dropped a
    /// formula. A gap is likely when a verb that needs an operand comes before it and a particle or punctuation
    /// after it (`为 的`, `有 恒`), or a noun that names a symbol before punctuation (`矩阵 ,`); spaced terms
    /// (`用 深度网络 的`), letter-spaced text
    /// (`其 中`) and a space before a comma are ordinary typing. A line with two likely gaps reports every gap
    /// on it; a line with one likely gap gives a hint.
    func gaps(line l: Int) -> [Finding] {
        var found: [(finding: Finding, strength: Int)] = []
        let start = t.lineStarts[l], end = t.lineEnds[l]
        var k = start + 1
        while k < end {
            guard t.scalars[k] == " ", !masked[k], t.scalars[k - 1].isHan, !masked[k - 1] else { k += 1; continue }
            var e = k
            while e < end, t.scalars[e] == " " { e += 1 }
            guard e < end, !masked[e] else { k = e; continue }
            let right = t.scalars[e]
            guard Self.gapPunctuation.contains(right) || (right.isHan && !isLetterSpaced(gap: k, right: e, line: l)) else {
                k = e
                continue
            }
            let punctuationAfter = Self.gapPunctuation.contains(right)
            let verbBefore = Self.operandVerbs.contains(t.scalars[k - 1])
            let nounBefore = Self.symbolNouns.contains { noun in
                k - noun.count >= start && t.scalars[(k - noun.count)..<k].elementsEqual(noun)
            }
            let continues = punctuationAfter || Self.particles.contains(right)
            let strength = (verbBefore && continues) || (nounBefore && punctuationAfter) ? 2
                : verbBefore || nounBefore || continues ? 1 : 0
            let finding = Finding(kind: .gap, offset: k, end: e, excerpt: t.text(max(start, k - 4), min(end, e + 4)))
            if strength > 0 { found.append((finding, strength)) }
            k = e
        }
        let likely = found.filter { $0.strength == 2 }
        if likely.count >= 2 { return found.map(\.finding) }
        return likely.map { var hint = $0.finding; hint.isHint = true; return hint }
    }

    /// `其 中` or `分 别 为`: single Han characters between spaces, as text copied from a PDF comes out.
    func isLetterSpaced(gap k: Int, right e: Int, line l: Int) -> Bool {
        let leftAlone = k - 1 == t.lineStarts[l] || !t.scalars[k - 2].isHan
        let rightAlone = e + 1 >= t.lineEnds[l] || !t.scalars[e + 1].isHan
        return leftAlone && rightAlone
    }

    static let texCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "sqrt", "sum", "prod", "int", "oint", "lim", "log", "exp", "partial", "nabla",
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "lambda", "mu", "nu",
        "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
        "Lambda", "Sigma", "Phi", "Psi", "Omega", "cdot", "cdots", "ldots", "times", "leq", "geq", "neq", "le",
        "ge", "ne", "approx", "sim", "infty", "mathbf", "mathrm", "mathbb", "mathcal", "boldsymbol", "hat",
        "tilde", "bar", "vec", "overline", "left", "right", "odot", "otimes", "oplus", "in", "forall", "exists",
        "max", "min", "arg", "argmax", "argmin", "mathop", "operatorname", "top", "prime", "quad", "qquad",
    ]

    /// TeX tokens outside math; tokens with nothing but ASCII between them (`\sum_f … = \frac{1}{2}`) are one
    /// formula and one finding.
    func bareTeX(line l: Int) -> [Finding] {
        var out: [Finding] = []
        var seen: Set<String> = []
        var lastTokenEnd: Int? = nil
        var k = t.lineStarts[l]
        let end = t.lineEnds[l]
        while k < end {
            guard !masked[k] else { k += 1; continue }
            let c = t.scalars[k]
            var hit = false
            if c == "\\", let next = t[k + 1], next.isASCIILetter, k == 0 || t.scalars[k - 1] != "\\" {
                var e = k + 1
                while e < end, t.scalars[e].isASCIILetter { e += 1 }
                let name = t.text(k + 1, e)
                hit = Self.texCommands.contains(name) || extraCommands.contains(name)
            } else if c == "^" || c == "_", k > t.lineStarts[l], let next = t[k + 1], k + 1 < end, !masked[k + 1] {
                let before = t.scalars[k - 1]
                let beforeIsWordish = before.isASCIILetter || before.isASCIIDigit || before == ")" || before == "}"
                if next == "{", beforeIsWordish {
                    hit = true
                } else if before.isASCIILetter, !(t[k - 2].map { $0.isASCIILetter || $0.isASCIIDigit || $0 == "\\" } ?? false),
                          next.isASCIILetter || next.isASCIIDigit
                {
                    var e = k + 1
                    if next.isASCIIDigit {
                        while e < end, t.scalars[e].isASCIIDigit { e += 1 }
                    } else {
                        e += 1
                    }
                    hit = e >= end || !(t.scalars[e].isASCIILetter || t.scalars[e].isASCIIDigit || t.scalars[e] == "_")
                }
            }
            if hit {
                let token = wordAround(k, line: l)
                if let last = out.last, let lastEnd = lastTokenEnd,
                   !(lastEnd..<token.start).contains(where: { masked[$0] || t.scalars[$0].isCJK })
                {
                    out[out.count - 1].excerpt = Self.shortened(t.text(last.offset, token.end))
                    out[out.count - 1].end = token.end
                } else {
                    let repeated = !seen.insert(token.text).inserted
                    out.append(Finding(kind: .bareTeX, offset: token.start, end: token.end, excerpt: Self.shortened(token.text),
                                       repeatsEarlier: repeated))
                }
                lastTokenEnd = token.end
                k = max(token.end, k + 1)
            } else {
                k += 1
            }
        }
        return out
    }

    /// Characters unmistakable bare TeX is made of; `*`, `` ` ``, `/`, `|`, `<`, `$` and the like belong to
    /// Markdown, paths, tables and code.
    static let bareTeXCharacters = Set(#"\^_{}()[]+-=,'"#.unicodeScalars)

    /// The part of a bare-TeX finding that is unmistakably a formula, to typeset as inline math: one run
    /// without spaces, set in CJK text (a Han character or CJK punctuation on one side, directly or across one
    /// space, and that or the line's edge on the other), made only of letters, digits and TeX's characters with
    /// balanced groups, with a script group after a symbol (`x^{(k)}`, `W_{ij}`, `\sum_{i}`) or a known
    /// command with a group (`\frac{a}{b}`, `\sqrt{d}`), every command known. `nil` when anything is doubtful.
    func unmistakableTeX(_ f: Finding) -> Range<Int>? {
        guard f.kind == .bareTeX else { return nil }
        var start = f.offset, end = f.end
        while end > start, ",.;:!?".unicodeScalars.contains(t.scalars[end - 1]) { end -= 1 }
        let run = Array(t.scalars[start..<end])
        let opens = run.count { $0 == "(" }, closes = run.count { $0 == ")" }
        if closes > opens, run.last == ")" { end -= 1 }
        if opens > closes, run.first == "(" { start += 1 }
        guard end > start, (start..<end).allSatisfy({ !masked[$0] }) else { return nil }
        let l = t.line(of: start)
        /// Whether the text beyond `p` is CJK; `nil` for the line's edge or sentence punctuation after the TeX.
        func bordersCJK(_ p: Int, step: Int) -> Bool? {
            var p = p
            guard p >= t.lineStarts[l], p < t.lineEnds[l] else { return nil }
            if step > 0, p == end, ",.;:!?".unicodeScalars.contains(t.scalars[p]) { return nil }
            if t.scalars[p] == " " { p += step }
            guard p >= t.lineStarts[l], p < t.lineEnds[l], !masked[p] else { return false }
            return t.scalars[p].isCJK
        }
        let left = bordersCJK(start - 1, step: -1), right = bordersCJK(end, step: 1)
        guard left != false, right != false, left == true || right == true else { return nil }
        return isUnmistakableTeX(Array(t.scalars[start..<end])) ? start..<end : nil
    }

    func isUnmistakableTeX(_ s: [Unicode.Scalar]) -> Bool {
        guard s.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || Self.bareTeXCharacters.contains($0) }) else { return false }
        var depth = [Unicode.Scalar]()
        let closing: [Unicode.Scalar: Unicode.Scalar] = ["}": "{", ")": "(", "]": "["]
        for c in s {
            if c == "{" || c == "(" || c == "[" { depth.append(c) }
            if let opener = closing[c] { guard depth.popLast() == opener else { return false } }
        }
        guard depth.isEmpty else { return false }
        var strong = false
        var k = 0
        while k < s.count {
            let c = s[k]
            if c == "\\" {
                var e = k + 1
                while e < s.count, s[e].isASCIILetter { e += 1 }
                let name = String(String.UnicodeScalarView(s[(k + 1)..<e]))
                guard Self.texCommands.contains(name) || extraCommands.contains(name) else { return false }
                if e < s.count, s[e] == "{" { strong = true }
                k = e
                continue
            }
            if (c == "^" || c == "_"), k + 1 < s.count, s[k + 1] == "{", k > 0 {
                // The symbol before the script: a command, a group, a number, or one to three letters
                // (`x`, `W`, `max`) with digits after them; not the end of an identifier (`cfg_a1_{x}`).
                var b = k
                while b > 0, s[b - 1].isASCIILetter || s[b - 1].isASCIIDigit { b -= 1 }
                let symbol = s[b..<k]
                let letters = symbol.prefix { $0.isASCIILetter }.count
                let isCommand = b > 0 && s[b - 1] == "\\"
                let isName = (1...3).contains(letters) && symbol.dropFirst(letters).allSatisfy(\.isASCIIDigit)
                let isNumber = !symbol.isEmpty && letters == 0 && symbol.allSatisfy(\.isASCIIDigit)
                let inIdentifier = b > 0 && s[b - 1] == "_"
                if isCommand || (isName || isNumber) && !inIdentifier || symbol.isEmpty && (s[k - 1] == ")" || s[k - 1] == "}") {
                    strong = true
                }
            }
            k += 1
        }
        return strong
    }

    static func shortened(_ s: String) -> String {
        s.count > 60 ? s.prefix(57) + "…" : s
    }

    func isGreek(_ c: Unicode.Scalar) -> Bool { (0x391...0x3A9).contains(c.value) || (0x3B1...0x3C9).contains(c.value) }

    /// Math that lost its delimiters and kept only italics, as Notion exports it: `*x*(*i*)`, `*wij*表示`,
    /// `*α* 为`, and the Unicode minus `−` in prose. One finding per line.
    func italicMath(line l: Int) -> [Finding] {
        let start = t.lineStarts[l], end = t.lineEnds[l]
        var k = start
        while k < end {
            defer { k += 1 }
            guard !masked[k] else { continue }
            let c = t.scalars[k]
            if c == "\u{2212}" {
                return [Finding(kind: .unicodeMinus, offset: k, end: k + 1, excerpt: t.text(max(start, k - 2), min(end, k + 4)))]
            }
            guard c == "*", k == start || (t.scalars[k - 1] != "*" && t.scalars[k - 1] != "\\") else { continue }
            var e = k + 1
            while e < end, e - k <= 4, t.scalars[e].isASCIILetter || t.scalars[e].isASCIIDigit || isGreek(t.scalars[e]) { e += 1 }
            let length = e - k - 1
            guard length >= 1, length <= 3, e < end, t.scalars[e] == "*", t[e + 1] != "*", !masked[e],
                  t.scalars[k + 1].isASCIILetter || isGreek(t.scalars[k + 1])
            else { continue }
            let singleSymbol = length == 1 || !(k + 2..<e).contains { t.scalars[$0].isASCIILetter }
            let before = k > start ? t.scalars[k - 1] : " "
            let after = t[e + 1] ?? " "
            let attached = [before, after].contains { $0.isHan || $0 == "(" || $0 == ")" }
            if singleSymbol || attached {
                return [Finding(kind: .italicMath, offset: k, end: e + 1, excerpt: t.text(k, e + 1))]
            }
        }
        return []
    }

    /// The run of non-space, non-Han, unmasked scalars around `k`.
    func wordAround(_ k: Int, line l: Int) -> (start: Int, end: Int, text: String) {
        func inWord(_ p: Int) -> Bool {
            let c = t.scalars[p]
            return !masked[p] && !c.isUnicodeWhitespace && !c.isHan && !(c.value >= 0x3000 && c.value <= 0x303F)
                && !(c.value >= 0xFF00 && c.value <= 0xFFEF)
        }
        var s = k
        while s > t.lineStarts[l], inWord(s - 1) { s -= 1 }
        var e = k
        while e < t.lineEnds[l], inWord(e) { e += 1 }
        return (s, e, t.text(s, e))
    }

    /// Masks HTML tags, autolinks, bare URLs and Markdown link destinations, where TeX-like text is normal.
    static func maskMarkup(_ t: ScalarText, _ masked: inout [Bool]) {
        var k = 0
        // A `<` before this offset has no `>` on its line (a search from an earlier `<` failed).
        var noTagEndBefore = 0
        while k < t.count {
            let c = t.scalars[k]
            if c == "<", k >= noTagEndBefore, let next = t[k + 1], next.isASCIILetter || next == "/" || next == "!" {
                var e = k + 1
                while e < t.count, t.scalars[e] != ">", !t.scalars[e].isLineBreak { e += 1 }
                if e < t.count, t.scalars[e] == ">" {
                    for p in k...e { masked[p] = true }
                    k = e + 1
                    continue
                }
                noTagEndBefore = e
            }
            if c == "]", t[k + 1] == "(" {
                // The destination ends at the `)` that balances its parentheses, as in CommonMark:
                // `](https://latex.codecogs.com/svg.latex?f(x)=x^2)` is one URL.
                var e = k + 2
                var depth = 1
                while e < t.count, !t.scalars[e].isLineBreak {
                    if t.scalars[e] == "(" { depth += 1 }
                    if t.scalars[e] == ")" { depth -= 1; if depth == 0 { break } }
                    e += 1
                }
                for p in k..<min(e + 1, t.count) { masked[p] = true }
                k = e + 1
                continue
            }
            if c == "h", startsURL(t, at: k) {
                var e = k
                while e < t.count, !t.scalars[e].isUnicodeWhitespace, !t.scalars[e].isLineBreak { e += 1 }
                for p in k..<e { masked[p] = true }
                k = e
                continue
            }
            k += 1
        }
    }

    static func startsURL(_ t: ScalarText, at k: Int) -> Bool {
        for prefix in ["https://", "http://"] {
            let p = Array(prefix.unicodeScalars)
            if k + p.count <= t.count, t.scalars[k..<(k + p.count)].elementsEqual(p) { return true }
        }
        return false
    }
}
