import Foundation
import SiteCore
import SiteMarkdown
import Testing

/// The renderer must be byte-identical to `cmark_render_html` on plain GFM (no sitegen hooks).
@Suite struct HTMLRendererTests {
    static let fixtureNames = ["blocks", "inlines", "tables", "nesting"]

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/gfm/\(name)", withExtension: "md"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: fixtureNames, [false, true])
    func matchesCmarkOnFixture(name: String, allowRawHTML: Bool) throws {
        let text = try Self.fixture(name)
        let options = MarkdownOptions(allowRawHTML: allowRawHTML)
        let expected = MarkdownParser.referenceHTML(text, options: options)
        let actual = HTMLRenderer(options: options).render(MarkdownParser.parse(text))
        #expect(!expected.isEmpty)
        #expect(actual == expected, "first difference: \(firstDifference(actual, expected))")
    }

    @Test func fixturesCoverEveryKind() throws {
        var seen = Set<String>()
        for name in Self.fixtureNames {
            MarkdownParser.parse(try Self.fixture(name)).walk { node in
                seen.insert(String(describing: node.kind).prefix { $0 != "(" }.description)
                return true
            }
        }
        let every = ["document", "blockQuote", "list", "item", "codeBlock", "htmlBlock", "paragraph", "heading",
                     "thematicBreak", "table", "tableRow", "tableCell", "text", "softBreak", "lineBreak", "code",
                     "htmlInline", "emphasis", "strong", "strikethrough", "link", "image"]
        #expect(Set(every).subtracting(seen).isEmpty, "missing: \(Set(every).subtracting(seen))")
    }

    /// Random documents built from a seeded mix of fragments, compared with cmark.
    @Test func matchesCmarkOnSeededMixtures() {
        let fragments = [
            "# 标题 *x*\n", "段落 with `code` and **bold**\n", "- item\n", "  - nested\n", "1. one\n", "\n",
            "> quote\n", "```swift\nlet a = 1 < 2\n```\n", "| a | b |\n|---|:-:|\n| 1 | 2 |\n", "text_with_under_scores\n",
            "[link](a.md#标题 \"t\")\n", "![img](x.png)\n", "<em>raw</em>\n", "***\n", "- [ ] task\n", "    indented\n",
            "trailing  \n", "~~del~~ www.x.org\n", "<div>\nblock\n</div>\n", "  2) two\n",
        ]
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let count = Int(rng.next() % 12) + 1
            let text = (0..<count).map { _ in fragments[Int(rng.next() % UInt64(fragments.count))] }.joined()
            let actual = HTMLRenderer().render(MarkdownParser.parse(text))
            let expected = MarkdownParser.referenceHTML(text)
            #expect(actual == expected, "input: \(text.debugDescription)")
            if actual != expected { break }
        }
    }

    @Test func headingIDsAndQuestionsAreAddedOnlyWhenAsked() {
        let doc = MarkdownParser.parse("# 标题\n\n## 问题一？\n\n答案\n\n### 追问\n\n细节\n\n## 下一节\n")
        var renderer = HTMLRenderer()
        renderer.headingIDs = ["标题", "问题一", "追问"]
        renderer.collapsibles = [3: .question("Q1")]
        let html = renderer.render(doc)
        #expect(html.contains("<h1 id=\"标题\">标题</h1>"))
        #expect(html.contains("<details class=\"question\" open>\n<summary><span class=\"summary-label\">Q1</span><h2 id=\"问题一\">问题一？</h2></summary>\n<div class=\"answer\">\n<p>答案</p>"))
        // The follow-up stays inside the answer; the next section closes the question.
        let close = try? #require(html.range(of: "</div>\n</details>"))
        let followUp = html.range(of: "追问")
        let nextSection = html.range(of: "<h2>下一节</h2>")
        #expect(followUp != nil && close != nil && nextSection != nil)
        if let close, let followUp, let nextSection {
            #expect(followUp.lowerBound < close.lowerBound && close.upperBound < nextSection.lowerBound)
        }
    }

    @Test(arguments: [
        ("子网络\n通常更小", "<p>子网络通常更小</p>\n"),
        ("先算**梯度**\n再更新", "<p>先算<strong>梯度</strong>再更新</p>\n"),
        ("句号。\n下一句", "<p>句号。下一句</p>\n"),
        ("中文\nEnglish words", "<p>中文\nEnglish words</p>\n"),
        ("words\n中文", "<p>words\n中文</p>\n"),
        ("한국어\n문장", "<p>한국어\n문장</p>\n"),
    ])
    func softBreaksBetweenChineseCharactersVanish(markdown: String, html: String) {
        let doc = MarkdownParser.parse(markdown)
        #expect(HTMLRenderer(options: MarkdownOptions(eastAsianLineBreaks: true)).render(doc) == html)
        #expect(HTMLRenderer().render(doc) == MarkdownParser.referenceHTML(markdown))
    }

    @Test func topicsFoldWithoutALabel() {
        let doc = MarkdownParser.parse("## sigmoid\n\n定义\n\n### 优点\n\n平滑\n\n## 下一节\n")
        var renderer = HTMLRenderer()
        renderer.collapsibles = [1: .topic, 5: .topic]
        let html = renderer.render(doc)
        #expect(html.contains("<details class=\"topic\" open>\n<summary><h2>sigmoid</h2></summary>"))
        #expect(html.contains("<details class=\"topic\" open>\n<summary><h3>优点</h3></summary>"))
        #expect(!html.contains("summary-label"))
        #expect(html.contains("</details>\n</div>\n</details>\n<h2>下一节</h2>"))
    }

    @Test func codeBlockHookReplacesOnlyWhatItClaims() {
        let doc = MarkdownParser.parse("```tensor\n1+1\n```\n\n```swift\nx\n```\n")
        var renderer = HTMLRenderer()
        renderer.renderCodeBlock = { info, literal, range in
            info == "tensor" ? "<figure>\(literal.count)@\(range?.startLine ?? 0)</figure>" : nil
        }
        let html = renderer.render(doc)
        #expect(html.contains("<figure>4@1</figure>"))
        #expect(html.contains("<pre><code class=\"language-swift\">x\n</code></pre>"))
    }

    @Test func linksAreRewrittenBeforeEscaping() {
        var renderer = HTMLRenderer()
        renderer.rewriteURL = { $0 == "other.md#标题" ? "/base/other/#标题" : $0 }
        let html = renderer.render(MarkdownParser.parse("[x](other.md#标题) [y](https://e.com)"))
        #expect(html.contains("href=\"/base/other/#%E6%A0%87%E9%A2%98\""))
        #expect(html.contains("href=\"https://e.com\""))
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        let from = max(0, i - 40)
        return "at \(i): ours …\(String(x[from..<min(x.count, i + 40)]).debugDescription) cmark …\(String(y[from..<min(y.count, i + 40)]).debugDescription)"
    }
}
