/// Small lexical helpers over TeX source held as an array of Unicode scalars.
struct TeXText {
    var s: [Unicode.Scalar]

    init(_ string: String) { s = Array(string.unicodeScalars) }

    var string: String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    subscript(_ k: Int) -> Unicode.Scalar? { k >= 0 && k < s.count ? s[k] : nil }

    /// Whether the scalar at `k` is escaped by an odd number of backslashes before it.
    func isEscaped(_ k: Int) -> Bool {
        var n = 0
        var p = k - 1
        while p >= 0, s[p] == "\\" { n += 1; p -= 1 }
        return n % 2 == 1
    }

    /// The control word starting at the backslash at `k` (`\text` → "text"), if any.
    func controlWord(at k: Int) -> String? {
        guard self[k] == "\\", !isEscaped(k) else { return nil }
        var p = k + 1
        var name = String.UnicodeScalarView()
        while let c = self[p], c.isASCIILetter { name.append(c); p += 1 }
        return name.isEmpty ? nil : String(name)
    }

    /// `closers[k]` is the offset of the `}` matching a `{` at `k` (escapes honoured), else -1.
    func matchingBraces() -> [Int] {
        var closers = [Int](repeating: -1, count: s.count)
        var open: [Int] = []
        var p = 0
        while p < s.count {
            switch s[p] {
            case "\\": p += 1
            case "{": open.append(p)
            case "}": if let o = open.popLast() { closers[o] = p }
            default: break
            }
            p += 1
        }
        return closers
    }

    /// Ranges (content only, braces excluded) of text-mode arguments: `\text{…}`, `\textbf{…}`, `\mbox{…}` ….
    func textModeGroups() -> [Range<Int>] {
        let closers = matchingBraces()
        var groups: [Range<Int>] = []
        var k = 0
        while k < s.count {
            if s[k] == "\\", let name = controlWord(at: k), Self.textCommands.contains(name) {
                var p = k + 1 + name.unicodeScalars.count
                while let c = self[p], c == " " { p += 1 }
                if self[p] == "{", closers[p] >= 0 {
                    groups.append((p + 1)..<closers[p])
                    k = closers[p] + 1
                    continue
                }
            }
            k += s[k] == "\\" ? 2 : 1
        }
        return groups
    }

    /// `mask[k]` is true for scalars inside a text-mode argument.
    func textModeMask() -> [Bool] {
        var mask = [Bool](repeating: false, count: s.count)
        for group in textModeGroups() {
            for k in group { mask[k] = true }
        }
        return mask
    }

    /// A replacement of `range` by `text`; an empty range inserts.
    struct Edit {
        var range: Range<Int>
        var text: String
    }

    /// Applies `edits`, sorted by position and not overlapping, in one pass.
    mutating func apply(_ edits: [Edit]) {
        guard !edits.isEmpty else { return }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count + edits.count * 2)
        var copied = 0
        for e in edits {
            out += s[copied..<e.range.lowerBound]
            out += e.text.unicodeScalars
            copied = e.range.upperBound
        }
        out += s[copied...]
        s = out
    }

    /// Replaces each scalar for which `needed` holds by `replacement(scalar, insideTextGroup)`, unless that is
    /// nil. A control word that ends up before a letter gets a space, so `⋅x` becomes `\cdot x`, not `\cdotx`.
    mutating func substitute(where needed: (Unicode.Scalar) -> Bool, _ replacement: (Unicode.Scalar, Bool) -> String?) -> Bool {
        guard s.contains(where: needed) else { return false }
        let inText = textModeMask()
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count + 16)
        var changed = false
        for (k, c) in s.enumerated() {
            guard needed(c), let text = replacement(c, inText[k]) else {
                out.append(c)
                continue
            }
            var scalars = Array(text.unicodeScalars)
            // `_\boldsymbol{x}` and `_\imath` (a macro) are errors: a command as a script gets braces.
            if scalars.first == "\\", let last = out.last, last == "^" || last == "_" { scalars = ["{"] + scalars + ["}"] }
            if scalars.first?.isASCIILetter == true, Self.endsWithControlWord(out) { out.append(" ") }
            out += scalars
            if self[k + 1]?.isASCIILetter == true, Self.endsWithControlWord(out) { out.append(" ") }
            changed = true
        }
        guard changed else { return false }
        s = out
        return true
    }

    /// Whether `scalars` ends with a control word such as `\alpha` (not `\\alpha`, a row break and letters).
    static func endsWithControlWord(_ scalars: [Unicode.Scalar]) -> Bool {
        var p = scalars.count - 1
        while p >= 0, scalars[p].isASCIILetter { p -= 1 }
        guard p < scalars.count - 1, p >= 0, scalars[p] == "\\" else { return false }
        var backslashes = 0
        while p >= 0, scalars[p] == "\\" { backslashes += 1; p -= 1 }
        return backslashes % 2 == 1
    }

    static let textCommands: Set<String> = [
        "text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "textup", "textmd", "mbox",
    ]
}
