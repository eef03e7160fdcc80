import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SiteBuild
import SiteCore
import Testing

@Suite struct HostFilesTests {
    @Test func absoluteURLsArePercentEncodedFolders() {
        #expect(HostFiles.absoluteURL(siteURL: "https://x.org/notes/", outputPath: "基础/激活函数/index.html")
            == "https://x.org/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/")
        #expect(HostFiles.absoluteURL(siteURL: "https://x.org/", outputPath: "index.html") == "https://x.org/")
        #expect(HostFiles.absoluteURL(siteURL: "https://x.org/", outputPath: "feed.xml") == "https://x.org/feed.xml")
    }

    @Test func theSitemapListsPagesOnlyHomeFirstWithDates() throws {
        let xml = String(decoding: HostFiles.sitemap(siteURL: "https://x.org/n/", outputPaths: ["b/index.html", "404.html", "index.html", "a&b/index.html", "search/x.json"],
                                                     dates: ["b/index.html": "2025-01-02"]), as: UTF8.self)
        #expect(xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://x.org/n/</loc></url>
        <url><loc>https://x.org/n/a&amp;b/</loc></url>
        <url><loc>https://x.org/n/b/</loc><lastmod>2025-01-02</lastmod></url>
        </urlset>

        """)
    }

    @Test func robotsNamesTheSitemapWhenThereIsOne() {
        #expect(String(decoding: HostFiles.robots(siteURL: "https://x.org/n/"), as: UTF8.self) == "User-agent: *\nAllow: /\n\nSitemap: https://x.org/n/sitemap.xml\n")
        #expect(String(decoding: HostFiles.robots(siteURL: nil), as: UTF8.self) == "User-agent: *\nAllow: /\n")
    }

    @Test func theFeedIsWellFormedAtomEvenForMessyText() throws {
        var config = SiteConfig()
        config.title = "笔记 <1> & 2"
        let entries = [
            HostFiles.FeedEntry(title: "新\u{0}的", outputPath: "b/index.html", date: "2025-03-01", tags: ["a\"b"], summary: "x < y"),
            HostFiles.FeedEntry(title: "旧", outputPath: "a/index.html", date: "2024-01-01", tags: [], summary: ""),
        ]
        let data = try #require(HostFiles.atomFeed(siteURL: "https://x.org/", config: config, entries: entries))
        let document = try XMLDocument(data: data)
        let root = try #require(document.rootElement())
        #expect(root.name == "feed" && root.uri == "http://www.w3.org/2005/Atom")
        #expect(root.elements(forName: "title").first?.stringValue == "笔记 <1> & 2")
        #expect(root.elements(forName: "updated").first?.stringValue == "2025-03-01T00:00:00Z")
        let items = root.elements(forName: "entry")
        #expect(items.map { $0.elements(forName: "title").first?.stringValue } == ["新的", "旧"])
        #expect(items.first?.elements(forName: "id").first?.stringValue == "https://x.org/b/")
        #expect(items.first?.elements(forName: "category").first?.attributes?.first { $0.name == "term" }?.stringValue == "a\"b")
        #expect(items.first?.elements(forName: "summary").first?.stringValue == "x < y")
        #expect(HostFiles.atomFeed(siteURL: "https://x.org/", config: config, entries: []) == nil)
    }

    @Test func summariesEndAtAWordNearTheLimit() {
        #expect(HostFiles.summary("short", limit: 10) == "short")
        #expect(HostFiles.summary("one two three four", limit: 16) == "one two three…")
        #expect(HostFiles.summary(String(repeating: "字", count: 20), limit: 10) == String(repeating: "字", count: 10) + "…")
    }
}
