/// The inert token that stands for formula `i` while cmark-gfm parses the page.
///
/// U+E000 and U+E001 are private-use characters: cmark-gfm treats them as ordinary text in every
/// context (headings, table cells, link text, emphasis) and never escapes them.
public enum MathPlaceholder {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"

    /// The placeholder for formula `index`: U+E000, the decimal index, U+E001.
    public static func make(_ index: Int) -> String {
        "\u{E000}\(index)\u{E001}"
    }

    /// Every placeholder in `text`, in order, with its index.
    public static func occurrences(in text: String) -> [(range: Range<String.Index>, index: Int)] {
        // U+E000 is EE 80 80 in UTF-8 and U+E001 is EE 80 81; the scan reads bytes, not scalars.
        let utf8 = text.utf8
        var found: [(Range<String.Index>, Int)] = []
        var i = utf8.startIndex
        while let lead = utf8[i...].firstIndex(of: 0xEE) {
            i = utf8.index(after: lead)
            guard isPlaceholderMark(utf8, at: lead, last: 0x80) else { continue }
            var j = utf8.index(lead, offsetBy: 3)
            var value = 0
            var digits = 0
            while j < utf8.endIndex, utf8[j] >= UInt8(ascii: "0"), utf8[j] <= UInt8(ascii: "9"), digits < 9 {
                value = value * 10 + Int(utf8[j] - UInt8(ascii: "0"))
                digits += 1
                j = utf8.index(after: j)
            }
            if digits > 0, isPlaceholderMark(utf8, at: j, last: 0x81) {
                let end = utf8.index(j, offsetBy: 3)
                found.append((lead..<end, value))
                i = end
            }
        }
        return found
    }

    /// Whether the three bytes at `i` are EE 80 `last`.
    private static func isPlaceholderMark(_ utf8: String.UTF8View, at i: String.Index, last: UInt8) -> Bool {
        guard i < utf8.endIndex, utf8[i] == 0xEE else { return false }
        let second = utf8.index(after: i)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return false }
        let third = utf8.index(after: second)
        return third < utf8.endIndex && utf8[third] == last
    }
}
