/// Which lines of a Markdown text are code (fenced or indented), where math is not math.
///
/// A small model of CommonMark containers, enough to tell an indented code block from the 4-space
/// continuation of a list item (as Notion exports write them) and to follow fences inside lists and quotes.
enum MarkdownCodeLines {
    static func classify(_ text: ScalarText) -> [Bool] {
        var isCode = [Bool](repeating: false, count: text.lineCount)
        var listContentIndents: [Int] = []
        var fence: (marker: Unicode.Scalar, length: Int)? = nil
        var previousBlank = true
        var previousIndentedCode = false

        for l in 0..<text.lineCount {
            let line = LineShape(text, line: l)
            if let open = fence {
                isCode[l] = true
                if line.fenceRun(of: open.marker) >= open.length, line.isOnlyFence { fence = nil }
                continue
            }
            if line.isBlank {
                previousBlank = true
                continue
            }
            if previousBlank {
                while let last = listContentIndents.last, last > line.indent { listContentIndents.removeLast() }
            }
            let base = listContentIndents.last ?? 0
            if line.indent >= base + 4, previousBlank || previousIndentedCode {
                isCode[l] = true
                previousIndentedCode = true
                previousBlank = false
                continue
            }
            previousIndentedCode = false
            previousBlank = false
            if line.indent < base + 4, let marker = line.fenceMarker {
                fence = marker
                isCode[l] = true
                continue
            }
            if let contentIndent = line.listItemContentIndent {
                while let last = listContentIndents.last, last > line.indent { listContentIndents.removeLast() }
                listContentIndents.append(contentIndent)
            }
        }
        return isCode
    }
}

/// The indentation, block-quote prefix and leading markers of one line.
struct LineShape {
    let text: ScalarText
    /// Offset of the first character after block-quote markers and indentation.
    let contentStart: Int
    let end: Int
    /// Indentation in columns (tabs to multiples of 4) after any block-quote markers.
    let indent: Int

    init(_ text: ScalarText, line l: Int) {
        self.text = text
        var k = text.lineStarts[l]
        let end = text.lineEnds[l]
        // Strip block-quote markers: up to 3 spaces, `>`, one optional space.
        while true {
            let next = Self.afterOneQuoteMarker(text, from: k, end: end)
            guard next > k else { break }
            k = next
        }
        var column = 0
        while k < end, text.scalars[k].isMarkdownSpace {
            column = text.scalars[k] == "\t" ? (column / 4 + 1) * 4 : column + 1
            k += 1
        }
        self.contentStart = k
        self.end = end
        self.indent = column
    }

    var isBlank: Bool { contentStart >= end }

    /// How many block-quote markers (`>`) open line `l`.
    static func quoteDepth(_ text: ScalarText, line l: Int) -> Int {
        var depth = 0
        var k = text.lineStarts[l]
        while k < text.lineEnds[l] {
            let next = afterOneQuoteMarker(text, from: k, end: text.lineEnds[l])
            guard next > k else { break }
            depth += 1
            k = next
        }
        return depth
    }

    /// The offset after at most `depth` block-quote markers at the start of line `l`.
    static func afterQuoteMarkers(_ text: ScalarText, line l: Int, upTo depth: Int) -> Int {
        var k = text.lineStarts[l]
        for _ in 0..<depth {
            let next = afterOneQuoteMarker(text, from: k, end: text.lineEnds[l])
            guard next > k else { break }
            k = next
        }
        return k
    }

    /// Up to 3 spaces, `>`, one optional space; `from` itself when there is no marker.
    static func afterOneQuoteMarker(_ text: ScalarText, from k: Int, end: Int) -> Int {
        var p = k, spaces = 0
        while p < end, text.scalars[p] == " ", spaces < 3 { p += 1; spaces += 1 }
        guard p < end, text.scalars[p] == ">" else { return k }
        p += 1
        if p < end, text.scalars[p] == " " { p += 1 }
        return p
    }

    func fenceRun(of marker: Unicode.Scalar) -> Int {
        var k = contentStart
        while k < end, text.scalars[k] == marker { k += 1 }
        return k - contentStart
    }

    var isOnlyFence: Bool {
        var k = contentStart
        let marker = text.scalars[k]
        while k < end, text.scalars[k] == marker { k += 1 }
        while k < end, text.scalars[k].isMarkdownSpace { k += 1 }
        return k == end
    }

    /// A fence opener (three or more backticks or tildes; a backtick fence's info has no backtick).
    var fenceMarker: (marker: Unicode.Scalar, length: Int)? {
        guard contentStart < end else { return nil }
        let c = text.scalars[contentStart]
        guard c == "`" || c == "~" else { return nil }
        let run = fenceRun(of: c)
        guard run >= 3 else { return nil }
        if c == "`" {
            var k = contentStart + run
            while k < end {
                if text.scalars[k] == "`" { return nil }
                k += 1
            }
        }
        return (c, run)
    }

    /// The content indent of a list item starting on this line (`-`, `*`, `+`, `1.`, `1)`).
    var listItemContentIndent: Int? {
        var k = contentStart
        guard k < end else { return nil }
        let c = text.scalars[k]
        if c == "-" || c == "*" || c == "+" {
            k += 1
        } else if c.isASCIIDigit {
            var digits = 0
            while k < end, text.scalars[k].isASCIIDigit, digits < 9 { k += 1; digits += 1 }
            guard k < end, text.scalars[k] == "." || text.scalars[k] == ")" else { return nil }
            k += 1
        } else {
            return nil
        }
        let markerWidth = k - contentStart
        if k == end { return indent + markerWidth + 1 }
        guard text.scalars[k].isMarkdownSpace else { return nil }
        var spaces = 0
        while k < end, text.scalars[k] == " ", spaces < 5 { k += 1; spaces += 1 }
        if spaces > 4 || k == end { spaces = 1 }
        return indent + markerWidth + max(spaces, 1)
    }
}
