import SiteCore
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

    /// 20,000 identical headings (issue 8: quadratic before, 105 s) get `-2` … `-20000`, and a later heading
    /// whose own text is `优点 7` still avoids every id handed out.
    @Test func twentyThousandIdenticalHeadings() {
        var anchors = HeadingAnchors()
        let ids = (0..<20_000).map { _ in anchors.makeID(for: "优点") }
        #expect(ids == ["优点"] + (2...20_000).map { "优点-\($0)" })
        #expect(anchors.makeID(for: "优点 7") == "优点-7-2")
        #expect(anchors.makeID(for: "优点") == "优点-20001")
    }

    /// Same ids as the rule says — the first free `base`, `base-2`, `base-3`, … in call order — on a seeded mix
    /// of repeats, texts that look like numbered ids (`优点 2`), and reserved ids.
    @Test func idsFollowTheFirstFreeNumberRule() {
        var rng = SeededGenerator(seed: 8)
        let texts = ["优点", "优点 2", "优点-3", "缺点", "What is BN?", "what is bn", "？", "section 2", "优点 2 2"]
        for _ in 0..<50 {
            var anchors = HeadingAnchors()
            var used: Set<String> = []
            for _ in 0..<60 {
                if rng.next() % 10 == 0 {
                    let id = HeadingAnchors.slug(rng.pick(texts)) + (rng.next() % 2 == 0 ? "" : "-\(rng.next() % 4 + 2)")
                    anchors.reserve(id)
                    used.insert(id)
                    continue
                }
                let text = rng.pick(texts)
                let base = HeadingAnchors.slug(text)
                var expected = base, n = 2
                while used.contains(expected) {
                    expected = "\(base)-\(n)"
                    n += 1
                }
                used.insert(expected)
                #expect(anchors.makeID(for: text) == expected, "\(text)")
            }
        }
    }
}
