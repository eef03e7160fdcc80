import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// What a serve rebuild keeps besides parsed notes and bodies: the notes' files as read, each note's topic
/// work and the search index. Each rebuild must write what a fresh build writes.
@Suite struct IncrementalRebuildTests {
    static let notes = [
        "基础/激活函数.md": "# 激活函数\n\n## Sigmoid\n\nSigmoid 把输入压到 0 和 1 之间，两端饱和。\n\n见 [[训练/批归一化#训练与推理]]。\n",
        "训练/批归一化.md": "# 批归一化\n\n## 训练与推理\n\n训练时 BN 用当前 batch 的统计量，推理时用滑动平均。\n\n回到 [激活函数](../基础/激活函数.md)。\n",
        "训练/丢弃法.md": "# 丢弃法\n\n## 为什么 Dropout 能防止过拟合？\n\n训练时随机置零，Sigmoid 之后也可以用。\n",
    ]

    static func session() throws -> (TemporaryProject, NoteArtifactStore, () -> BuildResult) {
        let project = try TemporaryProject(notes: notes)
        let store = NoteArtifactStore(), ledger = OutputLedger()
        return (project, store, {
            var context = project.context()
            context.artifacts = store
            context.outputLedger = ledger
            return SiteBuilder().build(context)
        })
    }

    /// Makes the notes' files look saved an hour ago, so their stamps are trusted.
    func age(_ project: TemporaryProject, _ paths: [String]) throws {
        for path in paths {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                                  ofItemAtPath: project.root.appendingPathComponent("notes/" + path).path)
        }
    }

    @Test func topicWorkIsRedoneOnlyForWhatAnEditTouches() throws {
        let (project, store, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        #expect(store.topics.lastBuildReused == 0)
        #expect(build().committed)
        #expect(store.topics.lastBuildReused == 3)

        // A body edit: only the edited note is matched and linked again.
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n## 为什么 Dropout 能防止过拟合？\n\n训练时随机置零，Sigmoid 之后也常用。\n")
        #expect(build().committed)
        #expect(store.topics.lastBuildReused == 2)
        try project.expectOutputEqualsFreshBuild()

        // Renaming the heading a wikilink points at: the linking note's wikilink now leads nowhere.
        try project.write("训练/批归一化.md", "# 批归一化\n\n## 训练和推理\n\n训练时 BN 用当前 batch 的统计量，推理时用滑动平均。\n\n回到 [激活函数](../基础/激活函数.md)。\n")
        let result = build()
        #expect(store.topics.lastBuildReused == 1)
        #expect(result.diagnostics.filter { $0.code == "wikilink-unresolved" }.map { $0.location?.path } == ["notes/基础/激活函数.md"])
        try project.expectOutputEqualsFreshBuild()
    }

    /// The joins (topic index, backlinks, questions answered elsewhere) are kept while no section's topics,
    /// question headings or links changed, and made again when one did.
    @Test func theTopicJoinsAreMadeAgainOnlyWhenWhatTheyReadChanged() throws {
        let (project, store, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n## 为什么 Dropout 能防止过拟合？\n\n训练时随机置零，Sigmoid 之后也可以用，测试时不用。\n")
        #expect(build().committed)
        #expect(store.topics.lastBuildKeptJoins)
        try project.expectOutputEqualsFreshBuild()

        try project.write("训练/丢弃法.md", "# 丢弃法\n\n## 丢弃法和批归一化能一起用吗？\n\n训练时随机置零，见 [[训练/批归一化]]。\n")
        #expect(build().committed)
        #expect(!store.topics.lastBuildKeptJoins)
        try project.expectOutputEqualsFreshBuild()
    }

    @Test func unchangedNotesAreNotReadAgain() throws {
        let (project, store, build) = try Self.session()
        defer { project.delete() }
        try age(project, Array(Self.notes.keys))
        #expect(build().committed)
        #expect(build().committed)
        #expect(store.sources.lastBuildHits == 3)

        try project.write("训练/丢弃法.md", "# 丢弃法\n\n随机置零。\n")
        try age(project, ["训练/丢弃法.md"])
        #expect(build().committed)
        #expect(store.sources.lastBuildHits == 2)
        #expect(try project.page("训练/丢弃法/index.html").contains("随机置零。"))
        try project.expectOutputEqualsFreshBuild()
    }

    /// Two saves within one tick of the file system's clock, of the same size: the second is still seen,
    /// because a file modified just before it was read is read again.
    @Test func aNoteSavedTwiceInQuickSuccessionIsReadAgain() throws {
        let (project, _, build) = try Self.session()
        defer { project.delete() }
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n甲乙丙。\n")
        #expect(build().committed)
        try project.write("训练/丢弃法.md", "# 丢弃法\n\n丁戊己。\n")
        #expect(build().committed)
        #expect(try project.page("训练/丢弃法/index.html").contains("丁戊己"))
    }

    @Test func theSearchIndexIsUpdatedToWhatAFreshBuildWrites() throws {
        let (project, store, build) = try Self.session()
        defer { project.delete() }
        #expect(build().committed)
        try project.write("基础/激活函数.md", "# 激活函数\n\n## Tanh\n\nTanh 以 0 为中心，新的词：双曲正切。\n")
        #expect(build().committed)
        #expect(store.searchIndex.lastUpdate.pages == 1)
        try project.expectOutputEqualsFreshBuild()
    }

    /// Topic and tag pages are keyed by what they show: a rebuild with nothing changed renders no page again,
    /// and a new title renders again its neighbours and the topic and tag pages that list the note.
    @Test func topicAndTagPagesAreRenderedAgainOnlyWhenWhatTheyShowChanged() throws {
        let (project, store, build) = try Self.session()
        defer { project.delete() }
        let note = { (title: String) in
            "---\ntags: [正则化]\n---\n# \(title)\n\n## 为什么 Dropout 能防止过拟合？\n\n训练时随机置零，Sigmoid 之后也可以用。\n"
        }
        try project.write("训练/丢弃法.md", note("丢弃法"))
        #expect(build().committed)
        #expect(build().committed)
        #expect(store.lastBuild.renderedPages == [])

        try project.write("训练/丢弃法.md", note("随机丢弃"))
        #expect(build().committed)
        let rendered = store.lastBuild.renderedPages
        #expect(rendered.contains("训练/丢弃法/index.html"))
        #expect(rendered.contains("训练/批归一化/index.html"))
        #expect(rendered.contains { $0.hasPrefix("tags/") && $0 != "tags/index.html" })
        #expect(rendered.contains { $0.hasPrefix("topics/") && $0 != "topics/index.html" })
        #expect(try project.page("训练/批归一化/index.html").contains("随机丢弃"))
        try project.expectOutputEqualsFreshBuild()
    }
}
