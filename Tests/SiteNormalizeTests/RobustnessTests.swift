import Testing
import SiteCore
@testable import SiteNormalize

/// Bad input never crashes, whatever format is forced on it, and the line map always covers the output.
@Suite struct RobustnessTests {
    static let oddInputs = [
        "", "\n", "   \n\t\n", "▼", "- ▼", "▼\n▼\n▼", "note", "note\nnote\n", " > ", "> > >", "- **", "- ****",
        "- **问题？**\n        深缩进\n  浅缩进", "#", "####### 七级", "1.", "可能会追加的问题:", "可能会追加的问题:\n- ",
        "标题\r\n▼ 一\r\n\r\n▼ 二\r\n- 内容\r\n", "$$ a > b", "\\[ x > 0", "🔗 <http://x...>", "\u{FFFD}",
        String(repeating: "▼ 层\n", count: 300),
        String(repeating: "▼ 缺点\n", count: 50) + String(repeating: "▼ 优点\n", count: 50),
        (1...200).map { "\($0).题目\nnote" }.joined(separator: "\n"),
    ]

    @Test(arguments: SourceFormat.allCases)
    func oddInputsDoNotCrash(format: SourceFormat) {
        for text in Self.oddInputs {
            let note = Normalizer.normalize(NormalizerInput(text: text, path: "odd.txt", declaredFormat: format))
            let lines = note.markdown.isEmpty ? 0 : note.markdown.sourceLines.count - 1
            if format != .markdown { #expect(note.lineMap.origins.count == lines, "\(format) \(text.debugDescription)") }
            let markdownLines = note.markdown.sourceLines
            for h in note.headings {
                // Past level 6, as many `#` as the level (read back as a heading by SiteMarkdown).
                #expect(h.level >= 1 && markdownLines[h.markdownLine - 1].drop { $0 == " " }.prefix { $0 == "#" }.count == h.level)
            }
            for d in note.diagnostics { #expect((d.location?.line ?? 1) >= 1) }
        }
    }

    /// A deterministic soup of the characters the formats care about.
    @Test func randomSoupDoesNotCrash() {
        let pieces = ["▼ ", "- ", "**", ">", " > ", "$", "\\[", "\\]", "note", "1.", "?", "：", "#", "\n", "\n\n", "    ", "文本", "x"]
        var seed: UInt64 = 0x5eed
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<40 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            for format in SourceFormat.allCases {
                let note = Normalizer.normalize(NormalizerInput(text: text, path: "soup", declaredFormat: format))
                #expect(note.format == format)
            }
            _ = Normalizer.detect(NormalizerInput(text: text, path: "soup"))
        }
    }

    @Test func byteLinesMatchSourceLines() {
        let samples = ["", "\n", "a", "a\n", "a\r\nb\rc\n\nd", "中文\n😀\r\n\r", "e\u{301}\nx", "\r\r\n\n"] + Self.oddInputs
        for s in samples {
            #expect(s.sourceLines == s.sourceLines, "\(s.debugDescription)")
        }
    }

    @Test func lineMapComposesWithTheInputMap() {
        // The build stripped 4 lines of front matter: body line 1 is file line 5.
        let text = "笔记\n\n▼ 主题\n\n- 内容 https://x.org/a...\n"
        let input = NormalizerInput(text: text, path: "n.txt", lineMap: .identity(lineCount: 6, firstLine: 5), declaredFormat: .notionToggle)
        let note = Normalizer.normalize(input)
        #expect(note.headings.map(\.sourceLine) == [5, 7])
        #expect(note.diagnostics.map { $0.location?.line } == [9])
        #expect(note.diagnostics.first?.description.hasPrefix("n.txt:9:") == true)
    }
}
