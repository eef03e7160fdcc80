import Foundation
import Testing

/// A flood of warnings on stderr folds per file and code and ends with counts per code; the report keeps each.
@Suite struct DiagnosticOutputTests {
    static let notes = [
        "长笔记.md": "# 长笔记\n\n" + (1...30).map { "第 \($0) 段引用了 [不存在的笔记](missing-\($0).md)。\n\n" }.joined()
            + "![图](缺图-1.png)\n\n![图](缺图-2.png)\n",
        "短笔记.md": "# 短笔记\n\n见 [别处](nowhere.md)。\n",
    ]

    @Test func floodFoldsAndEndsWithCountsPerCode() throws {
        let project = try CommandLineProject(notes: Self.notes)
        defer { project.delete() }
        let run = try project.sitegen(["build", "--report", "report.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("notes/长笔记.md:") && $0.hasSuffix("[link-broken]") }.count == 4)
        #expect(lines.contains("notes/长笔记.md:9:20: warning: … and 27 more in this file (lines 9–61; the report lists each) [link-broken]"))
        #expect(lines.filter { $0.hasSuffix("[image-missing]") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("notes/短笔记.md:3:") }.count == 1)
        let table = try #require(lines.firstIndex(of: "diagnostics by code:"))
        #expect(Array(lines[(table + 1)...].dropLast()) == ["  31 warnings  link-broken", "   2 warnings  image-missing"])
        #expect(lines.last?.hasPrefix("built 2 pages, 33 warnings, 0 errors in ") == true)

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: project.root.appendingPathComponent("report.json"))) as? [String: Any]
        #expect((report?["diagnostics"] as? [Any])?.count == 33)
    }

    @Test func quietFoldsWithoutTableAndStrictStillFails() throws {
        let project = try CommandLineProject(notes: Self.notes)
        defer { project.delete() }
        let quiet = try project.sitegen(["build", "--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.split(separator: "\n").count == 4 + 2 + 1)
        #expect(!quiet.stderr.contains("diagnostics by code") && !quiet.stderr.contains("built 2 pages"))

        let strict = try project.sitegen(["build", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("… and 27 more in this file"))
        #expect(strict.stderr.split(separator: "\n").last?.hasPrefix("build failed, public/ left as it was, 33 warnings") == true)
    }
}
