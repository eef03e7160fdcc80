import Foundation
import SiteBuild
import SiteCore
import Testing

/// What the shipped theme gets from the build beyond the note's content.
@Suite struct ApplyTemplatesTests {
    /// Note pages go into folders made before they are written, each once; a folder that cannot be made
    /// fails the pages inside it, each named.
    @Test func notePagesInNewFoldersAreWrittenAndUnwritableOnesNamed() throws {
        let project = try TemporaryProject(notes: [
            "基础/激活函数.md": "# 激活函数\n\n正文\n", "基础/深/层.md": "# 层\n\n正文\n",
            "训练/bn.md": "# BN\n\n正文\n", "根.md": "# 根\n\n正文\n",
        ])
        defer { project.delete() }
        let made = FolderLog()
        let logging = FileSystem(read: FileSystem.disk.read, write: FileSystem.disk.write, listFiles: FileSystem.disk.listFiles,
                                 createFolder: { made.append($0.lastPathComponent); try FileSystem.disk.createFolder($0) })
        let result = project.build(fileSystem: logging)
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        for page in ["基础/激活函数/index.html", "基础/深/层/index.html", "训练/bn/index.html", "根/index.html"] {
            #expect(try project.page(page).contains("正文"))
        }
        // The search step makes its own page-file folders the same way.
        #expect(made.names.sorted() == ["bn", "基础", "层", "根", "深", "激活函数", "训练", "search", "p"].sorted())

        let unwritable = FileSystem(read: FileSystem.disk.read, write: { data, url in
            if url.path.contains("/训练/") { throw CocoaError(.fileWriteNoPermission) }
            try FileSystem.disk.write(data, url)
        }, listFiles: FileSystem.disk.listFiles, createFolder: { url in
            if url.path.contains("/训练") { throw CocoaError(.fileWriteNoPermission) }
            try FileSystem.disk.createFolder(url)
        })
        project.forgetSite()
        let failed = project.build(fileSystem: unwritable)
        #expect(!failed.committed)
        let failures = failed.diagnostics.filter { $0.code == "output-write" }.map(\.message)
        #expect(failures.count == 1 && failures.allSatisfy { $0.hasPrefix("cannot write 'public/训练/bn/index.html': ") }, "\(failures)")
    }

    @Test func mathAssetsOnlyOnPagesWithFormulas() throws {
        let project = try TemporaryProject(notes: [
            "公式.md": "# 公式\n\n损失是 $L = \\frac{1}{n}$。\n",
            "文字.md": "# 文字\n\n这里没有公式。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(try project.page("公式/index.html").contains("katex.min.css"))
        #expect(try !project.page("文字/index.html").contains("katex.min.css"))
        #expect(try !project.page("index.html").contains("katex.min.css"))
        #expect(try !project.page("404.html").contains("katex.min.css"))
    }

    @Test func aHomePageNamedLikeTheSiteIsTitledOnce() throws {
        let project = try TemporaryProject(notes: ["README.md": "# 学习笔记\n\n简介。\n", "a.md": "# A\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        #expect(try project.page("index.html").contains("<title>学习笔记</title>"))
    }

    /// Opened from disk the 404 page's links resolve from its own folder, the site's root; served at a missing
    /// path, its script sets `<base>` to the base path before the stylesheet is read.
    @Test func notFoundPageWorksFromDiskAndWhenServed() throws {
        let project = try TemporaryProject(notes: ["a.md": "# A\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        let page = try project.page("404.html")
        let style = try project.hashedAsset("assets/style.css")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"\(style)\">"))
        #expect(!page.contains("href=\"/"), "no root-absolute links")
        let script = try #require(page.range(of: "b.href = \"/\""))
        #expect(script.lowerBound < page.range(of: "rel=\"stylesheet\"")!.lowerBound, "the base is set before the stylesheet")
    }

    @Test func aSectionPageShowsItsTitleOnce() throws {
        let project = try TemporaryProject(notes: ["优化/sgd.md": "# 随机梯度下降\n", "优化/adam.md": "# Adam\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        let page = try project.page("优化/index.html")
        let section = String(page[try #require(page.range(of: "<main")).lowerBound...])  // past the sidebar
        #expect(section.components(separatedBy: ">优化<").count - 1 == 1, "the <h1> only, no section heading below it")
        #expect(section.contains("<h1>优化</h1>"))
        #expect(try project.page("index.html").contains("home-section-title"), "the home page keeps its section headings")
    }

    @Test func sectionsSettingTitlesAndOrdersFolders() throws {
        let project = try TemporaryProject(notes: ["examples/a.md": "# A\n", "basics/b.md": "# B\n", "zeta/c.md": "# C\n"])
        defer { project.delete() }
        var context = project.context()
        context.config.sections = [.init(folder: "zeta", title: "最后的栏目"), .init(folder: "examples", title: "可运行的例子")]
        #expect(SiteBuilder().build(context).committed)
        let home = try project.page("index.html")
        let order = ["最后的栏目", "可运行的例子", ">basics<"].map { home.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "listed folders first, in the setting's order")
        #expect(try project.page("examples/a/index.html").contains("可运行的例子"), "the note's section link")
        #expect(try project.page("examples/index.html").contains("<title>可运行的例子 · "))
    }

    @Test func lostFormulasShowAMarkerUnlessTurnedOff() throws {
        let note = "# 矩阵\n\n设长度为 的向量 有 恒成立。\n\n其中x^{(k)}为第k步的解。\n"
        let project = try TemporaryProject(notes: ["m.md": note])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed)
        let page = try project.page("m/index.html")
        #expect(page.components(separatedBy: "<span class=\"math-lost\" title=\"a formula seems lost").count - 1 == 3)
        #expect(page.contains("\\(x^{(k)}\\)"), "unmistakable bare TeX is typeset (here by the client-side renderer)")
        #expect(result.diagnostics.contains { $0.code == "math-bare-tex" && $0.severity == .note })

        var context = project.context()
        context.config.mathMarksLost = false
        #expect(SiteBuilder().build(context).committed)
        let unmarked = try project.page("m/index.html")
        #expect(!unmarked.contains("math-lost"))
        #expect(unmarked.contains("设长度为 的向量 有 恒成立"))
    }

    @Test func pagesLoadTheCodeCopyScript() throws {
        let project = try TemporaryProject(notes: ["c.md": "# 代码\n\n```python\nprint(1)\n```\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        let script = try project.hashedAsset("assets/code.js")
        #expect(try project.page("c/index.html").contains("<script src=\"../\(script)\" defer></script>"))
    }
}

final class FolderLog: @unchecked Sendable {
    private var made: [String] = []
    private let lock = NSLock()
    func append(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        made.append(name)
    }
    var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return made
    }
}
