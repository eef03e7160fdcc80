/// Small text helpers shared by every stage.
extension String {
    /// The text split into lines on `\n`, `\r\n` or `\r`, without terminators. An empty string has one empty line.
    public var sourceLines: [Substring] {
        Array(IteratorSequence(SourceLineIterator(self[...])))
    }

    /// `sourceLines.count`, without making the lines.
    public var sourceLineCount: Int {
        var copy = self
        return copy.withUTF8 { bytes in
            var count = 1
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\n") {
                    count += 1
                } else if bytes[i] == UInt8(ascii: "\r") {
                    count += 1
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                }
                i += 1
            }
            return count
        }
    }

    /// Whether the name comes before `other` in the order people number things: runs of digits by value
    /// (`2` before `10`), ASCII letters regardless of case, everything else by code point; names equal
    /// that way by code point. The order of notes, folders and tags across the site.
    public func naturallyPrecedes(_ other: String) -> Bool {
        let a = Array(utf8), b = Array(other.utf8)
        var i = 0, j = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        func folded(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c }
        /// The digit run starting at `k` without its leading zeros, and where it ends.
        func number(_ s: [UInt8], _ k: Int) -> (digits: ArraySlice<UInt8>, end: Int) {
            var start = k, end = k
            while end < s.count, isDigit(s[end]) { end += 1 }
            while start < end - 1, s[start] == UInt8(ascii: "0") { start += 1 }
            return (s[start..<end], end)
        }
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                let x = number(a, i), y = number(b, j)
                if x.digits.count != y.digits.count { return x.digits.count < y.digits.count }
                if x.digits != y.digits { return x.digits.lexicographicallyPrecedes(y.digits) }
                i = x.end
                j = y.end
                continue
            }
            let x = folded(a[i]), y = folded(b[j])
            if x != y { return x < y }
            i += 1
            j += 1
        }
        if (i < a.count) != (j < b.count) { return j < b.count }
        return a.lexicographicallyPrecedes(b)
    }

    /// The text as a reader sees it in a snippet: each formula placeholder (U+E000 number U+E001) as `⋯`,
    /// white space collapsed to single spaces and trimmed.
    public var readableText: String { readableText(limit: .max).text }

    /// `readableText`, read no further than its first `limit` scalars: those (a prefix of `readableText`),
    /// and whether they are all of it.
    public func readableText(limit: Int) -> (text: String, isWhole: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(limit == .max ? utf8.count : Swift.min(utf8.count, limit * 4))
        var emitted = 0
        var space = false
        var inFormula = false
        for s in unicodeScalars {
            if s == "\u{E000}" {
                if emitted + (space ? 2 : 1) > limit { return (String(decoding: out, as: UTF8.self), false) }
                inFormula = true
                if space { out.append(UInt8(ascii: " ")) }
                emitted += space ? 2 : 1
                space = false
                out += "⋯".utf8
                continue
            }
            if inFormula {
                if s == "\u{E001}" { inFormula = false }
                continue
            }
            // ASCII white space is tab, line feed, vertical tab, form feed, carriage return and space.
            if s.isASCII ? (s == " " || (0x09...0x0D).contains(s.value)) : Self.isNonASCIIWhiteSpace(s.value) {
                space = !out.isEmpty
            } else {
                if emitted + (space ? 2 : 1) > limit { return (String(decoding: out, as: UTF8.self), false) }
                if space { out.append(UInt8(ascii: " ")) }
                emitted += space ? 2 : 1
                space = false
                if s.isASCII { out.append(UInt8(s.value)) } else { UTF8.encode(s) { out.append($0) } }
            }
        }
        return (String(decoding: out, as: UTF8.self), true)
    }

    /// Unicode's `White_Space` above ASCII (what `Unicode.Scalar.Properties.isWhitespace` answers, without
    /// its table lookup, which costs more than the rest of `readableText` on Chinese text).
    static func isNonASCIIWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Unicode's space separators (general category Zs), what Foundation's `CharacterSet.whitespaces` holds
    /// besides tab.
    static func isSpaceSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Escapes `& < > "` for HTML text and attribute values, as cmark-gfm does.
    public var htmlEscaped: String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
        if !utf8.contains(where: special) { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A URL escaped for an `href` or `src` attribute as cmark-gfm does (`houdini_escape_href`): every byte
    /// outside the URL-safe set percent-encoded (existing `%XX` kept), `&` and `'` as entities.
    public var hrefEscaped: String { percentEncoded(entities: true) }

    /// The URL with every byte outside the URL-safe set percent-encoded (existing `%XX` kept), as
    /// `hrefEscaped` without the HTML entities: for XML or a template that escapes it itself.
    public var urlEscaped: String { percentEncoded(entities: false) }

    private func percentEncoded(entities: Bool) -> String {
        let keptAsIs: (UInt8) -> Bool = { Self.hrefSafe[Int($0)] && !(entities && ($0 == 0x26 || $0 == 0x27)) }
        if utf8.allSatisfy(keptAsIs) { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if keptAsIs(byte) {
                out.append(byte)
            } else if entities, byte == UInt8(ascii: "&") {
                out += "&amp;".utf8
            } else if entities, byte == UInt8(ascii: "'") {
                out += "&#x27;".utf8
            } else {
                out += [UInt8(ascii: "%"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// By byte: kept as it is in a URL (letters, digits, `-_.+!*(),%#@?=;:/$~&'`), else percent-encoded.
    private static let hrefSafe: [Bool] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-_.+!*(),%#@?=;:/$~&'".utf8.contains(UInt8(byte))
        }
    }
}

extension Unicode.Scalar {
    /// Han ideographs and CJK punctuation, the characters that make a line "Chinese".
    public var isCJK: Bool {
        switch value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF,
             0x20000...0x2FA1F:
            true
        default:
            false
        }
    }
}

/// The lines of a text one at a time (on `\n`, `\r\n` or `\r`, without terminators), and what follows the
/// line last returned, so a reader can stop early and keep the rest as it is.
public struct SourceLineIterator: IteratorProtocol {
    /// The text after the terminator of the line last returned.
    public private(set) var remainder: Substring
    private var done = false

    public init(_ text: Substring) {
        remainder = text
    }

    public mutating func next() -> Substring? {
        guard !done else { return nil }
        let bytes = remainder.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                let line = remainder[..<i]
                var next = bytes.index(after: i)
                if b == UInt8(ascii: "\r"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "\n") {
                    next = bytes.index(after: next)
                }
                remainder = remainder[next...]
                return line
            }
            i = bytes.index(after: i)
        }
        done = true
        let line = remainder
        remainder = remainder[remainder.endIndex...]
        return line
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: `trimmingCharacters(in: .whitespaces)` (space
    /// separators and tab) without Foundation's round trip through `NSString`, which every note paid for
    /// each heading.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == "\t" || String.isSpaceSeparator($0.value) }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed)
    }
}
