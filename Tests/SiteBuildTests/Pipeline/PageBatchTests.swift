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

    static let notes = [
        "README.md": "# 笔记\n\n首页的公式 $a^2$，从[归一化](基础/归一化.md)读起。\n",
        "基础/README.md": "# 基础\n\n这一节讲 $\\sigma$。\n",
        "基础/激活函数.md": "## 为什么需要 $\\sigma(x)$？\n\n非线性来自 $\\sigma(x)$，见 [[归一化]]。\n",
        "基础/归一化.md": "# 归一化\n\n$$\\mu = \\frac{1}{m}\\sum_i x_i$$\n\n```tensor\nsoftmax([1, 2, 3])\n```\n",
        "优化/学习率.md": "# 学习率\n\n学习率 $\\eta$ 太大会发散；见[失效的链接](不存在.md)和 $\\frac{1}{$。\n",
        "优化/动量.md": "# 动量\n\n动量 $\\beta$ 常取 0.9。\n",
    ]

    @Test func aBuildInBatchesWritesTheSameSiteAsOneInOne() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let whole = SiteBuilder().build(project.context(baseURL: "https://notes.example.org/", output: "whole"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        let batched = SiteBuilder(batchSize: 1).build(project.context(baseURL: "https://notes.example.org/", output: "batched"))
        #expect(whole.committed && batched.committed)
        #expect(whole.context.counters["pageBatches"] == 1)
        #expect(batched.context.counters["pageBatches"] == 4)
        var (a, b) = try (project.snapshot(of: project.root.appendingPathComponent("whole")),
                          project.snapshot(of: project.root.appendingPathComponent("batched")))
        a["/" + OutputSafety.markerName] = nil
        b["/" + OutputSafety.markerName] = nil
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.filter { b[$0.key] != $0.value }.keys.sorted() == [])
        #expect(batched.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        for counter in ["formulas", "formulasFailed", "notesCacheWritten"] {
            #expect(batched.context.counters[counter] == whole.context.counters[counter], "\(counter)")
        }
        #expect(batched.context.counters["notesCacheWritten"] == 6)
        // Each note's body is let go with its batch; the step timings are summed over the batches.
        #expect(batched.context.pages.allSatisfy { $0.bodyHTML.isEmpty })
        #expect(batched.timings.filter { $0.step == BuildStep.renderMath.name }.count == 1)
    }
}
