import SiteCore

/// Losses visible in the text whatever its format: cut-off text and URLs. Each becomes a located warning;
/// nothing is rewritten. Images (Markdown and HTML) are checked by the build, where links are resolved. Lost formulas (`[公式]`, `大小为 的`) are
/// reported by the math stage (`math-lost`), which sees the normalised text through our line map.
enum TextChecks {
    static func run(_ input: NormalizerInput) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let map = input.lineMap
        for (index, line) in input.text.sourceLines.enumerated() {
            func warn(_ message: String, _ code: String, column: Int) {
                out.append(.warning(message, code: code, at: map.location(path: input.path, line: index + 1, column: column)))
            }
            if let r = line.firstByteRange(of: "\u{FFFD}") {
                var columns = Columns(line)
                warn("text cut off by the export (U+FFFD replacement character)", "text-truncated", column: columns.at(r.lowerBound))
            }
            var columns = Columns(line)
            for url in truncatedURLs(in: line) {
                warn("truncated URL ‘\(line[url])’: the export shortened it, the link will not work", "truncated-url",
                     column: columns.at(url.lowerBound))
            }
        }
        return out
    }

    /// 1-based columns (in characters) of positions met in increasing order, each counted from the one before,
    /// so that a line with thousands of findings is still read once.
    struct Columns {
        let line: Substring
        private var index: Substring.Index
        private var column = 1

        init(_ line: Substring) {
            self.line = line
            index = line.startIndex
        }

        mutating func at(_ position: Substring.Index) -> Int {
            column += line.distance(from: index, to: position)
            index = position
            return column
        }
    }

    /// URLs ending in `...` or `…` (Notion's shortening), bare or in `<…>`.
    static func truncatedURLs(in line: Substring) -> [Range<Substring.Index>] {
        var found: [Range<Substring.Index>] = []
        var rest = line[...]
        while let start = rest.firstByteRange(of: "http") {
            let tail = rest[start.lowerBound...]
            let url = tail.prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
            if url.hasSuffix("...") || url.hasSuffix("…") { found.append(url.startIndex..<url.endIndex) }
            rest = tail[url.endIndex...]  // never empty: it starts with `http`
        }
        return found
    }
}
