import SiteMarkdown
import Testing

@Suite struct HeadingAnchorsTests {
    @Test func keepsChineseAndDropsPunctuation() {
        #expect(HeadingAnchors.slug("激活函数") == "激活函数")
        #expect(HeadingAnchors.slug("What is BN? 批归一化！") == "what-is-bn-批归一化")
        #expect(HeadingAnchors.slug("L1 和 L2 范数") == "l1-和-l2-范数")
        #expect(HeadingAnchors.slug("snake_case-name") == "snake_case-name")
        #expect(HeadingAnchors.slug("？！…") == "section")
    }

    @Test func duplicatesAreNumberedFromTwo() {
        var anchors = HeadingAnchors()
        #expect(anchors.makeID(for: "优点") == "优点")
        #expect(anchors.makeID(for: "优点") == "优点-2")
        #expect(anchors.makeID(for: "优点") == "优点-3")
        anchors.reserve("缺点")
        #expect(anchors.makeID(for: "缺点") == "缺点-2")
    }
}
