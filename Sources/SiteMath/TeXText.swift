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

    /// The offset of the `}` matching the `{` at `open`, honouring escapes.
    func matchingBrace(from open: Int) -> Int? {
        guard self[open] == "{" else { return nil }
        var depth = 0
        var p = open
        while p < s.count {
            let c = s[p]
            if c == "\\" { p += 2; continue }
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { return p }
            }
            p += 1
        }
        return nil
    }

    /// Ranges (content only, braces excluded) of text-mode arguments: `\text{…}`, `\textbf{…}`, `\mbox{…}` ….
    func textModeGroups() -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var k = 0
        while k < s.count {
            if s[k] == "\\", let name = controlWord(at: k), Self.textCommands.contains(name) {
                var p = k + 1 + name.unicodeScalars.count
                while let c = self[p], c == " " { p += 1 }
                if let close = matchingBrace(from: p) {
                    groups.append((p + 1)..<close)
                    k = close + 1
                    continue
                }
            }
            k += s[k] == "\\" ? 2 : 1
        }
        return groups
    }

    static let textCommands: Set<String> = [
        "text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "textup", "textmd", "mbox",
    ]
}
