import SiteBuild
import Testing

@Suite struct FrontMatterTests {
    @Test func readsKnownKeysAndKeepsBodyLines() {
        let text = "---\ntitle: 梯度消失\ndate: 2018-12-31 15:30:58 +0800\ntags: [rnn, 梯度]\ndraft: false\nslug: vanishing\nlayout: post\n---\n# 正文\n"
        let split = FrontMatter.split(text, path: "notes/x.md")
        #expect(split.diagnostics.isEmpty)
        #expect(split.frontMatter.title == "梯度消失")
        #expect(split.frontMatter.date == "2018-12-31")
        #expect(split.frontMatter.tags == ["rnn", "梯度"])
        #expect(split.frontMatter.slug == "vanishing")
        #expect(split.frontMatter.keys.contains("layout"))
        #expect(split.bodyFirstLine == 9)
        #expect(split.body.hasPrefix("# 正文"))
    }

    @Test func brokenYAMLIsAnErrorAtItsLine() {
        let split = FrontMatter.split("---\ntitle: ok\ntags: [a, b\nother: 1\n---\n正文\n", path: "notes/y.md")
        let error = split.diagnostics.first
        #expect(error?.severity == .error)
        #expect(error?.code == "front-matter-yaml")
        #expect(error?.location?.path == "notes/y.md")
        #expect((3...5).contains(error?.location?.line ?? 0), "\(String(describing: error))")
    }

    @Test func unclosedFrontMatterAndBadDates() {
        #expect(FrontMatter.split("---\ntitle: x\n正文\n", path: "a.md").diagnostics.first?.code == "front-matter-unclosed")
        let dated = FrontMatter.split("---\ndate: yesterday\n---\n", path: "a.md")
        #expect(dated.frontMatter.date == nil)
        #expect(dated.diagnostics.first?.code == "front-matter-date")
        #expect(FrontMatter.split("no front matter", path: "a.md").bodyFirstLine == 1)
    }
}
