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
        var excerpt: String
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
                out.append(Finding(kind: .placeholder, offset: k, excerpt: "[公式]"))
                k += marker.count
            } else {
                k += 1
            }
        }
        return out
    }

    /// Characters that follow a noun or a formula and never start a phrase: `为 的`, `有 恒成立`, `矩阵 是`.
    static let particles: Set<Unicode.Scalar> = [
        "的", "是", "为", "有", "在", "和", "与", "及", "或", "恒", "对", "中", "上", "时", "则", "即", "等", "之",
        "被", "到", "于", "以", "其", "维", "个", "阶",
    ]

    /// Spaces after a Han character and before punctuation are a gap. Spaces between two Han characters
    /// count only on a line that has such a gap, or that has two or more of them before a particle.
    func gaps(line l: Int) -> [Finding] {
        var strong: [Finding] = []
        var weak: [(finding: Finding, beforeParticle: Bool)] = []
        var k = t.lineStarts[l] + 1
        let end = t.lineEnds[l]
        while k < end {
            guard t.scalars[k] == " ", !masked[k], t.scalars[k - 1].isHan, !masked[k - 1] else { k += 1; continue }
            var e = k
            while e < end, t.scalars[e] == " " { e += 1 }
            guard e < end, !masked[e] else { k = e; continue }
            let right = t.scalars[e]
            let finding = Finding(kind: .gap, offset: k, excerpt: t.text(max(t.lineStarts[l], k - 4), min(end, e + 4)))
            if Self.gapPunctuation.contains(right) {
                strong.append(finding)
            } else if right.isHan {
                weak.append((finding, Self.particles.contains(right)))
            }
            k = e
        }
        let particleGaps = weak.filter(\.beforeParticle).count
        let reportWeak = !strong.isEmpty || particleGaps >= 2
        return (strong + (reportWeak ? weak.map(\.finding) : [])).sorted { $0.offset < $1.offset }
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

    func bareTeX(line l: Int) -> [Finding] {
        var out: [Finding] = []
        var seen: Set<String> = []
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
                if seen.insert(token.text).inserted {
                    out.append(Finding(kind: .bareTeX, offset: token.start, excerpt: token.text))
                }
                k = max(token.end, k + 1)
            } else {
                k += 1
            }
        }
        return out
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
                return [Finding(kind: .unicodeMinus, offset: k, excerpt: t.text(max(start, k - 2), min(end, k + 4)))]
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
                return [Finding(kind: .italicMath, offset: k, excerpt: t.text(k, e + 1))]
            }
        }
        return []
    }

    /// The run of non-space, non-Han, unmasked scalars around `k`.
    func wordAround(_ k: Int, line l: Int) -> (start: Int, end: Int, text: String) {
        func inWord(_ p: Int) -> Bool {
            let c = t.scalars[p]
            return !masked[p] && !c.properties.isWhitespace && !c.isHan && !(c.value >= 0x3000 && c.value <= 0x303F)
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
        while k < t.count {
            let c = t.scalars[k]
            if c == "<", let next = t[k + 1], next.isASCIILetter || next == "/" || next == "!" {
                var e = k + 1
                while e < t.count, t.scalars[e] != ">", !t.scalars[e].isLineBreak { e += 1 }
                if e < t.count, t.scalars[e] == ">" {
                    for p in k...e { masked[p] = true }
                    k = e + 1
                    continue
                }
            }
            if c == "]", t[k + 1] == "(" {
                var e = k + 2
                while e < t.count, t.scalars[e] != ")", !t.scalars[e].isLineBreak { e += 1 }
                for p in k..<min(e + 1, t.count) { masked[p] = true }
                k = e + 1
                continue
            }
            if c == "h", startsURL(t, at: k) {
                var e = k
                while e < t.count, !t.scalars[e].properties.isWhitespace, !t.scalars[e].isLineBreak { e += 1 }
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
