import Testing
import SiteCore
@testable import SiteNormalize

/// Notes far bigger than real ones (issue 8). The toggle rules used to rescan every sibling and ancestor for each
/// toggle (4,000 topics with facets took 117 s), and the line checks counted every column from the start of the
/// line; now each toggle and each finding costs the same however long the outline or the line.
@Suite struct ScaleTests {
    static func toggleNote(_ text: String) -> NormalizedNote {
        Normalizer.normalize(NormalizerInput(text: text, path: "big.txt", declaredFormat: .notionToggle))
    }

    @Test func tenThousandTopicsWithFacets() {
        let topics = 10_000
        let text = "大纲\n\n" + (1...topics).map { "▼ 主题 \($0)\n正文。\n▼ 优点\n好。\n▼ 缺点\n坏。\n" }.joined()
        let note = Self.toggleNote(text)
        #expect(note.headings.count == 1 + 3 * topics)
        #expect(note.headings.filter { $0.level == 2 }.map(\.text) == (1...topics).map { "主题 \($0)" })
        #expect(note.headings.filter { $0.level == 3 }.count == 2 * topics)
        // Topics and their facets fold, but none of them asks anything.
        #expect(note.headings.filter { $0.role == .topic }.count == 3 * topics)
        #expect(note.questions.isEmpty)
        #expect(note.headings.last?.sourceLine == 3 + 6 * (topics - 1) + 4)
    }

    @Test func twentyThousandNestedToggles() {
        let depth = 20_000
        let text = "大纲\n\n" + (1...depth).map { "▼ 层 \($0)\n" }.joined() + "正文。\n"
        let note = Self.toggleNote(text)
        // Each toggle without a body opens a level, down to the deepest heading level; deeper ones stay there.
        let deepest = OutlineWriter.deepestHeadingLevel
        #expect(note.headings.map(\.level) == Array(1...deepest) + Array(repeating: deepest, count: depth + 1 - deepest))
        let tooDeep = note.diagnostics.filter { $0.code == "heading-too-deep" }
        #expect(tooDeep.count == depth + 1 - deepest)
        #expect(tooDeep.last?.message.contains("level-\(depth + 1) heading") == true)
        #expect(note.markdown.contains("\n" + String(repeating: "#", count: deepest) + " 层 \(depth)\n"))
        #expect(note.markdown.utf8.count < 20 * depth * (deepest + 10))
    }

    /// After a deep chain, topics and the questions right after them: every placement looks at the previous
    /// toggle's ancestors, which must not cost the chain's depth each time.
    @Test func topicsAndQuestionsBelowADeepChain() {
        let depth = 10_000, pairs = 10_000
        let text = "大纲\n\n" + (1...depth).map { "▼ 层 \($0)\n" }.joined()
            + (1...pairs).map { "▼ 叶子 \($0)\n正文。\n▼ 为什么 \($0)\n因为。\n" }.joined()
        let note = Self.toggleNote(text)
        let deepest = "level-\(depth + 2) heading"
        #expect(note.diagnostics.filter { $0.code == "heading-too-deep" && $0.message.contains(deepest) }.count == pairs)
        // Each question is read as part of the topic before it, each topic after the first as its sibling.
        #expect(note.diagnostics.filter { $0.code == "heading-level-guess" }.count == 2 * pairs - 1)
        #expect(note.markdown.contains("\n" + String(repeating: "#", count: OutlineWriter.deepestHeadingLevel) + " 为什么 \(pairs)\n"))
    }

    /// One long line with 20,000 truncated URLs: each is reported at its own column (not all at the first).
    @Test func truncatedURLsOnOneLongLineAreEachLocated() {
        let unit = "见 https://e.org/a... 与 "
        let count = 20_000
        let text = "第一行\n" + String(repeating: unit, count: count) + "\n"
        let found = TextChecks.run(NormalizerInput(text: text, path: "long.md")).filter { $0.code == "truncated-url" }
        #expect(found.count == count)
        #expect(found.allSatisfy { $0.location?.line == 2 })
        #expect(found.map { $0.location?.column ?? 0 } == (0..<count).map { 3 + $0 * unit.count })
    }

    /// A question line with 20,000 parts, formulas holding `>` between them.
    @Test func questionLineWithTwentyThousandParts() {
        let count = 20_000
        let unit = " > $a > b$ 部分"
        let parts = AnswerParts.split(("问题?" + String(repeating: unit, count: count))[...])
        #expect(parts.count == count + 1)
        #expect(parts.dropFirst().allSatisfy { $0.text == "$a > b$ 部分" })
        #expect(parts.dropFirst().map(\.column) == (0..<count).map { 4 + 3 + $0 * unit.count })
    }

    /// A line with 20,000 Chinese bolds to repair, code spans between them.
    @Test func longLineOfChineseBoldIsRepairedWhole() {
        let count = 20_000
        let line = String(repeating: "**理解范式：**平方 `x**：**y` ", count: count)
        #expect(CJKEmphasis.repairLine(line) == String(repeating: "**理解范式**：平方 `x**：**y` ", count: count))
    }
}
