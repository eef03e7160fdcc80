import SiteCore

/// Losses visible in the text whatever its format: cut-off text and URLs, HTML images that do not resolve.
/// Each becomes a located warning; nothing is rewritten. Lost formulas (`[公式]`, `大小为 的`) are
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
            if let exists = input.imageExists {
                for src in imageSources(in: line) where !exists(src) {
                    warn("image ‘\(src)’ does not exist", "image-missing", column: column(of: src, in: line) ?? 1)
                }
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

    /// `src` of HTML `<img … src="…">`, in order. Markdown images are checked after parsing, with the links
    /// (SiteBuild's link check), where code blocks and escapes are already told apart.
    static func imageSources(in line: Substring) -> [String] {
        var found: [String] = []
        var rest = line[...]
        while let r = rest.firstByteRange(of: "src=\"") {
            let tail = rest[r.upperBound...]
            let src = tail.prefix { $0 != "\"" }
            if !src.isEmpty { found.append(String(src)) }
            rest = tail.dropFirst(src.count)
        }
        return found
    }
}
