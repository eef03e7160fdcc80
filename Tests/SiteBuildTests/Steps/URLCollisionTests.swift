import Foundation
import SiteBuild
import SiteCore
import Testing

/// Two things that want one URL: a section (folder) keeps it, the note moves and is told so; nothing is dropped.
@Suite struct URLCollisionTests {
    @Test func noteNamedLikeAFolderMovesAndTheSectionKeepsItsURL() throws {
        let project = try TemporaryProject(notes: [
            "优化.md": "# 优化总览\n\n先看这一页。\n",
            "优化/adam.md": "# Adam\n\n一阶与二阶矩。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        // The section's index page is where sections always are; the note got the next free URL.
        #expect(try project.page("优化/index.html").contains("href=\"../优化/adam/\""))
        #expect(try project.page("优化-2/index.html").contains("先看这一页"))
        #expect(try project.page("优化/adam/index.html").contains("一阶与二阶矩"))
        let warning = result.diagnostics.first { $0.code == "url-collision" }
        #expect(warning?.severity == .warning)
        #expect(warning?.location?.path == "notes/优化.md")
        #expect(warning?.message.contains("notes/优化/") == true && warning?.message.contains("/优化-2/") == true,
                "\(String(describing: warning))")
        // Links to the moved note follow it.
        try project.write("链接.md", "# 链接\n\n见 [总览](优化.md)\n")
        #expect(project.build().committed)
        #expect(try project.page("链接/index.html").contains("href=\"../%E4%BC%98%E5%8C%96-2/\""))
    }

    @Test func slugThatNamesAFolderMoves() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "---\nslug: sub\n---\n# A 页\n\n这是 A。\n",
            "sub/b.md": "# B 页\n\n这是 B。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        #expect(try project.page("sub-2/index.html").contains("这是 A"))
        #expect(try project.page("sub/index.html").contains("href=\"../sub/b/\""))
        let warning = result.diagnostics.first { $0.code == "url-collision" }
        #expect(warning?.location?.path == "notes/a.md")
        #expect(warning?.message.contains("notes/sub/") == true)
    }

    @Test func twoNotesWithOneURLNameEachOther() throws {
        let project = try TemporaryProject(notes: [
            "Batch Norm.md": "# BN 一\n\n第一篇。\n",
            "batch-norm.md": "# BN 二\n\n第二篇。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed)
        let pages = [try project.page("batch-norm/index.html"), try project.page("batch-norm-2/index.html")]
        #expect(pages.contains { $0.contains("第一篇") } && pages.contains { $0.contains("第二篇") })
        let warning = result.diagnostics.first { $0.code == "url-collision" }
        #expect(warning?.message.contains("notes/Batch Norm.md") == true && warning?.message.contains("notes/batch-norm.md") == true,
                "\(String(describing: warning))")
    }

    @Test func twoFoldersWithOneURLKeepBothSections() throws {
        let project = try TemporaryProject(notes: [
            "Deep Learning/a.md": "# 甲\n\n甲文。\n",
            "deep-learning/b.md": "# 乙\n\n乙文。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed)
        // The page's own content: the sidebar beside it lists every section.
        let sections = try ["deep-learning/index.html", "deep-learning-2/index.html"].map { path in
            let html = try project.page(path)
            return String(html[try #require(html.range(of: "<main")).lowerBound...])
        }
        #expect(sections.contains { $0.contains("甲") && !$0.contains("乙") })
        #expect(sections.contains { $0.contains("乙") && !$0.contains("甲") })
        #expect(result.diagnostics.contains { $0.code == "url-collision" && $0.message.contains("notes/Deep Learning/") })
    }

    @Test func assetThatCollidesWithAPageIsAWarningAndTheSiteIsWritten() throws {
        let project = try TemporaryProject(notes: [
            "sec/a.md": "# A\n\n正文。\n",
            "sec/index.html": "<p>an exported page</p>",
            "sec/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        let warning = result.diagnostics.first { $0.location?.path == "notes/sec/index.html" }
        #expect(warning?.severity == .warning, "\(result.diagnostics)")
        #expect(warning?.message == "'notes/sec/index.html' is not copied into the site: a page sitegen writes has that path (generated files win); rename the file to publish it",
                "\(String(describing: warning))")
        #expect(try project.page("sec/index.html").contains("href=\"../sec/a/\""))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("sec/figure.svg").path))
    }
}
