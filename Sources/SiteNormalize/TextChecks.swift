import Foundation
import SiteCore

/// Losses visible in the text whatever its format: formula placeholders and gaps, cut-off text and
/// URLs, images that do not resolve. Each becomes a located warning; nothing is rewritten.
enum TextChecks {
    static func run(_ input: NormalizerInput) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let map = input.lineMap
        for (index, line) in input.text.sourceLines.enumerated() {
            func warn(_ message: String, _ code: String, column: Int = 0) {
                out.append(.warning(message, code: code, at: map.location(path: input.path, line: index + 1, column: column)))
            }
            if let column = column(of: "[公式]", in: line) {
                warn("formula placeholder ‘[公式]’: the export lost a formula here", "formula-missing", column: column)
            }
            let gaps = formulaGapCount(line)
            if gaps >= 2 {
                warn("\(gaps) gaps between Chinese words where formulas probably were (e.g. ‘大小为 的’)", "formula-missing")
            }
            if let column = column(of: "\u{FFFD}", in: line) {
                warn("text cut off by the export (U+FFFD replacement character)", "text-truncated", column: column)
            }
            for url in truncatedURLs(in: line) {
                warn("truncated URL ‘\(url)’: the export shortened it, the link will not work", "truncated-url",
                     column: column(of: url, in: line) ?? 0)
            }
            if let exists = input.imageExists {
                for src in imageSources(in: line) where !exists(src) {
                    warn("image ‘\(src)’ does not exist", "image-missing", column: column(of: src, in: line) ?? 0)
                }
            }
        }
        return out
    }

    /// 1-based column (in characters) of the first occurrence of `needle`.
    static func column(of needle: String, in line: Substring) -> Int? {
        guard let r = line.range(of: needle) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound) + 1
    }

    /// Places where a Han character is followed by a single space and another Han character or a
    /// comma: in Chinese prose that space is where an inline formula used to be.
    static func formulaGapCount(_ line: Substring) -> Int {
        let s = Array(line.unicodeScalars)
        guard s.count >= 3 else { return 0 }
        var n = 0
        for i in 1..<(s.count - 1) where s[i] == " " {
            if isHan(s[i - 1]) && (isHan(s[i + 1]) || s[i + 1] == "," || s[i + 1] == "，") { n += 1 }
        }
        return n
    }

    static func isHan(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// URLs ending in `...` or `…` (Notion's shortening), bare or in `<…>`.
    static func truncatedURLs(in line: Substring) -> [String] {
        var found: [String] = []
        var rest = line[...]
        while let start = rest.range(of: "http") {
            let tail = rest[start.lowerBound...]
            let url = tail.prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
            if url.hasSuffix("...") || url.hasSuffix("…") { found.append(String(url)) }
            rest = tail.dropFirst(max(url.count, 4))
        }
        return found
    }

    /// `src` of `![alt](src)` and `<img … src="…">`, in order.
    static func imageSources(in line: Substring) -> [String] {
        var found: [String] = []
        var rest = line[...]
        while let r = rest.range(of: "](") , rest[..<r.lowerBound].contains("![") {
            let tail = rest[r.upperBound...]
            let src = tail.prefix { $0 != ")" && $0 != " " }
            if !src.isEmpty { found.append(String(src)) }
            rest = tail.dropFirst(src.count)
        }
        rest = line[...]
        while let r = rest.range(of: "src=\"") {
            let tail = rest[r.upperBound...]
            let src = tail.prefix { $0 != "\"" }
            if !src.isEmpty { found.append(String(src)) }
            rest = tail.dropFirst(src.count)
        }
        return found
    }
}
