import SiteCore
import SiteMarkdown
import Testing

/// `####### title` — a paragraph to cmark-gfm — is a heading of level 7 (or deeper) for sitegen.
@Suite struct DeepHeadingsTests {
    func parse(_ text: String) -> MarkdownNode {
        MarkdownParser.parse(text).promotingDeepHeadings(source: text)
    }

    func levels(_ text: String) -> [Int] {
        parse(text).children.compactMap {
            if case .heading(let level) = $0.kind { level } else { nil }
        }
    }

    @Test func sevenOrMoreHashesAloneInTheirParagraphAreHeadings() {
        #expect(levels("###### 六级\n\n####### 七级\n\n######## 八级\n\n正文\n") == [6, 7, 8])
        let doc = parse("####### 梯度 *消失* $x$\n")
        let heading = doc.children.first
        #expect(heading?.kind == .heading(level: 7))
        #expect(heading?.plainText == "梯度 消失 $x$")
        #expect(heading?.range?.startLine == 1, "the range stays, for question lines and diagnostics")
        // Markup right after the marker: the marker goes, the markup stays.
        let emphasised = parse("####### **要点**\n").children.first
        #expect(emphasised?.children.first?.kind == .strong)
    }

    @Test func whatStaysAParagraph() {
        #expect(levels("#######\n") == [], "no text")
        #expect(levels("####### \n") == [], "only spaces")
        #expect(levels("#######七级\n") == [], "no space after the marker")
        #expect(levels("前一行\n####### 七级\n") == [], "continues a paragraph")
        #expect(levels("####### 七级\n下一行\n") == [], "a paragraph of two lines")
        #expect(levels("> ####### 引文\n\n- ####### 列表\n") == [], "not at the top level")
        #expect(levels("```\n####### 代码\n```\n") == [])
        #expect(levels("\\####### 转义\n") == [], "an escaped marker")
    }

    @Test func renderedAsAParagraphWithAHeadingRole() {
        let doc = parse("## 缺点\n\n####### 梯度消失\n\n正文\n")
        var renderer = HTMLRenderer()
        renderer.headingIDs = ["缺点", "梯度消失"]
        #expect(renderer.render(doc) == "<h2 id=\"缺点\">缺点</h2>\n<p role=\"heading\" aria-level=\"7\" id=\"梯度消失\">梯度消失</p>\n<p>正文</p>\n")
        // As a question: the summary holds it, and a level-7 heading closes its answer.
        let questions = parse("####### 为什么？\n\n答\n\n####### 下一个\n")
        renderer = HTMLRenderer()
        renderer.collapsibles = [1: .question("Q1")]
        let html = renderer.render(questions)
        #expect(html.contains("<summary><span class=\"summary-label\">Q1</span><p role=\"heading\" aria-level=\"7\">为什么？</p></summary>"))
        #expect(html.contains("<p>答</p>\n</div>\n</details>\n<p role=\"heading\" aria-level=\"7\">下一个</p>"), "\(html)")
    }

    @Test func aDocumentWithoutDeepHeadingsIsUnchanged() {
        let text = "# 标题\n\n正文 ####### 不是标题\n"
        let doc = MarkdownParser.parse(text)
        #expect(doc.promotingDeepHeadings(source: text) == doc)
    }
}
