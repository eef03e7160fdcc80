import Foundation
import SiteBuild
import SiteCore
import Testing

/// `sitegen check`: the build's checks and its own, nothing written.
@Suite struct CheckSiteTests {
    @Test func listsProblemsAndCountsThemWithoutWriting() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# 甲\n\n见 [乙](b.md)、[不存在](nope.md)、[[乙#没有这一节]] 和 ![图](missing.png)。\n",
            "b.md": "# 乙\n\n被甲链接，讲 Dropout。\n\n## 小结\n\nDropout 随机置零。\n",
            "c.md": "# 丙\n\n没有谁链接到这里。\n",
            "topics.yml": "没人提到的主题:\n  aliases: [从未出现]\n",
        ])
        defer { project.delete() }
        let result = SiteBuilder.check(project.context())
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        #expect(result.checked && !result.committed)
        #expect(result.summary.hasPrefix("checked 3 pages"))
        let codes = Dictionary(grouping: result.diagnostics, by: \.code)
        #expect(codes["note-orphan"]?.compactMap(\.location?.path).sorted() == ["notes/a.md", "notes/c.md"])
        #expect(codes["note-orphan"]?.allSatisfy { $0.severity == .note } == true)
        #expect(codes["topic-unused"]?.first?.location.map { "\($0.path):\($0.line)" } == "notes/topics.yml:1")
        let counts = BuildReport(result).counts
        #expect(counts.brokenLinks == 2 && counts.missingImages == 1)
        #expect(counts.orphanNotes == 2 && counts.topicsWithoutPages == 1)
        #expect(BuildReport(result).succeeded)
        // A build does not run these checks.
        let built = project.build()
        #expect(built.committed && !built.diagnostics.contains { $0.code == "note-orphan" || $0.code == "topic-unused" })
    }
}
