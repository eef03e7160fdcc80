import SiteCore
import SiteMath

/// Chinese bold that CommonMark cannot close: `**理解范数：**平方范数` stays literal, because a closing
/// `**` preceded by punctuation must be followed by a space or punctuation, and Chinese puts neither.
/// The repair moves the punctuation out of the bold (`**理解范数**：平方范数`), which keeps every
/// character and reads the same. Exported formats only: clean Markdown renders as cmark-gfm renders it.
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
                    "moved punctuation out of `**…**` so the bold closes (CommonMark does not close `**` between punctuation and a Chinese character)",
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
        // Pair markers in order. A repair keeps the line's length, so the other markers stay where they are.
        for pair in stride(from: 0, to: markers.count - 1, by: 2) {
            let open = markers[pair], close = markers[pair + 1]
            guard close + 2 < chars.count, isPunctuation(chars[close - 1]), !isSpaceOrPunctuation(chars[close + 2]) else { continue }
            var start = close
            while start > open + 2, isPunctuation(chars[start - 1]), !isBracket(chars[start - 1]) { start -= 1 }
            // Bold of punctuation only, or ending in a bracket (`（注）：`) that cannot move out: leave it.
            guard start < close, start > open + 2, !isPunctuation(chars[start - 1]) else { continue }
            let moved = Array(chars[start..<close])
            chars[start] = "*"
            chars[start + 1] = "*"
            for (k, c) in moved.enumerated() { chars[start + 2 + k] = c }
        }
        return String(chars)
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
