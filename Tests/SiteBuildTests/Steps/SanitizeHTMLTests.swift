import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// Raw HTML in notes, through a whole build (client-side math, so formulas stay readable TeX).
@Suite(.serialized) struct SanitizeHTMLTests {
    static let gallery = """
        # 卷积动画

        下面三张图演示不同的填充方式。

        <table style="width: 100%; position: absolute">
          <tr>
            <td><img width="160px" src="figs/same.gif" onerror="alert('x')"></td>
            <td><img width="160px" src="figs/valid.gif"></td>
          </tr>
          <tr>
            <td>same 填充，输出尺寸不变</td>
            <td>valid：不填充，输出变小</td>
          </tr>
        </table>

        输出尺寸：$o = \\lfloor (n + 2p - k) / s \\rfloor + 1$<br>当 $s = 1, p = (k-1)/2$ 时 $o = n$<br>

        <center>居中的一句话</center>

        <script>document.title = "被改了"</script>

        点 <a href="javascript:alert(1)">这里</a> 或者看 <a href="../基础.md">基础</a>。

        ```tensor
        softmax([1, 2, 3])
        ```
        """

    static let notes = [
        "卷积/动画.md": gallery,
        "卷积/figs/same.gif": "GIF89a",
        "基础.md": "# 基础\n\n普通的一页。\n",
    ]

    @Test func keepsTablesOfImagesAndRemovesScripts() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        let page = try Self.body(of: project.page("卷积/动画/index.html"))

        // The table of images with captions, the image rewritten to work from the page's pretty URL.
        #expect(page.contains(#"<table style="width: 100%">"#))
        #expect(page.contains(#"<td><img width="160px" src="../../%E5%8D%B7%E7%A7%AF/figs/same.gif" /></td>"#))
        #expect(page.contains("<td>same 填充，输出尺寸不变</td>"))
        // `<br>` keeps the two formulas apart.
        #expect(page.contains(#"\rfloor + 1\)</span><br />当"#))
        #expect(page.contains(#"<div align="center">居中的一句话</div>"#))
        #expect(!page.contains("<script>document") && !page.contains("被改了") && !page.contains("onerror"))
        #expect(!page.contains("javascript:") && page.contains("<a>这里</a>"))
        #expect(page.contains(#"<a href="../../%E5%9F%BA%E7%A1%80/">基础</a>"#), "note links in HTML are rewritten too")
        #expect(page.contains("tensor-example") && !page.contains("\u{E002}"), "the example joins after sanitising")
        #expect(!page.contains("sitegen-raw"))

        let path = "notes/卷积/动画.md"
        let missing = result.diagnostics.filter { $0.code == "image-missing" }
        #expect(missing.map(\.location) == [SourceLocation(path: path, line: 8, column: 33)])
        #expect(missing.first?.message.contains("figs/valid.gif") == true)
        let removed = result.diagnostics.filter { $0.code == "html-removed" }
        #expect(removed.count == 1)
        #expect(removed.first?.location == SourceLocation(path: path, line: 5, column: 1))
        #expect(removed.first?.message.hasPrefix("removed style ‘position’, onerror attribute, <script>, javascript: URL in the note's HTML") == true,
                "\(removed.first?.message ?? "")")
        #expect(BuildReport(result).counts.rawHTMLPages == 1)
    }

    @Test func rawHTMLTrueKeepsTheAuthorsHTML() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        var context = project.context()
        context.config.allowRawHTML = true
        let result = SiteBuilder().build(context)
        #expect(result.committed)
        let page = try Self.body(of: project.page("卷积/动画/index.html"))
        #expect(page.contains(#"<img width="160px" src="../../%E5%8D%B7%E7%A7%AF/figs/same.gif" onerror="alert('x')" />"#))
        #expect(page.contains(#"<center>居中的一句话</center>"#))
        #expect(page.contains("&lt;script&gt;document.title"), "GFM's tag filter still shows a script as text")
        #expect(!result.diagnostics.contains { $0.code == "html-removed" })
        #expect(result.diagnostics.count { $0.code == "image-missing" } == 1)
    }

    /// A note using every construct the renderer generates, with and without one raw `<br>`: the sanitiser
    /// must leave the renderer's markup exactly as it was.
    @Test func generatedMarkupPassesUnchanged() throws {
        let note = """
            ---
            layout: post
            title: 生成的标记
            ---
            # 生成的标记

            ## 为什么要归一化？

            因为 "分布" 会漂移 & 训练变慢 'really'。行尾硬换行  
            第二行，见 [基础](基础.md#基础) 与 <https://example.org/a?b=1&c=2>。

            - [x] 已完成
            - [ ] 未完成

            3. 第三步
            4. 第四步

            > 引用里有 `a < b && c > d` 和 **粗体**、*斜体*、~~删除~~。

            | 左 | 中 | 右 |
            |:---|:---:|---:|
            | $x_i$ | 1 | 2 |

            ![图](figs/same.gif "标题")

            $$\\sum_{i=1}^n x_i$$

            ```python
            print("<hello>")
            ```

            ```tensor
            relu([-1, 0, 2])
            ```

            ## 追问：那么推理时呢？

            用 running mean。\u{00A0}不换行空格。
            """
        var withRaw = note + "<br>\n"
        withRaw = withRaw.replacingOccurrences(of: "用 running mean。", with: "用 running mean。<br>")
        let plain = try TemporaryProject(notes: ["生成.md": note, "基础.md": "# 基础\n", "figs/same.gif": "GIF89a"])
        let raw = try TemporaryProject(notes: ["生成.md": withRaw, "基础.md": "# 基础\n", "figs/same.gif": "GIF89a"])
        defer { plain.delete(); raw.delete() }
        let plainResult = plain.build(), rawResult = raw.build()
        #expect(plainResult.committed && rawResult.committed)
        #expect(BuildReport(plainResult).counts.rawHTMLPages == 0 && BuildReport(rawResult).counts.rawHTMLPages == 1)
        let before = try plain.page("生成/index.html")
        let after = try raw.page("生成/index.html")
        #expect(before.contains(#"<details class="question" open>"#) && before.contains("tensor-example"))
        #expect(before.contains(#"<input type="checkbox" checked="" disabled="" />"#))
        #expect(after.components(separatedBy: "<br />").count == before.components(separatedBy: "<br />").count + 2)
        #expect(after.replacingOccurrences(of: "<br />", with: "") == before.replacingOccurrences(of: "<br />", with: ""))
    }

    /// The rendered note inside a page of the default theme.
    static func body(of page: String) throws -> String {
        let start = try #require(page.range(of: #"<div class="note-body">"#))
        let end = try #require(page.range(of: #"<nav class="pager""#))
        return String(page[start.upperBound..<end.lowerBound])
    }

    /// `SITEGEN_SEEDS` when set (a worktree that lives elsewhere), else `../shared/seeds` beside the repository.
    static let seedsFolder: URL = ProcessInfo.processInfo.environment["SITEGEN_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/seeds")

    static let jekyllSeed = (try? FileManager.default.contentsOfDirectory(atPath: seedsFolder.path))?
        .first { $0.hasPrefix("004_") }.map { seedsFolder.appendingPathComponent($0) }

    @Test(.enabled(if: jekyllSeed != nil, "../shared/seeds not found: seed test skipped"))
    func seedTablesOfAnimationsAppear() throws {
        let text = try String(contentsOf: Self.jekyllSeed!, encoding: .utf8)
        let project = try TemporaryProject(notes: ["seed.md": text])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed)
        let page = try project.page("seed/index.html")
        #expect(!page.contains("raw HTML omitted"))
        // Three tables of animations with captions: 15 images, each missing here (the gifs are not in the seeds).
        #expect(page.components(separatedBy: #"<table style="width: 100%; table-layout: fixed">"#).count == 3)
        #expect(page.components(separatedBy: #"<img width="150px" src="../gif/"#).count == 16)
        let missing = result.diagnostics.filter { $0.code == "image-missing" }.compactMap(\.location?.line)
        #expect(missing.count == 15 && missing.allSatisfy { (297...358).contains($0) })
        #expect(page.components(separatedBy: "<br />").count - 1 >= 10)
        // The third table's style attribute ends early (`style="width:25%"; table-layout:fixed;`): the stray
        // words are attributes, removed and reported at that line.
        let removed = result.diagnostics.filter { $0.code == "html-removed" }
        #expect(removed.map { $0.location?.line } == [356])
    }
}
