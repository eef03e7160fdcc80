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
    /// with a section index page holding a formula, one more note, a note with raw HTML to sanitise, and one
    /// with topic names, a question another note also asks, a heading deeper than six and a wikilink that leads
    /// nowhere (what the topics steps work out).
    static let notes = NoteCacheTests.notes.merging([
        "基础/README.md": "# 基础\n\n这一节讲 $\\sigma$。\n",
        "优化/动量.md": "# 动量\n\n动量 $\\beta$ 常取 0.9。\n",
        "优化/表格.md": "# 表格\n\n<table><tr><td onclick=\"go()\">学习率 $\\eta$</td></tr></table>\n\n见 <a href=\"缺失.md\">缺失</a>。\n",
        "优化/批归一化.md": "# 批归一化\n\n## 用法\n\nBN 之后接 Sigmoid 或 Softmax，见 [[不存在的笔记]]。\n\n####### 七级的 Dropout\n\n> 引用里的 BatchNorm 与 $\\gamma$\n",
        "问答/甲.txt": "面试题甲\n什么是 Dropout? > 随机把神经元置零 > 推理时不做\n什么是过拟合? > 训练好而测试差\n",
        "问答/乙.txt": "面试题乙\n为什么 Sigmoid 会梯度消失？ > 导数最大 1/4\n什么是Dropout？ > 训练时随机置零\n",
    ]) { _, added in added }

    @Test func aBuildInBatchesWritesTheSameSiteAsOneInOne() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let whole = SiteBuilder().build(project.context(baseURL: "https://notes.example.org/", output: "whole"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        let batched = SiteBuilder(batchSize: 1).build(project.context(baseURL: "https://notes.example.org/", output: "batched"))
        #expect(whole.committed && batched.committed)
        #expect(whole.context.counters["pageBatches"] == 1)
        #expect(batched.context.counters["pageBatches"] == 8)
        var (a, b) = try (project.snapshot(of: project.root.appendingPathComponent("whole")),
                          project.snapshot(of: project.root.appendingPathComponent("batched")))
        a["/" + OutputSafety.markerName] = nil
        b["/" + OutputSafety.markerName] = nil
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.filter { b[$0.key] != $0.value }.keys.sorted() == [])
        #expect(batched.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        for counter in ["formulas", "formulasFailed", "notesCacheWritten", "rawHTMLPages", "topicLinks", "wikilinks",
                        "wikilinksUnresolved", "duplicateQuestions", "topicPages", "examples"] {
            #expect(batched.context.counters[counter] == whole.context.counters[counter], "\(counter)")
        }
        // Notes with raw HTML are not cached (their links are resolved by the sanitiser; docs/incremental.md).
        #expect(batched.context.counters["notesCacheWritten"] == 9)
        #expect(batched.context.counters["topicLinks"] ?? 0 > 0 && batched.context.counters["wikilinksUnresolved"] == 1)
        #expect(batched.context.counters["duplicateQuestions"] == 1 && batched.context.counters["examples"] == 1)
        #expect(batched.context.counters["rawHTMLPages"] == 1)
        #expect(batched.diagnostics.contains { $0.code == "html-removed" })
        // Each note's tree, body and line maps are let go with its batch; the step timings are summed over the batches.
        #expect(batched.context.pages.allSatisfy { $0.bodyHTML.isEmpty && $0.document.children.isEmpty })
        #expect(batched.context.pages.allSatisfy { ($0.protected?.lineMap.origins ?? []).isEmpty && $0.bodyLineMap.origins.isEmpty })
        // So are its formulas, their number kept for the report.
        #expect(batched.context.pages.allSatisfy { ($0.protected?.spans ?? []).isEmpty })
        #expect(batched.context.pages.map(\.formulaCount) == whole.context.pages.map(\.formulaCount))
        #expect(batched.context.pages.contains { $0.formulaCount > 0 })
        #expect(batched.context.pages.contains { $0.protected != nil })
        #expect(batched.timings.filter { $0.step == BuildStep.renderMath.name }.count == 1)
    }

    /// A build of more than one batch lets each note's tree go once its topics are summarised and parses the note
    /// again when its batch is linked (the test above: to the same site); a build of one batch keeps its trees.
    /// Either way the summary's topic matches are kept for the linking, so no text is matched twice.
    @Test func treesAreLetGoBetweenTheirSummaryAndTheirBatchOnlyWhenThereAreSeveral() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        final class Seen: @unchecked Sendable {
            private let lock = NSLock()
            private var seen: [(letGo: Bool, remembersMatches: Bool)] = []
            func record(_ values: [(Bool, Bool)]) { lock.withLock { seen += values } }
            var values: [(letGo: Bool, remembersMatches: Bool)] { lock.withLock { seen } }
        }
        func build(batchSize: Int, output: String) -> Seen {
            let seen = Seen()
            let probe = BuildStep("probe", perBatch: true) { context in
                seen.record(context.batchPages.map { i in
                    let page = context.pages[i]
                    return (page.parsesAgain && page.document.children.isEmpty, (page.topicMemo?.count ?? 0) > 0)
                })
            }
            var steps = SiteBuilder.defaultSteps
            steps.insert(probe, at: try! #require(steps.firstIndex { $0.name == BuildStep.summarizeTopics.name }) + 1)
            let result = SiteBuilder(steps: steps, batchSize: batchSize).build(project.context(output: output))
            #expect(result.committed, "\(result.diagnostics.map(\.description))")
            #expect(result.context.pages.allSatisfy { !$0.parsesAgain && $0.topicMemo == nil })
            return seen
        }
        let batched = build(batchSize: 2, output: "batched").values
        #expect(batched.count == Self.notes.count && batched.allSatisfy { $0.letGo && $0.remembersMatches })
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        let whole = build(batchSize: 500, output: "whole").values
        #expect(whole.count == Self.notes.count && whole.allSatisfy { !$0.letGo && $0.remembersMatches })
    }
}
