/// A text as an array of Unicode scalars with line boundaries, for scanners that look around freely.
struct ScalarText {
    let string: String
    let scalars: [Unicode.Scalar]
    /// `stringIndices[k]` is the `String.Index` of scalar `k`; the last entry is `endIndex`.
    let stringIndices: [String.Index]
    /// Offsets of the first scalar of each line.
    let lineStarts: [Int]
    /// Offsets one past the last content scalar of each line (before the terminator).
    let lineEnds: [Int]

    init(_ string: String) {
        self.string = string
        var scalars: [Unicode.Scalar] = []
        var indices: [String.Index] = []
        scalars.reserveCapacity(string.utf8.count)
        indices.reserveCapacity(string.utf8.count + 1)
        let view = string.unicodeScalars
        var i = view.startIndex
        while i < view.endIndex {
            scalars.append(view[i])
            indices.append(i)
            i = view.index(after: i)
        }
        indices.append(string.endIndex)
        var starts = [0]
        var ends: [Int] = []
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            if c == "\n" || c == "\r" {
                ends.append(k)
                if c == "\r", k + 1 < scalars.count, scalars[k + 1] == "\n" { k += 1 }
                starts.append(k + 1)
            }
            k += 1
        }
        ends.append(scalars.count)
        self.scalars = scalars
        self.stringIndices = indices
        self.lineStarts = starts
        self.lineEnds = ends
    }

    var count: Int { scalars.count }
    var lineCount: Int { lineStarts.count }

    subscript(_ k: Int) -> Unicode.Scalar? {
        k >= 0 && k < scalars.count ? scalars[k] : nil
    }

    /// The 0-based line holding offset `k`.
    func line(of k: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= k { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// 1-based line and column (in Unicode scalars) of offset `k`.
    func position(of k: Int) -> (line: Int, column: Int) {
        let l = line(of: k)
        return (l + 1, k - lineStarts[l] + 1)
    }

    func range(_ lower: Int, _ upper: Int) -> Range<String.Index> {
        stringIndices[max(0, min(lower, count))]..<stringIndices[max(0, min(upper, count))]
    }

    func text(_ lower: Int, _ upper: Int) -> String {
        String(string[range(lower, upper)])
    }

    /// The offset just past the last line of the paragraph holding offset `k` (before the next blank line).
    func paragraphEnd(after k: Int) -> Int {
        var l = line(of: k)
        while l + 1 < lineCount, !isBlankLine(l + 1) { l += 1 }
        return lineEnds[l]
    }

    func isBlankLine(_ l: Int) -> Bool {
        guard l >= 0, l < lineCount else { return true }
        var k = lineStarts[l]
        while k < lineEnds[l] {
            if !scalars[k].isMarkdownSpace { return false }
            k += 1
        }
        return true
    }
}

extension Unicode.Scalar {
    /// Space or tab, the only characters Markdown counts as indentation.
    var isMarkdownSpace: Bool { self == " " || self == "\t" }
    var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    var isLineBreak: Bool { self == "\n" || self == "\r" }
    /// `properties.isWhitespace`, answered without the property table for ASCII and Han (the scanners' hot path).
    var isUnicodeWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return !isHan && properties.isWhitespace
    }
}
