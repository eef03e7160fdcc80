import Foundation
import SiteBuild
import SiteCore
@testable import SitePreview
import Testing

@Suite struct SiteRebuilderTests {
    @Test func pagesThatChangedAreNamedByTheirURLs() {
        let written = ["基础/激活函数/index.html", "index.html", "404.html", "search/terms-3.json", "sitemap.xml", "feed.xml"]
        #expect(IncrementalRebuilder.pageURLs(written, basePath: "/notes/") == ["/notes/", "/notes/404.html", "/notes/基础/激活函数/"])
        #expect(IncrementalRebuilder.pageURLs([], basePath: "/") == [])
        // A stylesheet or an image may show on any page: every page reloads.
        #expect(IncrementalRebuilder.pageURLs(["基础/激活函数/index.html", "assets/style.3f2a9c1b2d.css"], basePath: "/") == nil)
        #expect(IncrementalRebuilder.pageURLs(["基础/图.png"], basePath: "/") == nil)
        #expect(IncrementalRebuilder.pageURLs(nil, basePath: "/") == nil)
    }

    /// An edited note's page is refreshed and named; the rebuild after it finds the page written already.
    @Test func anEditedNoteIsRefreshedThenTheSiteRebuilt() throws {
        let project = try PreviewProject(notes: ["随笔/甲.md": "# 随笔甲\n\n第一版的正文。\n", "随笔/乙.md": "# 随笔乙\n\n另一篇。\n"])
        defer { project.delete() }
        let rebuilder = project.rebuilder()
        #expect(rebuilder.refresh(changedPaths: []) == nil, "nothing is refreshed before a complete build")
        #expect(rebuilder.rebuild(changedPaths: []).succeeded)
        let note = try project.write("随笔/甲.md", "# 随笔甲\n\n第二版的正文。\n")

        let refreshed = try #require(rebuilder.refresh(changedPaths: [note.path]))
        #expect(refreshed.succeeded && refreshed.isRefresh)
        #expect(refreshed.changedPages == ["/随笔/甲/"])
        #expect(try String(contentsOf: project.output.appendingPathComponent("随笔/甲/index.html"), encoding: .utf8).contains("第二版的正文。"))

        let rebuilt = try #require(rebuilder.rebuild(changedPaths: [note.path]) { false })
        #expect(rebuilt.succeeded && !rebuilt.isRefresh)
        #expect(rebuilt.changedPages == [])
    }
}
