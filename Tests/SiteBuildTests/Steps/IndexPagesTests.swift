import Foundation
import SiteBuild
import SiteCore
import Testing

/// A folder's `README.md`, `_index.md` or `index.md` is its section's page; the root's is the home page's intro.
@Suite struct IndexPagesTests {
    @Test func readmesIntroduceTheHomePageAndTheirSections() throws {
        let project = try TemporaryProject(notes: [
            "README.md": "[![状态](badge.svg)](https://example.org)\n\n# 面试笔记合集\n\n收集了 **常见问题**，公式如 $a^2$。\n",
            "badge.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "optimisation/README.md": "# 优化方法\n\n先读 [SGD](sgd.md)。\n",
            "optimisation/sgd.md": "# SGD\n\n回到 [本部分](./) 或 [首页](../README.md)。\n",
            "bare/readme.md": "只有一句话，没有标题。\n",
            "bare/x.md": "# X\n",
            "only-index/_index.md": "---\ntitle: 只有索引\n---\n这个文件夹里没有别的笔记。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed && result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")

        let home = try project.page("index.html")
        #expect(home.contains("<title>面试笔记合集 · 学习笔记</title>"))
        // The README shows its own <h1> after the badge: the page does not add a second one.
        #expect(home.components(separatedBy: "<h1").count == 2)
        #expect(home.contains(#"<div class="home-intro note-body">"#) && home.contains("<strong>常见问题</strong>"))
        #expect(home.contains(#"<img src="badge.svg" alt="状态" />"#))
        #expect(home.contains("共 2 篇笔记"), "index pages are not notes")
        #expect(home.contains(#"<a href="optimisation/">优化方法</a>"#))

        let section = try project.page("optimisation/index.html")
        #expect(section.contains("<h1>优化方法</h1>"))
        #expect(section.contains(#"<p>先读 <a href="../optimisation/sgd/">SGD</a>。</p>"#))
        #expect(section.contains(#"class="note-link" href="../optimisation/sgd/">SGD</a>"#))
        let sgd = try project.page("optimisation/sgd/index.html")
        #expect(sgd.contains(#"<a href="../../optimisation/">本部分</a>"#) && sgd.contains(#"<a href="../../">首页</a>"#))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("optimisation/readme").path))

        // No title of its own: the section keeps the folder's name, the text still shows.
        let bare = try project.page("bare/index.html")
        #expect(bare.contains("<h1>bare</h1>") && bare.contains("<p>只有一句话，没有标题。</p>"))
        let onlyIndex = try project.page("only-index/index.html")
        #expect(onlyIndex.contains("<h1>只有索引</h1>") && onlyIndex.contains("这个文件夹里没有别的笔记。"))
    }

    @Test func hugoIndexWinsAndTheOtherReadmeStaysANote() throws {
        let project = try TemporaryProject(notes: [
            "sec/_index.md": "# 章节索引\n",
            "sec/README.md": "# 说明文件\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(try project.page("sec/index.html").contains("<h1>章节索引</h1>"))
        #expect(try project.page("sec/readme/index.html").contains("说明文件"))
    }

    @Test func sectionsWithoutIndexTakeTheirNamesakeNoteTitleAndNumberedOrder() throws {
        let project = try TemporaryProject(notes: [
            "chapter10/chapter10.md": "# 第10章 降维\n",
            "chapter2/chapter2.md": "# 第2章 模型评估\n",
            "chapter2/extra.md": "# 补充\n",
            "misc/notes.md": "# 杂项\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        let home = try project.page("index.html")
        let titles = home.matches(of: /<h2 class="home-section-title">\s*<a href="[^"]*">([^<]*)</).map { String($0.1) }
        #expect(titles == ["第2章 模型评估", "第10章 降维", "misc"])
    }
}
