import SiteCore
import SiteMarkdown
import SiteTopics
import Testing

@Suite struct TopicLinkerTests {
    static let registry = TopicMatcherTests.registry
    static let urls = registry.topics.map { "/topics/\($0.slug)/" }

    func linked(_ markdown: String, policy: SiteConfig.TopicLinks = .firstPerSection,
                resolve: (Wikilink) -> TopicLinker.Resolution = { _ in .init(url: nil, problem: "no") }) -> (html: String, result: TopicLinker.Result) {
        let linker = TopicLinker(matcher: Self.registry.matcher, policy: policy, topicURLs: Self.urls,
                                 topicNames: Self.registry.topics.map(\.name))
        let result = linker.rewrite(MarkdownParser.parse(markdown), resolve: resolve)
        return (HTMLRenderer().render(result.document), result)
    }

    func topicLinks(_ html: String) -> [String] {
        html.components(separatedBy: "<a class=\"topic-link\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func firstMentionPerSectionLinksToTheTopicPage() {
        let (html, result) = linked("用 BN 和 BN。\n\n还是 批归一化。\n\n## BN 的位置\n\nBN 放在哪里？RNN 呢？\n")
        #expect(topicLinks(html) == ["/topics/batchnorm/", "/topics/batchnorm/", "/topics/rnn/"])
        #expect(html.contains("<a class=\"topic-link\" href=\"/topics/batchnorm/\" title=\"主题：BatchNorm\">BN</a> 和 BN。"))
        #expect(html.contains("<h2>BN 的位置</h2>"))
        #expect(result.topicLinks == 3)
    }

    @Test func theSummarysMemoLinksAsMatchingAgainWould() {
        let markdown = """
            # 归一化

            BN 和 *RNN*，再说 批归一化。

            | 方法 | 说明 |
            |---|---|
            | BN | 见 [[BN]] 与 RNN |

            ## BN 的位置

            > BN 放在 RNN 之后？
            """
        let document = MarkdownParser.parse(markdown)
        let linker = TopicLinker(matcher: Self.registry.matcher, policy: .firstPerSection, topicURLs: Self.urls,
                                 topicNames: Self.registry.topics.map(\.name))
        var memo = TopicMatcher.Memo()
        _ = NoteTopics(document: document, headingIDs: ["归一化", "bn-的位置"], questionIDs: [], title: "归一化",
                       skipsFirstHeading: true, declaredTopics: [], matcher: Self.registry.matcher, memo: &memo)
        let resolve: (Wikilink) -> TopicLinker.Resolution = { _ in .init(url: "/topics/batchnorm/", topic: 0) }
        let again = linker.rewrite(document, resolve: resolve)
        let remembered = linker.rewrite(document, memo: memo, resolve: resolve)
        #expect(HTMLRenderer().render(remembered.document) == HTMLRenderer().render(again.document))
        #expect(remembered.topicLinks == again.topicLinks && again.topicLinks >= 3)

        // The linker reads the memo: with an empty matcher, the summary's matches still link.
        let blind = TopicLinker(matcher: TopicRegistry.empty.matcher, policy: .firstPerSection, topicURLs: Self.urls,
                                topicNames: Self.registry.topics.map(\.name))
        #expect(topicLinks(HTMLRenderer().render(blind.rewrite(document, memo: memo, resolve: resolve).document))
                == topicLinks(HTMLRenderer().render(again.document)))
        // The memo holds no text of the tree: it links the same note parsed again (a build in batches does so).
        let reparsed = MarkdownParser.parse(markdown)
        #expect(topicLinks(HTMLRenderer().render(blind.rewrite(reparsed, memo: memo.packed(), resolve: resolve).document))
                == topicLinks(HTMLRenderer().render(again.document)))
        // A text it does not know is matched.
        let other = MarkdownParser.parse("只有 RNN 的一段。\n")
        #expect(topicLinks(HTMLRenderer().render(linker.rewrite(other, memo: memo, resolve: resolve).document)).count == 1)
    }

    @Test func theLinkedTreeSharesWhatItLeavesUnchanged() {
        let document = MarkdownParser.parse("# 标题\n\n没有主题的一段。\n\n- 一项 *强调*\n\n> 引用\n\n用 BN 的一段。\n")
        let linker = TopicLinker(matcher: Self.registry.matcher, policy: .firstPerSection, topicURLs: Self.urls,
                                 topicNames: Self.registry.topics.map(\.name))
        let linked = linker.rewrite(document) { _ in .init(url: nil) }.document
        func storage(_ nodes: [MarkdownNode]) -> UnsafeRawPointer? { nodes.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }
        #expect(linked.children.count == document.children.count)
        // The heading, the plain paragraph, the list and the quote keep the parsed tree's storage; the
        // paragraph with a topic link is new, and so is the document's list of children that holds it.
        for i in 0..<4 { #expect(storage(linked.children[i].children) == storage(document.children[i].children), "block \(i)") }
        #expect(storage(linked.children[4].children) != storage(document.children[4].children))
        #expect(linked.children[4] != document.children[4])
    }

    @Test func policiesFirstPerPageAndOff() {
        let text = "BN 一次。\n\n## 另一节\n\nBN 两次，RNN。\n"
        #expect(topicLinks(linked(text, policy: .firstPerPage).html) == ["/topics/batchnorm/", "/topics/rnn/"])
        #expect(topicLinks(linked(text, policy: .off).html).isEmpty)
    }

    @Test func neverInsideCodeMathLinksOrRawHTML() {
        let (html, _) = linked("""
            `BN` 和 [BN 的链接](https://example.org/BN) 以及 \u{E000}0\u{E001}。

            ```
            BN
            ```

            <span>BN</span> 行内 HTML 旁的 BN。

            <https://example.org/RNN>
            """)
        #expect(topicLinks(html).isEmpty)
    }

    @Test func anAuthorsLinkToTheTopicWins() {
        let (html, _) = linked("[批归一化](/topics/batchnorm/) 之后再说 BN，还有 *RNN*。\n")
        #expect(topicLinks(html) == ["/topics/rnn/"])
        #expect(html.contains("<em><a class=\"topic-link\""))
    }

    @Test func wikilinksResolveOrShowAsMissing() {
        let (html, result) = linked("见 [[激活函数#Sigmoid|S 形]]。\n\n以及 [[不存在]] 和 [[BN]]，然后 BN。\n") { wikilink in
            switch wikilink.target {
            case "激活函数": .init(url: "/basics/activation/#sigmoid")
            case "BN": .init(url: "/topics/batchnorm/", topic: 0)
            default: .init(url: nil, problem: "no note or topic is named '\(wikilink.target)'")
            }
        }
        #expect(html.contains("<a class=\"wikilink\" href=\"/basics/activation/#sigmoid\">S 形</a>"))
        #expect(html.contains("<a class=\"wikilink missing-link\" title=\"缺少链接目标：不存在\">不存在</a>"))
        // The wikilink to the topic counts as its link in the section: the later `BN` is not linked again.
        #expect(topicLinks(html).isEmpty)
        #expect(result.wikilinks == 3)
        #expect(result.unresolved.map(\.wikilink.target) == ["不存在"])
        #expect(result.unresolved.map(\.line) == [3])
    }

    @Test func wikilinksInHeadingsResolveWithoutTopicLinks() {
        let (html, _) = linked("## [[激活函数]] 与 BN\n") { _ in .init(url: "/basics/activation/") }
        #expect(html.contains("<h2><a class=\"wikilink\" href=\"/basics/activation/\">激活函数</a> 与 BN</h2>"))
    }
}
