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
}
