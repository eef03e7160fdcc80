import SiteBuild
import SiteCore
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

    /// The body is the text after the closing line; Windows and old Mac line ends become `\n`.
    @Test func theBodyIsTheRestWithLineEndsMadeNewlines() {
        let unix = FrontMatter.split("---\ntitle: 甲\n...\n正文\n\n尾", path: "x.md")
        #expect(unix.frontMatter.title == "甲" && unix.body == "正文\n\n尾" && unix.bodyFirstLine == 4)
        let windows = FrontMatter.split("---\r\ntitle: 乙\r\n---\r\n正文\r\n尾\r旧\r\n", path: "x.md")
        #expect(windows.frontMatter.title == "乙" && windows.body == "正文\n尾\n旧\n" && windows.bodyFirstLine == 4)
        #expect(FrontMatter.split("---\ntitle: 丙\n---", path: "x.md").body == "")
        #expect(FrontMatter.split("---\ntitle: 丙\n---\n", path: "x.md").body == "")
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

    @Test func updatedIsADayLikeDate() {
        let split = FrontMatter.split("---\ndate: 2024-01-02\nupdated: 2024-03-04 10:00\n---\n", path: "a.md")
        #expect(split.frontMatter.date == "2024-01-02" && split.frontMatter.updated == "2024-03-04")
        let bad = FrontMatter.split("---\nupdated: 上周\n---\n", path: "a.md")
        #expect(bad.frontMatter.updated == nil)
        #expect(bad.diagnostics.first?.code == "front-matter-date" && bad.diagnostics.first?.message.hasPrefix("updated '上周'") == true)
    }
}

@Suite struct FrontMatterValueTests {
    @Test func impossibleDateIsAnErrorAtItsValue() {
        let split = FrontMatter.split("---\ntitle: x\ndate: 2024-13-45\n---\n正文\n", path: "notes/d.md")
        let error = split.diagnostics.first { $0.code == "front-matter-date" }
        #expect(error?.severity == .error, "\(split.diagnostics)")
        #expect(error?.location == SourceLocation(path: "notes/d.md", line: 3, column: 7))
        #expect(split.frontMatter.date == nil)
        #expect(FrontMatter.split("---\ndate: 2023-02-29\n---\n", path: "a.md").diagnostics.first?.severity == .error)
        #expect(FrontMatter.split("---\ndate: 2024-02-29\n---\n", path: "a.md").frontMatter.date == "2024-02-29")
    }

    @Test func tagsThatAreNotAListOrTextAreAWarning() {
        let split = FrontMatter.split("---\ntags: 5\n---\n", path: "notes/t.md")
        let warning = split.diagnostics.first
        #expect(warning?.severity == .warning && warning?.code == "front-matter-type", "\(split.diagnostics)")
        #expect(warning?.location == SourceLocation(path: "notes/t.md", line: 2, column: 7))
        let nested = FrontMatter.split("---\ntags: [a, [b, c]]\n---\n", path: "notes/t.md")
        #expect(nested.frontMatter.tags == ["a"])
        #expect(nested.diagnostics.first?.location == SourceLocation(path: "notes/t.md", line: 2, column: 11))
    }

    /// Aliases that repeat aliases (billion laughs) would expand to 10⁹ values: the note fails at once.
    @Test func aliasExpansionIsBounded() {
        var yaml = "title: 笑\nlol0: &lol0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...9 {
            yaml += "lol\(i): &lol\(i) [" + (0..<10).map { _ in "*lol\(i - 1)" }.joined(separator: ", ") + "]\n"
        }
        let split = FrontMatter.split("---\n\(yaml)---\n正文\n", path: "notes/lol.md")
        let error = split.diagnostics.first
        #expect(error?.severity == .error && error?.code == "front-matter-yaml", "\(split.diagnostics)")
        #expect(error?.message.contains("alias") == true)
        #expect(error?.location?.path == "notes/lol.md" && (error?.location?.column ?? 0) > 0)
        #expect((4...12).contains(error?.location?.line ?? 0))
        #expect(split.body.hasPrefix("正文"))
    }

    @Test func aliasUsedAsAKeyIsBoundedToo() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { yaml += "a\(i): &a\(i) [" + (0..<10).map { _ in "*a\(i - 1)" }.joined(separator: ", ") + "]\n" }
        yaml += "? *a8\n: 1\n? y\n: 2\n"
        let split = FrontMatter.split("---\n\(yaml)---\n", path: "notes/k.md")
        #expect(split.diagnostics.first?.code == "front-matter-yaml", "\(split.diagnostics)")
    }

    /// libyaml stops at 1,000 levels; Yams must report that, not recurse further.
    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let yaml = "x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let split = FrontMatter.split("---\n\(yaml)\n---\n", path: "notes/n.md")
        #expect(split.diagnostics.first?.code == "front-matter-yaml", "\(split.diagnostics)")
    }

    /// The plain values people write keep working.
    @Test func commonValuesStillRead() {
        let split = FrontMatter.split("---\ntitle: 2024\ntags: 优化, 训练\ndraft: true\nmacros:\n  \\E: \\mathbb{E}\n---\n", path: "a.md")
        #expect(split.diagnostics.isEmpty, "\(split.diagnostics)")
        #expect(split.frontMatter.title == "2024")
        #expect(split.frontMatter.tags == ["优化", "训练"])
        #expect(split.frontMatter.draft)
        #expect(split.frontMatter.macros == ["\\E": "\\mathbb{E}"])
    }
}
