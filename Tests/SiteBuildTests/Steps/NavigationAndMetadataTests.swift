import Foundation
import SiteBuild
import SiteCore
import SitePublish
import Testing

/// The shipped theme's navigation (sidebar, tag pages, heading anchors) and page metadata.
@Suite struct NavigationAndMetadataTests {
    @Test func tagPagesListTheirNotesAndTagsLinkToThem() throws {
        let project = try TemporaryProject(notes: [
            "优化/adam.md": "---\ntags: [优化, BN]\n---\n# Adam\n\n自适应。\n",
            "优化/sgd.md": "---\ntags: [优化, bn]\n---\n# SGD\n\n随机梯度。\n",
            "激活.md": "---\ntags: 激活\n---\n# 激活\n\n非线性。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        let tagPage = try project.page("tags/优化/index.html")
        let tag = String(tagPage[try #require(tagPage.range(of: "<main")).lowerBound...])
        #expect(tag.contains(">SGD</a>") && tag.contains(">Adam</a>"))
        #expect(!tag.contains(">激活</a>"))
        // `BN` and `bn` have one slug: one page, named by the first spelling in path order.
        let bn = try project.page("tags/bn/index.html")
        #expect(bn.contains("<h1>BN</h1>") && bn.contains(">SGD</a>") && bn.contains(">Adam</a>"))
        // Page-relative links that work from disk: the note links up two folders to the tag page.
        let note = try project.page("优化/sgd/index.html")
        #expect(note.contains("<a class=\"tag\" href=\"../../tags/优化/\" rel=\"tag\">优化</a>"))
        let index = try project.page("tags/index.html")
        #expect(index.contains("<a class=\"tag\" href=\"../tags/激活/\" rel=\"tag\">激活</a> <span class=\"tag-count\">1</span>"))
        #expect(index.contains("3 个标签"))
        #expect(try project.page("index.html").contains("<a href=\"tags/\">标签</a>"))
    }

    @Test func aFolderNamedTagsMovesAsideWithAWarning() throws {
        let project = try TemporaryProject(notes: [
            "tags/a.md": "# A\n\n正文。\n",
            "b.md": "---\ntags: [x]\n---\n# B\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.diagnostics.contains { $0.code == "url-collision" && $0.message.contains("tags-2") })
        #expect(try project.page("tags-2/a/index.html").contains(">A</h1>"))
        #expect(try project.page("tags/x/index.html").contains(">B</a>"))
    }

    @Test func sidebarMarksTheCurrentPageAndOpensItsSection() throws {
        let project = try TemporaryProject(notes: [
            "一/a.md": "# 甲\n", "一/b.md": "# 乙\n", "二/c.md": "# 丙\n", "根.md": "# 根\n",
        ])
        defer { project.delete() }
        #expect(project.build().committed)
        let page = try project.page("一/a/index.html")
        let start = try #require(page.range(of: "<nav class=\"site-sidebar\""))
        let nav = String(page[start.lowerBound..<page[start.upperBound...].range(of: "</nav>")!.upperBound])
        #expect(nav.contains("<a href=\"../../一/a/\" aria-current=\"page\">甲</a>"))
        #expect(nav.contains("<a href=\"../../一/b/\">乙</a>"))
        #expect(nav.contains("<details open>\n        <summary><a href=\"../../一/\">一</a>"))
        #expect(nav.contains("<details>\n        <summary><a href=\"../../二/\">二</a>"))
        #expect(nav.contains(">根</a>"))
        // A section's own page is current in the sidebar.
        #expect(try project.page("二/index.html").contains("<a href=\"../二/\" aria-current=\"page\">二</a>"))
    }

    /// Above 300 notes the sidebar shows only the current section's notes, 40 either side of the page.
    @Test func aLargeSiteShowsOnlyTheCurrentSectionsNotesAroundThePage() throws {
        var notes: [String: String] = ["其他/x.md": "# 其他笔记\n"]
        for n in 1...310 { notes["大/n\(String(format: "%03d", n)).md"] = "# 第\(n)篇\n" }
        let project = try TemporaryProject(notes: notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let page = try project.page("大/n200/index.html")
        let start = try #require(page.range(of: "<nav class=\"site-sidebar\""))
        let nav = String(page[start.lowerBound..<page[start.upperBound...].range(of: "</nav>")!.upperBound])
        #expect(nav.contains("aria-current=\"page\">第200篇</a>"))
        #expect(nav.contains(">第160篇</a>") && nav.contains(">第240篇</a>"))
        #expect(!nav.contains(">第159篇</a>") && !nav.contains(">第241篇</a>"))
        #expect(nav.contains("<a class=\"sidebar-more\" href=\"../../大/\">全部 310 篇</a>"))
        #expect(nav.contains("<a class=\"sidebar-section-link\" href=\"../../其他/\">其他</a>") && !nav.contains("其他笔记"))
    }

    @Test func headingsGetAPermalinkAfterTheirText() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 标题\n\n## 第一节\n\n正文。\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        #expect(try project.page("a/index.html").contains("<h2 id=\"第一节\">第一节<a class=\"heading-anchor\" href=\"#%E7%AC%AC%E4%B8%80%E8%8A%82\" aria-label=\"本节链接\">#</a></h2>"))
    }

    @Test func descriptionIsTheFirstParagraphAsPlainText() throws {
        let long = String(repeating: "梯度下降沿负梯度方向更新参数。", count: 20)
        let project = try TemporaryProject(notes: [
            "a.md": "# 标题\n\n![图](x.png)\n\n损失 $\\sqrt{d_k}$ 与 **加粗**\n下一行。\n\n第二段。\n",
            "b.md": "# 长\n\n\(long)\n",
        ])
        defer { project.delete() }
        #expect(project.build().committed)
        let page = try project.page("a/index.html")
        // An image alone is no description; white space between two Chinese characters (a soft break) is none.
        #expect(page.contains("<meta name=\"description\" content=\"损失 √d_k 与加粗下一行。\">"))
        #expect(!page.contains("content=\"损失 $"))
        let longPage = try project.page("b/index.html")
        let description = try #require(longPage.firstMatch(of: /<meta name="description" content="([^"]*)">/)?.1)
        #expect(description.count == 160 && description.hasSuffix("…"))
        // Without an absolute baseURL there is nothing to point OpenGraph at.
        #expect(!page.contains("og:title") && !page.contains("rel=\"canonical\""))
    }

    @Test func openGraphAndCanonicalWithABaseURL() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 标题\n\n第一段的文字。\n"])
        defer { project.delete() }
        #expect(project.build(baseURL: "https://example.org/notes/").committed)
        let page = try project.page("a/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/notes/a/\">"))
        #expect(page.contains("<meta property=\"og:url\" content=\"https://example.org/notes/a/\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"标题\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<meta property=\"og:description\" content=\"第一段的文字。\">"))
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(try project.page("index.html").contains("<meta property=\"og:type\" content=\"website\">"))
        #expect(page.contains("rel=\"icon\" href=\"../assets/favicon.svg\""))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("assets/favicon.svg").path))
    }

    @Test func editLinkWhenARepositoryIsConfigured() throws {
        let project = try TemporaryProject(notes: ["基础/a b.md": "# A\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        #expect(try !project.page("基础/a-b/index.html").contains("note-edit"))
        var context = project.context()
        context.config.repoURL = "https://github.com/me/notes/"
        context.config.editBranch = "dev"
        #expect(SiteBuilder().build(context).committed)
        let expected = "https://github.com/me/notes/edit/dev/notes/%E5%9F%BA%E7%A1%80/a%20b.md"
        #expect(try project.page("基础/a-b/index.html").contains("<a href=\"\(expected)\" rel=\"nofollow\">编辑此页</a>"))
        context.config.editPath = "docs/notes"
        #expect(SiteBuilder().build(context).committed)
        #expect(try project.page("基础/a-b/index.html").contains("/edit/dev/docs/notes/%E5%9F%BA%E7%A1%80/a%20b.md"))
    }

    @Test func updatedComesFromFrontMatterElseTheLastCommit() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# A\n", "b.md": "---\nupdated: 2025-03-04\n---\n# B\n", "c.md": "# C\n",
        ])
        defer { project.delete() }
        // Without a repository: only the front matter's day.
        #expect(project.build().committed)
        #expect(try !project.page("a/index.html").contains("note-updated"))
        #expect(try project.page("b/index.html").contains("<time datetime=\"2025-03-04\">2025-03-04</time>"))

        let executable = try #require(Git.locate())
        let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let git = Git(executable: executable, folder: project.root, environment: environment)
        try git.run(["init", "-q"])
        try git.run(["add", "notes/a.md", "notes/b.md"])
        try git.run(["commit", "-q", "-m", "one"], environment: ["GIT_COMMITTER_DATE": "2024-01-02T12:00:00Z"])
        try project.write("a.md", "# A\n\n改过。\n")
        try git.run(["commit", "-q", "-am", "two"], environment: ["GIT_COMMITTER_DATE": "2024-05-06T12:00:00Z"])
        #expect(project.build().committed)
        #expect(try project.page("a/index.html").contains("<time datetime=\"2024-05-06\">2024-05-06</time>"))
        // Front matter wins over the commit; a file never committed has no day.
        #expect(try project.page("b/index.html").contains("<time datetime=\"2025-03-04\">2025-03-04</time>"))
        #expect(try !project.page("c/index.html").contains("note-updated"))
    }
}
