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
        var found: [(Range<String.Index>, Int)] = []
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            guard scalars[i] == open else {
                i = scalars.index(after: i)
                continue
            }
            var j = scalars.index(after: i)
            var value = 0
            var digits = 0
            while j < scalars.endIndex, let d = scalars[j].asciiDigitValue, digits < 9 {
                value = value * 10 + d
                digits += 1
                j = scalars.index(after: j)
            }
            if digits > 0, j < scalars.endIndex, scalars[j] == close {
                let end = scalars.index(after: j)
                found.append((i..<end, value))
                i = end
            } else {
                i = scalars.index(after: i)
            }
        }
        return found
    }
}

extension Unicode.Scalar {
    var asciiDigitValue: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}
