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
            if let column = column(of: "\u{FFFD}", in: line) {
                warn("text cut off by the export (U+FFFD replacement character)", "text-truncated", column: column)
            }
            for url in truncatedURLs(in: line) {
                warn("truncated URL ‘\(url)’: the export shortened it, the link will not work", "truncated-url",
                     column: column(of: url, in: line) ?? 1)
            }
        }
        return out
    }

    /// 1-based column (in characters) of the first occurrence of `needle`.
    static func column(of needle: String, in line: Substring) -> Int? {
        guard let r = line.firstByteRange(of: needle) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound) + 1
    }

    /// URLs ending in `...` or `…` (Notion's shortening), bare or in `<…>`.
    static func truncatedURLs(in line: Substring) -> [String] {
        var found: [String] = []
        var rest = line[...]
        while let start = rest.firstByteRange(of: "http") {
            let tail = rest[start.lowerBound...]
            let url = tail.prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
            if url.hasSuffix("...") || url.hasSuffix("…") { found.append(String(url)) }
            rest = tail.dropFirst(max(url.count, 4))
        }
        return found
    }
}
