import Foundation
import SiteCore
import SiteMarkdown
@testable import SiteTopics
import Testing

@Suite struct TopicIndexTests {
    static let registry = TopicMatcherTests.registry

    /// A note's summary, with heading ids from the headings' text and the headings ending in `？` as questions.
    func note(_ markdown: String, title: String = "笔记", declared: [Int] = []) -> NoteTopics {
        let document = MarkdownParser.parse(markdown)
        var ids: [String] = []
        document.walk { node in
            if case .heading = node.kind { ids.append(node.plainText) }
            return true
        }
        return NoteTopics(document: document, headingIDs: ids, questionIDs: Set(ids.filter { $0.hasSuffix("？") }), title: title,
                          skipsFirstHeading: false, declaredTopics: declared, matcher: Self.registry.matcher)
    }

    @Test func sectionsNamedByTheirHeadingOrMentionedTwice() {
        let summary = note("""
            开头提到一次 RNN。

            ## 批归一化的作用

            让训练更稳，`BN` 在代码里不算。

            ## 其他

            LN 和 LN 又是 LN，$x$ 公式不算。
            """)
        #expect(summary.sections.map(\.anchor) == ["", "批归一化的作用", "其他"])
        let strong = summary.sections.map { $0.topics.filter(\.isStrong).map(\.topic) }
        #expect(strong == [[], [0], [2]])
        #expect(summary.sections[0].topics.map(\.mentions) == [1])
        #expect(summary.sections[1].topics.first?.inHeading == true)
        #expect(summary.sections[2].topics.first?.mentions == 3)
        #expect(summary.sections[1].excerpt == "让训练更稳， 在代码里不算。")
        #expect(summary.strongTopics == [0, 2])
    }

    /// A section's excerpt is the first 120 characters of its readable text, read without reading the whole
    /// section: the same as cutting the whole text, also where combining marks make characters longer than
    /// scalars.
    @Test func anExcerptIsTheStartOfTheWholeReadableText() {
        let sentence = "批归一化让每层输入的分布稳定下来， so training  converges\tfaster \u{E000}7\u{E001} 。"
        let marks = String(repeating: "e\u{301}\u{302}\u{303}\u{304}", count: 150)
        let texts = [String(repeating: sentence, count: 40), marks, "短 " + marks, String(repeating: "字", count: 119) + "  x ",
                     String(repeating: "字", count: 120) + " ", String(repeating: "字", count: 121), "  短  "]
        for text in texts {
            let whole = text.readableText
            var expected = whole
            if let end = whole.index(whole.startIndex, offsetBy: NoteTopics.excerptLength, limitedBy: whole.endIndex), end < whole.endIndex {
                expected = String(whole[..<end]).trimmingCharacters(in: .whitespaces) + "…"
            }
            #expect(NoteTopics.excerpt(text) == expected)
        }
        #expect(NoteTopics.excerpt(String(repeating: "字", count: 121)).count == NoteTopics.excerptLength + 1)
    }

    @Test func frontMatterTopicsPutTheWholePageOnThem() {
        let summary = note("正文没有提到。\n", declared: [3])
        #expect(summary.sections[0].topics.map { [$0.topic, $0.inHeading ? 1 : 0, $0.mentions] } == [[3, 1, 0]])
    }

    @Test func linksAndWikilinksAreCollectedBySection() {
        let summary = note("见 [上一篇](a.md)。\n\n## 第二节\n\n还有 [[b#小结]] 和 [[BN]]。\n")
        #expect(summary.links.map(\.section) == [0, 1, 1])
        #expect(summary.links.map(\.line) == [1, 5, 5])
        guard case .destination("a.md") = summary.links[0].target, case .wikilink(let w) = summary.links[1].target else {
            Issue.record("unexpected links \(summary.links)")
            return
        }
        #expect(w.target == "b" && w.heading == "小结")
    }

    @Test func entriesBacklinksRelatedAlsoAnsweredAndDuplicates() {
        let notes = [
            note("## 为什么 BN 有效？\n\n稳定分布。\n\n## RNN 与 BN\n\n两者一起。\n", title: "甲"),
            note("## 为什么BN有效？\n\n另一种回答。\n\n## BN 和 LN 的区别？\n\n按维度不同。\n", title: "乙"),
            note("只在这里提到 RNN 一次。\n", title: "丙"),
        ]
        let registry = Self.registry
        let index = TopicIndex(topicCount: registry.topics.count, parents: registry.parents, notes: notes,
                               links: [(TopicIndex.Place(page: 1, section: 1), 0), (TopicIndex.Place(page: 2, section: 0), 0),
                                       (TopicIndex.Place(page: 2, section: 0), 0), (TopicIndex.Place(page: 0, section: 0), 0)])
        // BatchNorm: three sections in two notes, in page order.
        #expect(index.entries[0].map { [$0.place.page, $0.place.section] } == [[0, 1], [0, 2], [1, 1], [1, 2]])
        // RNN: named in a heading of 甲; 丙 mentions it only once.
        #expect(index.entries[3].map(\.place.page) == [0])
        #expect(index.mentions[3] == [TopicIndex.Place(page: 2, section: 0)])
        #expect(index.hasPage(3) && !index.hasPage(4))
        // RNN and BatchNorm share a section; LayerNorm is BatchNorm's sibling, not its parent: related too.
        #expect(index.related[3] == [0])
        #expect(index.related[0].contains(3) && index.related[0].contains(2))
        // Backlinks: once per linking section, never from the page itself.
        #expect(index.backlinks[0] == [TopicIndex.Place(page: 1, section: 1), TopicIndex.Place(page: 2, section: 0)])
        // The same question in two notes: a duplicate, and each lists the other first.
        #expect(index.duplicates.count == 1)
        #expect(index.duplicates.first.map { [$0.first.page, $0.second.page] } == [0, 1])
        let first = TopicIndex.Place(page: 0, section: 1)
        #expect(index.alsoAnswered[first]?.first == TopicIndex.Place(page: 1, section: 1))
        #expect(index.alsoAnswered[TopicIndex.Place(page: 1, section: 1)]?.first == first)
    }

    @Test func rewordedQuestionsOnACommonTopicAreDuplicates() {
        let notes = [
            note("## 为什么 BN 能让训练更快？\n\n甲。\n\n## BN 和 LN 的区别？\n\n乙。\n"),
            note("## BN 为什么能让训练变快？\n\n丙。\n\n## BN 训练和推理的区别？\n\n丁。\n"),
        ]
        let registry = Self.registry
        let index = TopicIndex(topicCount: registry.topics.count, parents: registry.parents, notes: notes, links: [])
        #expect(index.duplicates.map { [$0.first.page, $0.first.section, $0.second.page, $0.second.section] } == [[0, 1, 1, 1]])
    }
}
