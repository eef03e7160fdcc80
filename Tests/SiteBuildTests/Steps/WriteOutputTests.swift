import Foundation
import SiteBuild
import SiteCore
import Testing

/// Files another tool keeps beside the notes: generated files win, litter is never copied.
@Suite struct WriteOutputTests {
    @Test func scaffoldingIsSkippedWithOneWarningEachAndLitterSilently() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# 笔记\n\n![图](img/图.png)\n",
            "index.html": "<html><body><div id=\"app\"></div></body></html>",
            "404.html": "<html>找不到</html>",
            "assets/style.css": "body { color: red }",
            "CNAME": "notes.example.org",
            "img/图.png": "PNG",
            ".nojekyll": "",
            ".DS_Store": "junk",
            "img/Thumbs.db": "junk",
            "desktop.ini": "[.ShellClassInfo]",
            "_navbar.md": "- [首页](/)",
            "_coverpage.md": "# 封面",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(result.diagnostics.map(\.description) == [
            "notes/404.html:1:1: warning: 'notes/404.html' is not copied into the site: sitegen's not-found page has that path (generated files win); rename the file to publish it [asset-collision]",
            "notes/index.html:1:1: warning: 'notes/index.html' is not copied into the site: sitegen's home page has that path (generated files win); rename the file to publish it [asset-collision]",
        ])
        #expect(try project.page("index.html").contains(#"<meta name="generator" content="sitegen"#))
        #expect(try project.page("404.html").contains("这个页面不存在"))
        // The theme's stylesheet has a content hash in its name, so a file of the unhashed name does not collide.
        #expect(try project.page("assets/style.css") == "body { color: red }")
        #expect(try project.page(project.hashedAsset("assets/style.css")) != "body { color: red }")
        #expect(try project.page("CNAME") == "notes.example.org")
        #expect(try project.page("img/图.png") == "PNG")
        let files = Set(try project.snapshot().keys)
        for litter in ["/.nojekyll", "/.DS_Store", "/img/Thumbs.db", "/desktop.ini"] {
            #expect(!files.contains(litter), "\(litter)")
        }
        #expect(!files.contains { $0.contains("navbar") || $0.contains("coverpage") })
    }
}
