import Foundation
import SiteBuild
import SiteCore
import Testing

/// docsify's `_sidebar.md` and mdBook's `SUMMARY.md` give the order and titles of notes and sections.
@Suite struct ReadNavigationTests {
    /// The notes listed on the home page, section by section: `section: note, note`.
    private func homeOutline(_ project: TemporaryProject) throws -> [String] {
        let html = try project.page("index.html")
        return html.components(separatedBy: #"<section class="home-section">"#).dropFirst().map { section in
            let title = section.firstMatch(of: /<h2 class="home-section-title">\s*(?:<a[^>]*>|<span>)([^<]*)/).map { String($0.1) } ?? "?"
            let notes = section.matches(of: /class="note-link" href="[^"]*">([^<]*)</).map { String($0.1) }
            return "\(title): \(notes.joined(separator: ", "))"
        }
    }

    @Test func docsifySidebarOrdersAndTitlesNotesAndSections() throws {
        let project = try TemporaryProject(notes: [
            "_sidebar.md": """
                - [总览](/)
                - 第二部分：优化
                  - [梯度下降](part2/gd)
                  - [动量法](part2/momentum.md)
                - [第一部分：基础](part1/)
                  - [激活函数](part1/activation.md)
                  - [已经删掉的笔记](part1/gone.md)
                  - [外部参考](https://example.org/ref)
                """,
            "README.md": "# 我的笔记\n\n这是首页的介绍。\n",
            "part1/README.md": "# 基础部分\n\n本部分讲最基本的概念。\n",
            "part1/activation.md": "# Activation functions\n\n见 [动量法](../part2/momentum) 和 [第二部分](../part2/)。\n",
            "part1/loss.md": "# 损失函数\n\n没有列在侧栏里。\n",
            "part2/gd.md": "# GD\n\n梯度下降。\n",
            "part2/momentum.md": "# Momentum\n\n动量。\n",
            "part2/adam.md": "# Adam\n\n也没有列出。\n",
            "errata.md": "# 勘误\n\n根目录下的笔记，没有列出。\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(result.diagnostics.map(\.description) == [
            "notes/_sidebar.md:7:5: warning: '_sidebar.md' lists 'part1/gone.md', which is not a note in the notes folder; correct the link or remove the entry [link-broken]",
        ])
        // Listed sections first, in the sidebar's order, then the root's unlisted note; listed notes before the others.
        #expect(try homeOutline(project) == [
            "第二部分：优化: 梯度下降, 动量法, Adam",
            "第一部分：基础: 激活函数, 损失函数",
            "学习笔记: 勘误",
        ])
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("_sidebar").path))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("readme").path))

        // The sidebar's title is the note's title; its own different heading stays in the content.
        let activation = try project.page("part1/activation/index.html")
        #expect(activation.contains("<title>激活函数 · 学习笔记</title>"))
        #expect(activation.contains(##"<h1 id="activation-functions">Activation functions<a class="heading-anchor" href="#activation-functions" aria-label="本节链接">#</a></h1>"##))
        #expect(!activation.contains(#"class="note-title""#))
        #expect(activation.contains(#"<a href="../../part2/momentum/">动量法</a>"#))
        #expect(activation.contains(#"<a href="../../part2/">第二部分</a>"#))
        #expect(activation.contains(#"<a href="../../part1/">第一部分：基础</a>"#), "the breadcrumb names the section")
        // Neighbours follow the sidebar.
        let gd = try project.page("part2/gd/index.html")
        #expect(gd.contains(#"<a class="pager-next" href="../../part2/momentum/" rel="next"><span class="pager-label">下一篇</span>动量法</a>"#))
    }

    @Test func mdBookSummaryOrdersNotesUnderPartHeadings() throws {
        let project = try TemporaryProject(notes: [
            "SUMMARY.md": """
                # Summary

                [前言](README.md)

                # 入门

                - [第二章](ch/two.md)
                - [第一章](ch/one.md)
                - [还没写]()
                """,
            "README.md": "这本小书记录学习过程。\n",
            "ch/one.md": "# One\n",
            "ch/two.md": "# Two\n",
        ])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed && result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(try homeOutline(project) == ["入门: 第二章, 第一章"])
        let home = try project.page("index.html")
        #expect(home.contains("<h1>前言</h1>"))
        #expect(home.contains("<p>这本小书记录学习过程。</p>"))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("summary").path))
    }
}
