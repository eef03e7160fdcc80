import Foundation
import SiteBuild
import SiteCore
import Testing

/// What the shipped theme gets from the build beyond the note's content.
@Suite struct ApplyTemplatesTests {
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
    }

    @Test func aHomePageNamedLikeTheSiteIsTitledOnce() throws {
        let project = try TemporaryProject(notes: ["README.md": "# 学习笔记\n\n简介。\n", "a.md": "# A\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        #expect(try project.page("index.html").contains("<title>学习笔记</title>"))
    }
}
