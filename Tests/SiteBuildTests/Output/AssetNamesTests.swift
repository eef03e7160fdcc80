import Foundation
@testable import SiteBuild
import SiteCore
import SiteRender
import Testing

@Suite struct AssetNamesTests {
    @Test func stylesheetsAndScriptsGetHashedNamesOtherAssetsKeepTheirs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-assets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in ["assets/style.css": "body { color: teal }", "assets/logo.png": "PNG", "assets/js/extra.JS": "1"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let theme = Theme.builtIn.overridden(by: try #require(Theme.folder(folder, shownAs: "templates")))
        let paths = AssetNames.sitePaths(of: theme)
        #expect(paths["assets/style.css"] == "assets/style.\(ContentHash.sha256Hex("body { color: teal }").prefix(10)).css")
        #expect(paths["assets/logo.png"] == "assets/logo.png")
        #expect(paths["assets/js/extra.JS"]?.hasPrefix("assets/js/extra.") == true && paths["assets/js/extra.JS"] != "assets/js/extra.JS")
        #expect(paths["assets/search.js"]?.wholeMatch(of: /assets\/search\.[0-9a-f]{10}\.js/) != nil, "the built-in script")
    }

    @Test func theTemplateValueNamesEachAssetByItsPathInTheTheme() throws {
        let value = AssetNames.templateValue(["assets/style.css": "assets/style.abc.css", "assets/katex/x.min.css": "assets/katex/x.min.def.css",
                                              "assets/style.css.map": "assets/style.css.map"], basePath: "/notes/")
        #expect((value["style"] as? [String: Any])?["css"] as? String == "/notes/assets/style.abc.css")
        let katex = try #require(value["katex"] as? [String: Any])
        #expect(((katex["x"] as? [String: Any])?["min"] as? [String: Any])?["css"] as? String == "/notes/assets/katex/x.min.def.css")
    }

    /// A theme written before names carried hashes links `assets/style.css`, which the site no longer has.
    @Test func aTemplateNamingARenamedAssetByItsPlainPathIsAWarningAtThePlace() throws {
        let project = try TemporaryProject(notes: ["a.md": "# A\n"])
        defer { project.delete() }
        let templates = project.root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let base = try String(contentsOf: TemporaryProject.repositoryTemplates.appendingPathComponent("base.mustache"), encoding: .utf8)
            .replacingOccurrences(of: "{{assets.style.css}}", with: "{{site.base}}assets/style.css")
            + "{{! assets/style.css.map is another file }}\n"
        try Data(base.utf8).write(to: templates.appendingPathComponent("base.mustache"))
        var context = project.context()
        context.templatesURL = templates
        let result = SiteBuilder().build(context)
        #expect(result.committed)
        let warnings = result.diagnostics.filter { $0.code == "asset-renamed" }
        #expect(warnings.count == 1)
        let line = base.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("assets/style.css\"") }.map { $0 + 1 }
        #expect(warnings.first?.location?.line == line && warnings.first?.location?.path.hasSuffix("templates/base.mustache") == true)
        #expect(warnings.first?.message.contains("refer to it as {{assets.style.css}}") == true)
    }
}
