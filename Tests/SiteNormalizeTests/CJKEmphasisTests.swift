@testable import SiteNormalize
import SiteCore
import SiteMarkdown
import Testing

@Suite struct CJKEmphasisTests {
    @Test(arguments: [
        ("**定义：**正文", "**定义**：正文"),
        ("前言 **注意事项：**后文与 **已经可以** 的", "前言 **注意事项**：后文与 **已经可以** 的"),
        ("**为什么？**因为", "**为什么**？因为"),
        ("**注意（重要）：**后文", "**注意（重要）**：后文"),
        ("我们用**“随机失活”**的办法", "我们用“**随机失活**”的办法"),
    ])
    func punctuationMovesOutOfTheBold(input: String, expected: String) {
        #expect(CJKEmphasis.repairLine(input) == expected)
    }

    /// A bracket at the edge cannot leave its partner behind: such bold is written as HTML.
    @Test(arguments: [
        ("叫做**学习率衰减(lr decay)**的技巧", "叫做<strong>学习率衰减(lr decay)</strong>的技巧"),
        ("这是**（可选）步骤**之一", "这是<strong>（可选）步骤</strong>之一"),
        ("**甲(a)**和**乙(b)**都", "<strong>甲(a)</strong>和<strong>乙(b)</strong>都"),
        ("先看**《花书》第七章。**再看", "先看<strong>《花书》第七章。</strong>再看"),
    ])
    func bracketsAtTheEdgeBecomeHTML(input: String, expected: String) {
        #expect(CJKEmphasis.repairLine(input) == expected)
    }

    @Test(arguments: [
        "**定义：** 正文", "**定义**：正文", "**：**正文", "前 **（注）** 后", "**(a)**", "`**定义：**正文`", "$a**：**b$ 文", "***强调：***正文", "**未闭合：正文",
    ])
    func linesCommonMarkAlreadyHandlesStayTheSame(input: String) {
        #expect(CJKEmphasis.repairLine(input) == input)
    }

    /// The point of the repair: cmark-gfm now renders the bold, on every side a `**` can fail.
    @Test(arguments: ["**理解范式：**平方的范式", "叫做**“门控”**的结构", "名为**层归一化(LN)**的方法", "用**[掩码]**遮住"])
    func cmarkRendersTheRepairedBold(line: String) {
        func bold(_ text: String) -> Int {
            let tree = MarkdownParser.parse(text)
            return tree.collect { $0.kind == .strong }.count + tree.collect { $0.kind == .htmlInline("<strong>") }.count
        }
        #expect(bold(line) == 0)
        #expect(bold(CJKEmphasis.repairLine(line)) == 1)
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
