import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// The steps from typesetting to the written note page, run over one batch of notes after another.
@Suite struct PageBatchTests {
    @Test func indexPagesGoWithTheFirstBatchAndEveryPageOnce() {
        var pages = (0..<7).map { Page(sourcePath: "n\($0).md", displayPath: "n\($0).md", text: "") }
        pages[3].isIndex = true
        pages[5].isIndex = true
        let batches = PageBatch.batches(of: pages, size: 2)
        #expect(batches.map(\.pages) == [[3, 5, 0, 1], [2, 4], [6]])
        #expect(batches.map(\.isFirst) == [true, false, false])
        #expect(batches.map(\.isLast) == [false, false, true])
        #expect(PageBatch.batches(of: pages, size: 500).map(\.pages) == [[3, 5, 0, 1, 2, 4, 6]])
        #expect(PageBatch.batches(of: [], size: 2) == [PageBatch(pages: [], isFirst: true, isLast: true)])
    }

    /// The note cache's test site (formulas, a broken link, a wikilink, a tensor block, the root index page),
    /// with a section index page holding a formula, one more note, and a note with raw HTML to sanitise.
    static let notes = NoteCacheTests.notes.merging([
        "基础/README.md": "# 基础\n\n这一节讲 $\\sigma$。\n",
        "优化/动量.md": "# 动量\n\n动量 $\\beta$ 常取 0.9。\n",
        "优化/表格.md": "# 表格\n\n<table><tr><td onclick=\"go()\">学习率 $\\eta$</td></tr></table>\n\n见 <a href=\"缺失.md\">缺失</a>。\n",
    ]) { _, added in added }

    @Test func aBuildInBatchesWritesTheSameSiteAsOneInOne() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let whole = SiteBuilder().build(project.context(baseURL: "https://notes.example.org/", output: "whole"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        let batched = SiteBuilder(batchSize: 1).build(project.context(baseURL: "https://notes.example.org/", output: "batched"))
        #expect(whole.committed && batched.committed)
        #expect(whole.context.counters["pageBatches"] == 1)
        #expect(batched.context.counters["pageBatches"] == 5)
        var (a, b) = try (project.snapshot(of: project.root.appendingPathComponent("whole")),
                          project.snapshot(of: project.root.appendingPathComponent("batched")))
        a["/" + OutputSafety.markerName] = nil
        b["/" + OutputSafety.markerName] = nil
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.filter { b[$0.key] != $0.value }.keys.sorted() == [])
        #expect(batched.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        for counter in ["formulas", "formulasFailed", "notesCacheWritten", "rawHTMLPages"] {
            #expect(batched.context.counters[counter] == whole.context.counters[counter], "\(counter)")
        }
        // Notes with raw HTML are not cached (their links are resolved by the sanitiser; docs/incremental.md).
        #expect(batched.context.counters["notesCacheWritten"] == 6)
        #expect(batched.context.counters["rawHTMLPages"] == 1)
        #expect(batched.diagnostics.contains { $0.code == "html-removed" })
        // Each note's tree and body are let go with its batch; the step timings are summed over the batches.
        #expect(batched.context.pages.allSatisfy { $0.bodyHTML.isEmpty && $0.document.children.isEmpty })
        #expect(batched.timings.filter { $0.step == BuildStep.renderMath.name }.count == 1)
    }
}
