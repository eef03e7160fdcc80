@testable import SiteNormalize
import SiteCore
import SiteMarkdown
import Testing

@Suite struct CJKEmphasisTests {
    @Test(arguments: [
        ("**定义：**正文", "**定义**：正文"),
        ("前言 **注意事项：**后文与 **已经可以** 的", "前言 **注意事项**：后文与 **已经可以** 的"),
        ("**为什么？**因为", "**为什么**？因为"),
    ])
    func punctuationMovesOutOfTheBold(input: String, expected: String) {
        #expect(CJKEmphasis.repairLine(input) == expected)
    }

    @Test(arguments: [
        "**定义：** 正文", "**定义**：正文", "**注意（重要）：**后文", "**：**正文", "`**定义：**正文`", "$a**：**b$ 文", "***强调：***正文", "**未闭合：正文",
    ])
    func linesCommonMarkAlreadyHandlesStayTheSame(input: String) {
        #expect(CJKEmphasis.repairLine(input) == input)
    }

    /// The point of the repair: cmark-gfm now renders the bold.
    @Test func cmarkClosesTheRepairedBold() {
        let before = MarkdownParser.parse("**理解范式：**平方的范式").collect { $0.kind == .strong }.count
        let after = MarkdownParser.parse(CJKEmphasis.repairLine("**理解范式：**平方的范式")).collect { $0.kind == .strong }.count
        #expect(before == 0 && after == 1)
    }

    @Test func exportsAreRepairedWithANoteButCleanMarkdownIsNot() {
        let text = "---\ntitle: x\n---\n# 标题\n\n**要点：**内容\n"
        let body = String(text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n"))
        func run(_ format: SourceFormat) -> NormalizedNote {
            Normalizer.normalize(NormalizerInput(
                text: body, path: "n.md", lineMap: .identity(lineCount: body.sourceLines.count, firstLine: 4),
                declaredFormat: format, frontMatterKeys: ["title", "layout"], frontMatterTitle: "x"))
        }
        let jekyll = run(.jekyll)
        #expect(jekyll.markdown.contains("**要点**：内容"))
        #expect(jekyll.diagnostics.contains { $0.code == "emphasis-cjk" && $0.location?.line == 6 })
        #expect(run(.markdown).markdown == body)
    }
}
