import Testing
import SiteCore
@testable import SiteNormalize

@Suite struct FormatTests {
    @Test func declaredFormatWins() throws {
        let file = try Fixtures.load("question-lines.txt")
        #expect(Normalizer.detect(file.input()) == .questionLines)
        #expect(Normalizer.detect(file.input(format: .markdown)) == .markdown)
        #expect(file.normalized(format: .markdown).markdown == file.body)
    }

    @Test func rawValuesAreTheFrontMatterNames() {
        #expect(SourceFormat(rawValue: "notion-toggle") == .notionToggle)
        #expect(SourceFormat(rawValue: "note-list") == .noteList)
        #expect(SourceFormat.allCases.count == 6)
        #expect(SourceFormat.named(" Notion_Toggle ") == .notionToggle)
        #expect(SourceFormat.named("question lines") == .questionLines)
        #expect(SourceFormat.named("jekyll") == .jekyll)
        #expect(SourceFormat.named("word") == nil)
    }

    @Test func jekyllIsDetectedByItsFrontMatterKeys() {
        let input = NormalizerInput(text: "# A\ntext\n", path: "p.md", frontMatterKeys: ["layout", "title"])
        #expect(Normalizer.detect(input) == .jekyll)
        let plain = NormalizerInput(text: "# A\ntext\n", path: "p.md", frontMatterKeys: ["title", "date"])
        #expect(Normalizer.detect(plain) == .markdown)
    }

    @Test func proseWithAComparisonIsNotQuestionLines() {
        let text = "## 比较\n\n当 a > b 时取 a。\n\n另一个 x > y 的例子。\n"
        #expect(Normalizer.detect(NormalizerInput(text: text, path: "p.md")) == .markdown)
    }

    @Test func aBoldLedListIsNotANotionExport() {
        let text = "# 手段\n\n- **数据增强**：更多样的输入。\n- **Dropout**：随机丢弃。\n- **权重衰减**：加 L2。\n"
        #expect(Normalizer.detect(NormalizerInput(text: text, path: "p.md")) == .markdown)
        let export = "# 题\n\n- **问一？**\n    答一\n- **问二？**\n\n    答二\n"
        #expect(Normalizer.detect(NormalizerInput(text: export, path: "p.md")) == .notionMarkdown)
    }

    @Test func cleanMarkdownPassesThroughByteForByte() throws {
        let file = try Fixtures.load("clean.md")
        let note = file.normalized()
        #expect(note.format == .markdown)
        #expect(note.markdown == file.body)
        #expect(note.questions.isEmpty)
        #expect(note.title == "正则化小结")
        let crlf = "# 标题\r\n\r\n正文 a > b\r\n- 列表\r\n"
        let n2 = Normalizer.normalize(NormalizerInput(text: crlf, path: "c.md"))
        #expect(n2.markdown == crlf)
        #expect(n2.lineMap.original(line: 3).line == 3)
    }
}
