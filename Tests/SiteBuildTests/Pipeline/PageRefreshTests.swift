import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// The edited note's page first (`sitegen serve`): written as the whole build that follows writes it, and
/// nothing the page alone cannot show.
@Suite struct PageRefreshTests {
    typealias Session = (project: TemporaryProject, ledger: OutputLedger, build: (Bool) -> BuildResult)

    /// A project built once with an artifact store and an output ledger, as `sitegen serve` builds it;
    /// `build(true)` builds again with a build that is told newer edits wait.
    static func session() throws -> Session {
        let project = try TemporaryProject(notes: IncrementalRebuildTests.notes)
        let store = NoteArtifactStore(), ledger = OutputLedger()
        return (project, ledger, { superseded in
            var context = project.context()
            context.artifacts = store
            context.outputLedger = ledger
            if superseded { context.isSuperseded = { true } }
            return SiteBuilder().build(context)
        })
    }

    static func path(_ project: TemporaryProject, _ note: String) -> String {
        project.root.appendingPathComponent("notes/" + note).path
    }

    @Test func aBodyEditWritesItsPageAsTheWholeBuildThenWritesIt() throws {
        let (project, ledger, build) = try Self.session()
        defer { project.delete() }
        let first = build(false)
        #expect(first.committed)
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n## 为什么 Dropout 能防止过拟合？\n\n训练时随机置零，测试时按比例缩放。\n")

        let refreshed = try #require(PageRefresh.refresh([Self.path(project, "训练/丢弃法.md")], after: first.context, strict: false))
        #expect(refreshed.notes == ["训练/丢弃法.md"])
        #expect(refreshed.written == ["训练/丢弃法/index.html"])
        #expect(try project.page("训练/丢弃法/index.html").contains("测试时按比例缩放"))

        // The whole build finds the page written already; it writes what shows the note elsewhere (the
        // search index, the topic pages with the section's excerpt).
        #expect(build(false).committed)
        let changed = try #require(ledger.lastChangedPaths)
        #expect(!changed.contains("训练/丢弃法/index.html"))
        #expect(changed.contains("search/index.json"))
        #expect(changed.contains("topics/dropout/index.html"))
        try project.expectOutputEqualsFreshBuild()
    }

    /// A renamed heading changes other pages (a wikilink to it now leads nowhere): the refresh writes the
    /// edited page alone, the whole build the rest.
    @Test func aRenamedHeadingLeavesTheOtherPagesToTheWholeBuild() throws {
        let (project, ledger, build) = try Self.session()
        defer { project.delete() }
        let first = build(false)
        #expect(first.committed)
        let linking = try project.page("基础/激活函数/index.html")
        try project.write("训练/批归一化.md", "# 批归一化\n\n## 训练和推理\n\n训练时 BN 用当前 batch 的统计量，推理时用滑动平均。\n\n回到 [激活函数](../基础/激活函数.md)。\n")

        let refreshed = try #require(PageRefresh.refresh([Self.path(project, "训练/批归一化.md")], after: first.context, strict: false))
        #expect(refreshed.written == ["训练/批归一化/index.html"])
        #expect(try project.page("训练/批归一化/index.html").contains("训练和推理"))
        #expect(try project.page("基础/激活函数/index.html") == linking)

        let result = build(false)
        #expect(result.committed)
        #expect(ledger.lastChangedPaths?.contains("基础/激活函数/index.html") == true)
        #expect(ledger.lastChangedPaths?.contains("训练/批归一化/index.html") == false)
        try project.expectOutputEqualsFreshBuild()
    }

    @Test func whatAPageAloneCannotShowIsLeftToTheWholeBuild() throws {
        let (project, _, build) = try Self.session()
        defer { project.delete() }
        try project.write("README.md", "# 笔记\n\n首页的介绍。\n")
        let first = build(false)
        #expect(first.committed)
        let before = try project.snapshot()
        func refresh(_ note: String, strict: Bool = false) -> PageRefresh.Result? {
            PageRefresh.refresh([Self.path(project, note)], after: first.context, strict: strict)
        }

        try project.write("训练/丢弃法.md", "---\ntitle: 丢弃\n---\n# 丢弃法\n\n正文。\n")
        #expect(refresh("训练/丢弃法.md") == nil, "front matter: the title may change every page's sidebar")
        try project.write("训练/新笔记.md", "# 新笔记\n\n正文。\n")
        #expect(refresh("训练/新笔记.md") == nil, "a new note")
        try project.write("README.md", "# 笔记\n\n首页的另一段介绍。\n")
        #expect(refresh("README.md") == nil, "an index page is shown on its section's page")
        #expect(refresh("训练/不存在.md") == nil)
        #expect(PageRefresh.refresh([project.root.appendingPathComponent("sitegen.yml").path], after: first.context, strict: false) == nil)
        try project.write("基础/激活函数.md", "# 激活函数\n\n见 [缺失](../没有这篇.md)。\n")
        #expect(refresh("基础/激活函数.md", strict: true) == nil, "a warning fails a strict build")
        #expect(refresh("基础/激活函数.md") != nil)
        let written = try project.snapshot()
        #expect(written.filter { before[$0.key] != $0.value }.map(\.key) == ["/基础/激活函数/index.html"])
    }

    @Test func aBuildInPlaceToldNewerEditsWaitWritesNothing() throws {
        let (project, ledger, build) = try Self.session()
        defer { project.delete() }
        #expect(build(false).committed)
        let before = try project.snapshot()
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n正文改了。\n")
        let stopped = build(true)
        #expect(stopped.superseded)
        #expect(!stopped.committed)
        #expect(stopped.diagnostics.isEmpty)
        #expect(try project.snapshot() == before)
        #expect(ledger.describes(project.output))
        #expect(build(false).committed)
        try project.expectOutputEqualsFreshBuild()
    }
}
