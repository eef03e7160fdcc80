import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// A build whose inputs and output folder are as the last build left them stops after reading the notes
/// (`SiteManifest`); any change to what a build reads, or to the output folder, builds the site again.
@Suite struct SiteManifestTests {
    static let notes = [
        "基础/激活函数.md": "---\ntitle: 激活函数\ntags: [基础]\n---\n\n## 为什么需要激活函数？\n\n非线性来自 $\\sigma(x)$，见[归一化](归一化.md)。\n",
        "基础/归一化.md": "# 归一化\n\n$$\\mu = \\frac{1}{m}\\sum_i x_i$$\n\n见[失效的链接](不存在.md)。\n",
        "README.md": "# 笔记\n\n从[归一化](基础/归一化.md)读起。\n",
    ]

    /// Size, modification time and inode of every file of the output folder.
    static func identities(_ project: TemporaryProject) throws -> [String: FileIdentity] {
        let paths = try listRegularFiles(under: project.output.path, includingHidden: true)
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, FileIdentity(path: "\(project.output.path)/\($0)")!) })
    }

    static func isUnchanged(_ result: BuildResult) -> Bool { result.context.unchangedSite != nil }

    @Test func anUnchangedSiteIsNeitherBuiltNorWrittenAgain() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let first = project.build()
        #expect(first.committed && !Self.isUnchanged(first))
        let written = try Self.identities(project)

        let second = project.build()
        #expect(second.committed)
        #expect(Self.isUnchanged(second))
        #expect(second.timings.map(\.step) == [BuildStep.discoverNotes.name, BuildStep.skipUnchangedSite.name])
        #expect(try Self.identities(project) == written)
        #expect(second.summary.hasPrefix("3 pages unchanged, 1 warning"))
        // It reports what the build that wrote the site reported.
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.diagnostics.contains { $0.code == "link-broken" })
        let (a, b) = (BuildReport(first), BuildReport(second))
        #expect(b.pages.map(\.url) == a.pages.map(\.url) && b.pages.map(\.title) == a.pages.map(\.title))
        #expect(b.counts.formulas == a.counts.formulas && b.counts.brokenLinks == a.counts.brokenLinks && b.counts.pages == a.counts.pages)
        // `sitegen check` always looks at everything.
        #expect(!SiteBuilder.checkSteps.contains { $0.name == BuildStep.skipUnchangedSite.name })
    }

    /// Each change of what a build reads builds the site again, and the result is what a fresh build writes.
    @Test(arguments: ["edit", "add", "remove", "draft", "image", "sidebar", "settings"])
    func anyChangedInputBuildsTheSiteAgain(change: String) throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        var config = project.context().config
        #expect(project.build().committed)
        switch change {
        case "edit": try project.write("基础/归一化.md", "# 归一化\n\n均值与方差。\n")
        case "add": try project.write("基础/学习率.md", "# 学习率\n\n太大会发散。\n")
        case "remove": try project.remove("基础/归一化.md")
        case "draft": try project.write("基础/学习率.md", "---\ndraft: true\n---\n# 学习率\n")
        case "image": try project.write("基础/figure.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        case "sidebar": try project.write("_sidebar.md", "- [归一化](基础/归一化.md)\n")
        default: config.title = "我的笔记"
        }
        var context = project.context()
        context.config = config
        let rebuilt = SiteBuilder().build(context)
        #expect(rebuilt.committed)
        // A draft is not part of the site: adding one changes nothing.
        #expect(Self.isUnchanged(rebuilt) == (change == "draft"))
        if change == "edit" { #expect(try project.page("基础/归一化/index.html").contains("均值与方差")) }
        if change == "settings" { #expect(try project.page("index.html").contains("我的笔记")) }
        if change != "settings" { try project.expectOutputEqualsFreshBuild() }
    }

    @Test func aChangedTemplateBuildsTheSiteAgain() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let templates = project.root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let pager = try String(contentsOf: TemporaryProject.repositoryTemplates.appendingPathComponent("pager.mustache"), encoding: .utf8)
        try Data(pager.utf8).write(to: templates.appendingPathComponent("pager.mustache"))
        func build() -> BuildResult {
            var context = project.context()
            context.config.templatesDirectory = templates.path
            context.templatesURL = templates
            return SiteBuilder().build(context)
        }
        #expect(build().committed)
        #expect(Self.isUnchanged(build()))
        try Data((pager + "<p>换页</p>\n").utf8).write(to: templates.appendingPathComponent("pager.mustache"))
        let rebuilt = build()
        #expect(rebuilt.committed && !Self.isUnchanged(rebuilt))
        #expect(try project.page("基础/归一化/index.html").contains("<p>换页</p>"))
    }

    /// Whatever happened to the output folder since (a page edited, removed or added by hand), the build
    /// puts back the site it would write.
    @Test(arguments: ["edited", "removed", "added"])
    func aTouchedOutputFolderIsBuiltAgain(touch: String) throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let site = try project.snapshot()
        let page = project.output.appendingPathComponent("基础/归一化/index.html")
        switch touch {
        case "edited": try Data("手改的".utf8).write(to: page)
        case "removed": try FileManager.default.removeItem(at: page)
        default: try Data("多余".utf8).write(to: project.output.appendingPathComponent("extra.html"))
        }
        let rebuilt = project.build()
        #expect(rebuilt.committed && !Self.isUnchanged(rebuilt))
        #expect(try project.snapshot() == site)
    }

    @Test func strictFailsOnTheWarningsOfAnUnchangedSite() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let written = try Self.identities(project)
        let strict = project.build(strict: true)
        #expect(Self.isUnchanged(strict))
        #expect(!strict.committed)
        #expect(strict.summary.hasPrefix("build failed"))
        #expect(try Self.identities(project) == written)
    }

    /// A problem found before the notes are read (a settings file that is now wrong) fails the build even
    /// though nothing else changed.
    @Test func aSettingsErrorIsNotHiddenByAnUnchangedSite() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        var context = project.context()
        context.diagnostics.append(.error("'sections' must be a mapping", code: "config-type",
                                          at: SourceLocation(path: "sitegen.yml", line: 1, column: 11)))
        let failed = SiteBuilder().build(context)
        #expect(!failed.committed && !Self.isUnchanged(failed))
        #expect(failed.diagnostics.contains { $0.code == "config-type" })
        #expect(Self.isUnchanged(project.build()))
    }

    @Test func aDamagedManifestIsIgnored() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let folder = project.root.appendingPathComponent(".sitegen-cache/site")
        let manifests = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        #expect(manifests.count == 1)
        var data = try Data(contentsOf: manifests[0])
        data[data.count / 2] ^= 0x5A
        try data.write(to: manifests[0])
        let rebuilt = project.build()
        #expect(rebuilt.committed && !Self.isUnchanged(rebuilt))
        #expect(Self.isUnchanged(project.build()))
    }

    /// Builds into another output folder do not take the first folder's manifest for theirs.
    @Test func eachOutputFolderHasItsOwnManifest() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let other = project.build(output: "site")
        #expect(other.committed && !Self.isUnchanged(other))
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/index.html").path))
        #expect(Self.isUnchanged(project.build()))
        #expect(Self.isUnchanged(project.build(output: "site")))
    }
}
