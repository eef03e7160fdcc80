import Foundation
import SiteBuild
import SiteCore
import SitePublish
import Testing

@Suite struct StarterSiteTests {
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesTheStarterFilesAndNeverOverwrites() throws {
        let folder = try Self.emptyFolder().appendingPathComponent("new site")
        #expect(try StarterSite.write(into: folder) == ["sitegen.yml", "notes/梯度下降.md", ".gitignore", ".github/workflows/pages.yml"])
        for path in StarterSite.files.map(\.path) {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
        }
        // A second run, or a folder holding any one of the files, writes nothing.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("notes"))
        try Data("title: 我的\n".utf8).write(to: folder.appendingPathComponent("sitegen.yml"))
        #expect(throws: StarterSiteError.self) { try StarterSite.write(into: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes").path))
        #expect(try String(contentsOf: folder.appendingPathComponent("sitegen.yml"), encoding: .utf8) == "title: 我的\n")
    }

    /// Every setting is in the file, commented out: uncommented, they read without a warning, and the ones
    /// given as defaults are the defaults.
    @Test func theSettingsFileNamesEverySettingWithItsDefault() throws {
        let folder = try Self.emptyFolder()
        let text = try #require(StarterSite.files.first { $0.path == "sitegen.yml" }?.text)
        let (commented, commentedDiagnostics) = try load(text, in: folder)
        #expect(commentedDiagnostics.isEmpty && commented == SiteConfig())
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.firstMatch(of: #/^# \s*[\w\\./]+:(\s|$)/#) != nil ? String(line.dropFirst(2)) : String(line) }
            .joined(separator: "\n")
        let (config, diagnostics) = try load(uncommented, in: folder)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        var expected = SiteConfig()
        expected.templatesDirectoryRequired = true
        expected.mathMacros = [#"\R"#: #"\mathbb{R}"#]
        expected.formats = ["old/export.txt": "notion-toggle"]
        expected.sections = [.init(folder: "examples", title: "例子")]
        #expect(config == expected)
        for key in ["title", "description", "language", "author", "baseURL", "cname", "notes", "templates", "output", "cache",
                    "rawHTML", "drafts", "math", "macros", "errors", "markLost", "sections", "formats", "examples", "timeout"] {
            #expect(text.contains("# \(key):") || text.contains("#   \(key):") || text.contains("#     \(key):"), "\(key)")
        }
    }

    private func load(_ text: String, in folder: URL) throws -> (SiteConfig, [Diagnostic]) {
        let url = folder.appendingPathComponent("sitegen-\(UUID().uuidString).yml")
        try Data(text.utf8).write(to: url)
        return ConfigLoader.load(from: url)
    }

    /// The example note builds without a warning and shows what sitegen does: a formula, a question, an
    /// example evaluated at build time.
    @Test func theExampleNoteBuildsCleanly() throws {
        let folder = try Self.emptyFolder()
        _ = try StarterSite.write(into: folder)
        var config = SiteConfig()
        config.baseURL = "https://me.github.io/notes/"
        let result = SiteBuilder().build(BuildContext(config: config, root: folder))
        #expect(result.committed)
        #expect(result.diagnostics.filter { $0.severity != .note }.isEmpty, "\(result.diagnostics.map(\.description))")
        let page = try #require(result.context.pages.first { $0.sourcePath.hasSuffix("梯度下降.md") })
        #expect(page.questions.count == 1)
        #expect(page.examples.count == 1)
        #expect(result.context.counters["formulas", default: 0] >= 4)
        let html = try String(contentsOf: folder.appendingPathComponent("public").appendingPathComponent(page.outputPath), encoding: .utf8)
        #expect(html.contains("<svg"), "the plot of the two learning rates")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("public/feed.xml").path))
    }

    @Test func theWorkflowBuildsWithTheBaseURLOfPagesAndUploadsPublic() throws {
        let workflow = try #require(StarterSite.files.first { $0.path == ".github/workflows/pages.yml" }?.text)
        #expect(workflow.contains("build --base-url \"${{ steps.pages.outputs.base_url }}/\""))
        #expect(workflow.contains("uses: actions/upload-pages-artifact@v3") && workflow.contains("path: public"))
        #expect(workflow.contains("uses: actions/deploy-pages@v4"))
        #expect(!workflow.contains("\t"), "YAML does not allow tabs for indentation")
        let gitignore = try #require(StarterSite.files.first { $0.path == ".gitignore" }?.text)
        #expect(gitignore.split(separator: "\n").contains("/public/") && gitignore.contains("/.sitegen-cache/"))
    }
}
