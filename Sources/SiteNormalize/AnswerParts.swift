import SiteMath

/// Splits a one-line question `Question? > part > part` at the ` > ` separators that lie outside
/// formulas (`\[ z > 0 \]` stays whole). A separator is a `>` with a space before it and not followed
/// by `=`; the spaces around it go with it, so ` >经典` separates too.
enum AnswerParts {
    struct Part: Equatable {
        var text: String
        /// 1-based column (characters) of the part's first character in the line.
        var column: Int
    }

    /// The parts of `line`; a single part when it has no separator or starts like a block quote.
    static func split(_ line: Substring) -> [Part] {
        let indent = line.prefix { $0 == " " || $0 == "\t" }.count
        let s = String(line.dropFirst(indent))
        guard !s.hasPrefix(">"), s.contains(">") else { return [part(s[...], offset: indent)].compactMap { $0 } }
        let math = MathScanner.spans(in: s)
        var mathIndex = 0
        var parts: [Part] = []
        var partStart = s.startIndex, partOffset = 0
        var i = s.startIndex, offset = 0
        while i < s.endIndex {
            while mathIndex < math.count, math[mathIndex].upperBound <= i { mathIndex += 1 }
            if s[i] == ">", i > s.startIndex, s[s.index(before: i)] == " ",
               !(mathIndex < math.count && math[mathIndex].contains(i)) {
                let next = s.index(after: i)
                if next == s.endIndex || s[next] != "=" {
                    let before = s[partStart..<i]
                    if !before.isBlankLine || !parts.isEmpty {
                        if let p = part(before, offset: indent + partOffset) {
                            parts.append(p)
                        }
                        partStart = next
                        partOffset = offset + 1
                    }
                }
            }
            i = s.index(after: i)
            offset += 1
        }
        if let p = part(s[partStart...], offset: indent + partOffset) {
            parts.append(p)
        }
        return parts
    }

    /// `text` trimmed, with its column; `nil` when blank.
    private static func part(_ text: Substring, offset: Int) -> Part? {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return nil }
        let lead = text.distance(from: text.startIndex, to: first)
        return Part(text: text.trimmed, column: offset + lead + 1)
    }
}
