import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// Builds that keep notes' artifacts and an output ledger between them, as `sitegen serve` does.
@Suite struct NoteArtifactStoreTests {
    static let notes = [
        "基础/激活函数.md": "# 激活函数\n\n## 激活函数的原理\n\n非线性来自 $\\sigma(x)$。\n\n## 常见问题\n\n### 1. 为什么需要激活函数？\n\n没有它，网络只是线性变换。\n",
        "基础/归一化.md": "# 归一化\n\n先读[激活函数的原理](激活函数.md#激活函数的原理)。\n\n$$\\mu = \\frac{1}{m}\\sum_i x_i$$\n",
        "优化/学习率.md": "# 学习率\n\n学习率 $\\eta$ 太大会发散；见[失效的链接](不存在.md)。\n",
    ]

    /// A project, and a build function that keeps one store and one ledger across calls.
    static func session(strict: Bool = false) throws -> (TemporaryProject, NoteArtifactStore, OutputLedger, () -> BuildResult) {
        let project = try TemporaryProject(notes: notes)
        let store = NoteArtifactStore(), ledger = OutputLedger()
        return (project, store, ledger, {
            var context = project.context()
            context.artifacts = store
            context.outputLedger = ledger
            return SiteBuilder(strict: strict).build(context)
        })
    }

    @Test func anEditReparsesAndRerendersOnlyThatNote() throws {
        let (project, store, _, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        #expect(store.lastBuild.parsed.count == 3)

        try project.write("优化/学习率.md", "# 学习率\n\n学习率 $\\eta$ 太小收敛慢；见[失效的链接](不存在.md)。\n")
        let result = build()
        #expect(result.committed)
        #expect(store.lastBuild.parsed == ["优化/学习率.md"])
        #expect(store.lastBuild.rendered == ["优化/学习率.md"])
        #expect(store.lastBuild.reusedParsed == 2 && store.lastBuild.reusedBodies == 2)
        // Of the note, home and section pages only the edited note's is rendered again (topic pages show excerpts).
        #expect(store.lastBuild.renderedPages.filter { !$0.hasPrefix("topics/") } == ["优化/学习率/index.html"])
        #expect(try project.page("优化/学习率/index.html").contains("太小收敛慢"))
        // The reused notes keep reporting what they reported.
        #expect(result.diagnostics.count { $0.code == "link-broken" } == 1)
    }

    /// A reused note keeps the formulas of its headings typeset in its table of contents and question list
    /// (they are typeset with the body, which is reused, not with the parse).
    @Test func aReusedNoteKeepsTheFormulasOfItsHeadingsTypeset() throws {
        let (project, _, _, build) = try Self.session()
        defer { project.delete() }
        try project.write("基础/激活函数.md", "# 激活函数\n\n## 输出 $\\sigma(x)$ 的范围\n\n在 0 和 1 之间。\n\n## 常见问题\n\n### 1. 为什么 $\\tanh$ 以 0 为中心？\n\n它是奇函数。\n")
        #expect(build().committed)
        let page = try project.page("基础/激活函数/index.html")
        try project.write("优化/学习率.md", "# 学习率\n\n学习率太小收敛慢。\n")
        #expect(build().committed)
        #expect(try project.page("基础/激活函数/index.html") == page)
        try project.expectOutputEqualsFreshBuild()
    }

    @Test func renamingAHeadingRerendersTheNotesThatLinkToIt() throws {
        let (project, store, _, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        #expect(!build().diagnostics.contains { $0.code == "anchor-missing" })
        #expect(store.lastBuild.parsed.isEmpty && store.lastBuild.rendered.isEmpty)

        try project.write("基础/激活函数.md", "# 激活函数\n\n## 为什么要非线性\n\n非线性来自 $\\sigma(x)$。\n")
        let result = build()
        #expect(store.lastBuild.parsed == ["基础/激活函数.md"])
        #expect(store.lastBuild.rendered == ["基础/归一化.md", "基础/激活函数.md"])
        let missing = result.diagnostics.filter { $0.code == "anchor-missing" }
        #expect(missing.map { $0.location?.path } == ["notes/基础/归一化.md"])
    }

    /// A new title reaches the pages that show it, which are rendered again: the neighbours' prev/next links,
    /// and every page's sidebar, which lists every note of a small site.
    @Test func aNewTitleRerendersThePagesThatShowIt() throws {
        let (project, store, _, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        try project.write("基础/激活函数.md", "# 非线性激活\n\n## 激活函数的原理\n\n正文不变。\n")
        #expect(build().committed)
        #expect(store.lastBuild.rendered == ["基础/激活函数.md"])
        let notePages = ["基础/激活函数/index.html", "基础/归一化/index.html", "优化/学习率/index.html"]
        #expect(notePages.allSatisfy(store.lastBuild.renderedPages.contains))
        #expect(try project.page("基础/归一化/index.html").contains("</span>非线性激活</a>"))
        #expect(try project.page("优化/学习率/index.html").contains(">非线性激活</a></li>"))
        // An edit that keeps the title renders no other note page again.
        try project.write("基础/激活函数.md", "# 非线性激活\n\n## 激活函数的原理\n\n正文改了。\n")
        #expect(build().committed)
        #expect(notePages.filter(store.lastBuild.renderedPages.contains) == ["基础/激活函数/index.html"])
    }

    /// The artifacts change how the site is made, never what it is.
    @Test func rebuildsWriteTheSameSiteAsAFreshBuild() throws {
        let (project, _, ledger, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        try project.write("基础/归一化.md", "# 归一化\n\n## 批归一化\n\n$$\\sigma^2 = \\frac{1}{m}\\sum_i (x_i-\\mu)^2$$\n")
        try project.remove("优化/学习率.md")
        try project.write("优化/动量.md", "# 动量\n\n见[批归一化](../基础/归一化.md#批归一化)。\n")
        #expect(build().committed)
        #expect(ledger.lastBuild.removed >= 1)

        try project.expectOutputEqualsFreshBuild()
    }

    @Test func aRebuildWritesOnlyTheFilesThatChanged() throws {
        let (project, _, ledger, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        let untouched = project.output.appendingPathComponent("优化/学习率/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int

        try project.write("基础/归一化.md", "# 归一化\n\n先读[激活函数的原理](激活函数.md#激活函数的原理)，再看方差。\n")
        #expect(build().committed)
        #expect(try project.page("基础/归一化/index.html").contains("再看方差"))
        #expect(try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int == before)
        // The page and the search shards of the words it gained or lost; never the theme or the other pages.
        #expect(ledger.lastBuild.written >= 1 && ledger.lastBuild.written < 12)
        #expect(ledger.lastBuild.removed == 0)
    }

    @Test func aFailedRebuildLeavesTheOutputAsItWas() throws {
        let (project, _, _, build) = try Self.session(strict: true)
        defer { project.delete() }
        try project.write("优化/学习率.md", "# 学习率\n\n学习率 $\\eta$。\n")
        #expect(build().committed)
        let before = try project.snapshot()

        try project.write("优化/学习率.md", "# 学习率\n\n见[失效的链接](不存在.md)。\n")
        let failed = build()
        #expect(!failed.committed)
        #expect(try project.snapshot() == before)

        try project.write("优化/学习率.md", "# 学习率\n\n修好了。\n")
        #expect(build().committed)
        #expect(try project.page("优化/学习率/index.html").contains("修好了"))
    }

    @Test func anotherBuildOfTheFolderMakesTheNextOneStaged() throws {
        let (project, _, ledger, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        #expect(ledger.lastBuild.written > 3)
        // `sitegen build` in another terminal swaps in a new folder: the ledger no longer describes it.
        #expect(project.build().committed)
        let context = project.context()
        #expect(!ledger.describes(context.outputURL))
        #expect(build().committed)
        #expect(ledger.describes(context.outputURL))
    }
}
