import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// `sitegen build` with the on-disk note cache (`.sitegen-cache/notes/`).
@Suite struct NoteCacheTests {
    static let notes = [
        "基础/激活函数.md": "---\ntitle: 激活函数\ntags: [基础]\ndate: 2026-03-01\n---\n\n## 激活函数的原理\n\n非线性来自 $\\sigma(x)$，见 [[归一化]]。\n\n## 常见问题\n\n### 1. 为什么需要激活函数？\n\n没有它，网络只是线性变换，Softmax 也一样。\n\n```python\nprint(1)\n```\n",
        "基础/归一化.md": "# 归一化\n\n先读[激活函数的原理](激活函数.md#激活函数的原理)。\n\n$$\\mu = \\frac{1}{m}\\sum_i x_i$$\n\n```tensor\nsoftmax([1, 2, 3])\n```\n",
        "优化/学习率.md": "# 学习率\n\n学习率 $\\eta$ 太大会发散；见[失效的链接](不存在.md)和 $\\frac{1}{$。\n",
        "README.md": "# 笔记\n\n从[归一化](基础/归一化.md)读起。\n",
    ]

    static func build(_ project: TemporaryProject) -> BuildResult {
        // With a site URL: the sitemap and the feed (summaries of the notes' text) are written too.
        SiteBuilder().build(project.context(baseURL: "https://notes.example.org/"))
    }

    static func cacheEntries(_ project: TemporaryProject) throws -> [URL] {
        let folder = project.root.appendingPathComponent(".sitegen-cache/notes")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "note" }
    }

    static func report(_ result: BuildResult) -> [String] {
        result.diagnostics.map(\.description)
    }

    @Test func aWarmBuildWritesTheSameSiteAsAColdOne() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let cold = Self.build(project)
        #expect(cold.committed)
        #expect(cold.context.counters["notesCached"] == 0)
        #expect(cold.context.counters["notesCacheWritten"] == 4)
        #expect(try Self.cacheEntries(project).count == 4)
        let coldSite = try project.snapshot()

        project.forgetSite()
        let warm = Self.build(project)
        #expect(warm.committed)
        #expect(warm.context.counters["notesCached"] == 4)
        #expect(warm.context.counters["notesCacheWritten"] == 0)
        #expect(try project.snapshot() == coldSite)
        #expect(try project.page("feed.xml").contains("非线性来自"))
        #expect(try project.page("sitemap.xml").contains("/%E5%9F%BA%E7%A1%80/"))
        // A reused note reports what it reported when it was built.
        #expect(Self.report(warm) == Self.report(cold))
        #expect(warm.diagnostics.contains { $0.code == "link-broken" })
        #expect(warm.context.counters["formulas"] == cold.context.counters["formulas"])
        #expect(BuildReport(warm).pages.map(\.formulas) == BuildReport(cold).pages.map(\.formulas))
    }

    @Test func anEditedNoteIsBuiltAgainAndTheOthersAreNot() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(Self.build(project).committed)
        try project.write("优化/学习率.md", "# 学习率\n\n学习率 $\\eta$ 太小收敛慢。\n")
        let edited = Self.build(project)
        #expect(edited.committed)
        #expect(edited.context.counters["notesCached"] == 3)
        #expect(edited.context.counters["notesCacheWritten"] == 1)
        #expect(try project.page("优化/学习率/index.html").contains("太小收敛慢"))
        #expect(!edited.diagnostics.contains { $0.code == "link-broken" })

        // The same site as a build without any cache.
        let site = try project.snapshot()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        #expect(Self.build(project).committed)
        #expect(try project.snapshot() == site)
    }

    /// A renamed heading changes what another note's link resolves to: that note is built again too.
    @Test func aRenamedHeadingRebuildsTheNotesThatLinkToIt() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(Self.build(project).committed)
        let renamed = Self.notes["基础/激活函数.md"]!.replacingOccurrences(of: "## 激活函数的原理", with: "## 为什么要非线性")
        try project.write("基础/激活函数.md", renamed)
        let result = Self.build(project)
        #expect(result.context.counters["notesCacheInvalidated"] == 1)
        #expect(result.context.counters["notesCacheWritten"] == 2)
        #expect(result.diagnostics.filter { $0.code == "anchor-missing" }.map { $0.location?.path } == ["notes/基础/归一化.md"])
        let site = try project.snapshot()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent(".sitegen-cache"))
        #expect(Self.build(project).committed)
        #expect(try project.snapshot() == site)
    }

    @Test func damagedEntriesAreBuiltAgainAndReplaced() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(Self.build(project).committed)
        let site = try project.snapshot()
        let entries = try Self.cacheEntries(project).sorted { $0.path < $1.path }
        // Truncated, one byte flipped in the middle, empty, and not an entry at all.
        var data = try Data(contentsOf: entries[0])
        try data.prefix(data.count / 2).write(to: entries[0])
        data = try Data(contentsOf: entries[1])
        data[data.count / 2] ^= 0x5A
        try data.write(to: entries[1])
        try Data().write(to: entries[2])
        try Data("{\"title\": \"json\"}".utf8).write(to: entries[3])

        project.forgetSite()
        let rebuilt = Self.build(project)
        #expect(rebuilt.committed)
        #expect(rebuilt.context.counters["notesCacheDamaged"] == 4)
        #expect(rebuilt.context.counters["notesCacheWritten"] == 4)
        #expect(try project.snapshot() == site)
        project.forgetSite()
        #expect(Self.build(project).context.counters["notesCached"] == 4)
    }

    @Test func entriesAreWrittenWithoutTemporaryFilesLeftBehind() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(Self.build(project).committed)
        let folder = project.root.appendingPathComponent(".sitegen-cache/notes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 4)
        #expect(names.allSatisfy { $0.hasSuffix(".note") })
    }

    @Test func staleEntriesArePruned() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(Self.build(project).committed)
        let folder = project.root.appendingPathComponent(".sitegen-cache/notes")
        for i in 0..<40 { try Data("old".utf8).write(to: folder.appendingPathComponent("\(i).note")) }
        project.forgetSite()
        #expect(Self.build(project).committed)
        #expect(try Self.cacheEntries(project).count == 4)
    }

    @Test func theFormatReadsBackWhatItWrote() throws {
        var writer = ArtifactWriter()
        writer.int(-3)
        writer.int(1 << 40)
        writer.string("激活函数 σ")
        writer.optional(nil)
        writer.array(["a", ""]) { $0.string($1) }
        var reader = try ArtifactReader(file: writer.file(version: 7), version: 7)
        #expect(try reader.int() == -3)
        #expect(try reader.int() == 1 << 40)
        #expect(try reader.string() == "激活函数 σ")
        #expect(try reader.optional() == nil)
        #expect(try reader.array { try $0.string() } == ["a", ""])
        #expect(reader.isAtEnd)
        #expect(throws: ArtifactReader.Damaged.self) { try ArtifactReader(file: writer.file(version: 7), version: 8) }
    }
}
