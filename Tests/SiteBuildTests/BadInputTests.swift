import Foundation
import SiteBuild
import SiteCore
import Testing

/// A notes folder of typical mistakes: every problem is reported at a line and a column, and the site is
/// still written where the problems are only warnings.
@Suite struct BadInputTests {
    static let badNotes = [
        "yaml.md": "---\ntitle: ok\ntags: [a, b\n---\n正文\n",
        "date.md": "---\ndate: 2024-13-45\n---\n正文\n",
        "tags.md": "---\ntags: 5\ndraft: maybe\ntitle: [a, b]\n---\n正文\n",
        "format.md": "---\nformat: nope\n---\n正文\n",
        "unclosed.md": "---\ntitle: x\n正文\n",
        "links.md": "# 链接\n\n见 [不存在](nowhere.md) 和 ![图](missing.png)，以及 [锚点](#没有)。\n",
        "math.md": "# 公式\n\n未闭合 $$x^2\n\n**加粗：**后面\n",
        "tensor.md": "# 例子\n\n```tensor\nx = [1, 2\n```\n",
        "slug-a.md": "---\nslug: same\n---\n# A\n",
        "slug-b.md": "---\nslug: same\n---\n# B\n",
        "same.md": "# 同名\n",
        "same/c.md": "# C\n",
        "export.txt": "1. 问题一？\n答：回答一\n2. 问题二？\n答：回答二\n",
    ]

    @Test func everyLocatedDiagnosticHasAColumn() throws {
        let project = try TemporaryProject(notes: Self.badNotes)
        defer { project.delete() }
        let url = project.root.appendingPathComponent("notes/latin1.md")
        try (Data("# 标题\n\n第三行 é".utf8) + Data([0xE9, 0x0A])).write(to: url)
        let result = project.build()
        let located = result.diagnostics.filter { $0.location != nil }
        #expect(located.count >= 12, "\(result.diagnostics)")
        for diagnostic in located {
            #expect((diagnostic.location?.column ?? 0) > 0, "no column: \(diagnostic)")
            #expect((diagnostic.location?.line ?? 0) > 0, "no line: \(diagnostic)")
        }
        let encoding = result.diagnostics.first { $0.code == "note-encoding" }
        #expect(encoding?.location == SourceLocation(path: "notes/latin1.md", line: 3, column: 6), "\(String(describing: encoding))")
    }

    /// The same notes minus the errors: only warnings, so the site is written.
    @Test func warningsCostOnlyTheirSpot() throws {
        var notes = Self.badNotes
        for errorNote in ["yaml.md", "date.md", "unclosed.md", "math.md", "tensor.md"] { notes[errorNote] = nil }
        let project = try TemporaryProject(notes: notes)
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.filter { $0.severity == .error })")
        #expect(try project.page("links/index.html").contains("链接"))
        #expect(result.diagnostics.contains { $0.code == "front-matter-type" && $0.location?.path == "notes/tags.md" })
    }
}
