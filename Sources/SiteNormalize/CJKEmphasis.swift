import SiteCore
import SiteMath

/// Chinese bold that CommonMark cannot open or close: `**理解范数：**平方范数` stays literal, because a
/// closing `**` preceded by punctuation must be followed by a space or punctuation, and Chinese puts
/// neither (the same holds for an opening `**` followed by punctuation: `用**“dropout”**的`).
/// The repair moves the punctuation out of the bold (`**理解范数**：平方范数`, `用“**dropout**”的`), which
/// keeps every character and reads the same; where a bracket stands at the edge
/// (`**权重衰减(weight decay)**的`) it writes the bold as `<strong>…</strong>`.
/// Exported formats only: clean Markdown renders as cmark-gfm renders it.
enum CJKEmphasis {
    /// `note` with such lines repaired (same lines, so the line map holds) and a `note:` for each.
    static func repair(_ note: NormalizedNote, path: String) -> NormalizedNote {
        var note = note
        var fence = CodeFence()
        var changed = false
        var lines: [String] = []
        for (i, line) in note.markdown.sourceLines.enumerated() {
            if fence.consume(line) || !line.contains("**") {
                lines.append(String(line))
                continue
            }
            let fixed = repairLine(String(line))
            if fixed != line {
                changed = true
                note.diagnostics.append(.note(
                    "repaired `**…**` so the bold shows (CommonMark does not open or close `**` between punctuation and a Chinese character)",
                    code: "emphasis-cjk", at: note.lineMap.location(path: path, line: i + 1, column: firstDifference(line, fixed))))
            }
            lines.append(fixed)
        }
        if changed { note.markdown = lines.joined(separator: "\n") }
        return note
    }

    /// One line with every unclosable `**…**` pair repaired; math and code spans are left alone.
    /// 1-based column (Unicode scalars) where the repaired line first differs from the original.
    static func firstDifference(_ original: Substring, _ fixed: String) -> Int {
        zip(original.unicodeScalars, fixed.unicodeScalars).prefix { $0 == $1 }.count + 1
    }

    static func repairLine(_ line: String) -> String {
        var chars = Array(line)
        let protected = protectedOffsets(in: line)
        var markers: [Int] = []
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "*", chars[i + 1] == "*", !protected.contains(i) {
                let run = chars[i...].prefix { $0 == "*" }.count
                if run == 2 { markers.append(i) }
                i += run
            } else {
                i += 1
            }
        }
        // Pairs in order, repaired from the last: a repair then never moves a marker still to come.
        let pairs = stride(from: 0, to: markers.count - 1, by: 2).map { (markers[$0], markers[$0 + 1]) }
        for (open, close) in pairs.reversed() {
            repair(&chars, open: open, close: close)
        }
        return String(chars)
    }

    /// Repairs one `**…**` pair at offsets `open` and `close` if CommonMark cannot open or close it.
    private static func repair(_ chars: inout [Character], open: Int, close: Int) {
        guard close > open + 2, !canOpen(chars, at: open) || !canClose(chars, at: close) else { return }
        var start = open + 2, end = close
        // Punctuation at the edges moves out, up to a bracket, which would leave its partner behind.
        if !canClose(chars, at: close) {
            while end > start, isPunctuation(chars[end - 1]), !isBracket(chars[end - 1]) { end -= 1 }
        }
        if !canOpen(chars, at: open) {
            while start < end, isPunctuation(chars[start]), !isBracket(chars[start]) { start += 1 }
        }
        guard start < end else { return }  // bold of punctuation only: leave it
        var moved = Array(chars[..<open]) + chars[(open + 2)..<start] + ["*", "*"] + chars[start..<end] + ["*", "*"]
        let tail = Array(chars[end..<close]) + chars[(close + 2)...]
        let openAt = open + (start - open - 2), closeAt = openAt + 2 + (end - start)
        moved += tail
        if end > start, canOpen(moved, at: openAt), canClose(moved, at: closeAt) {
            chars = moved
            return
        }
        chars = Array(chars[..<open]) + Array("<strong>") + chars[(open + 2)..<close] + Array("</strong>") + chars[(close + 2)...]
    }

    /// CommonMark's left-flanking rule for the `**` at `k`.
    private static func canOpen(_ chars: [Character], at k: Int) -> Bool {
        guard k + 2 < chars.count, !chars[k + 2].isWhitespace else { return false }
        return !isPunctuation(chars[k + 2]) || k == 0 || isSpaceOrPunctuation(chars[k - 1])
    }

    /// CommonMark's right-flanking rule for the `**` at `k`.
    private static func canClose(_ chars: [Character], at k: Int) -> Bool {
        guard k > 0, !chars[k - 1].isWhitespace else { return false }
        return !isPunctuation(chars[k - 1]) || k + 2 >= chars.count || isSpaceOrPunctuation(chars[k + 2])
    }

    private static func isPunctuation(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation:
                true
            default:
                false
            }
        }
    }

    private static func isBracket(_ c: Character) -> Bool {
        c.unicodeScalars.contains { [.openPunctuation, .closePunctuation].contains($0.properties.generalCategory) }
    }

    private static func isSpaceOrPunctuation(_ c: Character) -> Bool {
        c.isWhitespace || isPunctuation(c)
    }

    /// Character offsets inside math spans and backtick code spans.
    private static func protectedOffsets(in line: String) -> Set<Int> {
        var offsets = Set<Int>()
        var index = line.startIndex, offset = 0
        for range in MathScanner.mathAndCodeSpans(in: line).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            offset += line.distance(from: index, to: range.lowerBound)
            index = range.lowerBound
            offsets.formUnion(offset..<(offset + line[range].count))
        }
        return offsets
    }
}
