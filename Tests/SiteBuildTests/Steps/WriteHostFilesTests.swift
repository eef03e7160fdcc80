import Foundation
import SiteBuild
import SiteCore
import Testing

@Suite struct WriteHostFilesTests {
    @Test func withAnAbsoluteBaseURLTheSiteHasSitemapFeedAndCanonicalLinks() throws {
        let project = try TemporaryProject(notes: [
            "基础/新.md": "---\ndate: 2025-05-01\ntags: [a]\n---\n# 新笔记\n\n正文。\n",
            "基础/旧.md": "---\ndate: 2024-01-01\n---\n# 旧笔记\n\n正文。\n",
            "无日期.md": "# 无日期\n",
        ])
        defer { project.delete() }
        let result = project.build(baseURL: "https://me.github.io/notes")
        #expect(result.committed && result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let sitemap = try project.page("sitemap.xml")
        for loc in ["https://me.github.io/notes/", "https://me.github.io/notes/%E5%9F%BA%E7%A1%80/",
                    "https://me.github.io/notes/%E5%9F%BA%E7%A1%80/%E6%96%B0/", "https://me.github.io/notes/%E6%97%A0%E6%97%A5%E6%9C%9F/"] {
            #expect(sitemap.contains("<loc>\(loc)</loc>"), "\(loc)")
        }
        #expect(sitemap.contains("<lastmod>2025-05-01</lastmod>") && !sitemap.contains("404"))
        #expect(try project.page("robots.txt").contains("Sitemap: https://me.github.io/notes/sitemap.xml"))
        let feed = try project.page("feed.xml")
        let newer = try #require(feed.range(of: "<title>新笔记</title>")), older = try #require(feed.range(of: "<title>旧笔记</title>"))
        #expect(newer.lowerBound < older.lowerBound, "newest first")
        #expect(!feed.contains("无日期"), "the feed lists notes with a date")
        let note = try project.page("基础/新/index.html")
        #expect(note.contains(#"<link rel="canonical" href="https://me.github.io/notes/%E5%9F%BA%E7%A1%80/%E6%96%B0/">"#))
        #expect(note.contains(#"<link rel="alternate" type="application/atom+xml" title="学习笔记" href="../../feed.xml">"#))
        #expect(try project.page("index.html").contains(#"<link rel="canonical" href="https://me.github.io/notes/">"#))
        #expect(!(try project.page("404.html")).contains("rel=\"canonical\""))
    }

    /// Without an absolute URL there is nothing absolute to list: robots.txt only, pages without canonical links.
    @Test func withoutABaseURLOnlyRobots() throws {
        let project = try TemporaryProject(notes: ["a.md": "---\ndate: 2025-05-01\n---\n# A\n"])
        defer { project.delete() }
        #expect(project.build(baseURL: "/notes/").committed)
        #expect(try project.page("robots.txt") == "User-agent: *\nAllow: /\n")
        for absent in ["sitemap.xml", "feed.xml", "CNAME"] {
            #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent(absent).path), "\(absent)")
        }
        let page = try project.page("a/index.html")
        #expect(!page.contains("rel=\"canonical\"") && !page.contains("application/atom+xml"))
    }

    @Test func robotsBesideTheNotesWinsAndCnameIsWritten() throws {
        let project = try TemporaryProject(notes: ["a.md": "# A\n", "robots.txt": "User-agent: *\nDisallow: /drafts/\n"])
        defer { project.delete() }
        var context = project.context(baseURL: "https://notes.example.org/")
        context.config.cname = "notes.example.org"
        let result = SiteBuilder().build(context)
        #expect(result.committed && result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(try project.page("robots.txt") == "User-agent: *\nDisallow: /drafts/\n")
        #expect(try project.page("CNAME") == "notes.example.org\n")
    }
}
