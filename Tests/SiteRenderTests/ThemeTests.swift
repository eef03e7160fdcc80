import Foundation
import SiteCore
import Testing
@testable import SiteRender

/// The built-in theme is the repository's `templates/`, byte for byte; a templates folder overrides it file by file.
@Suite struct ThemeTests {
    @Test func builtInThemeIsTheRepositoryTemplatesFolder() throws {
        let folder = try #require(Theme.folder(repositoryRoot().appendingPathComponent("templates"), shownAs: "templates"))
        let stale = "the built-in theme differs from templates/; run scripts/embed-theme.py"
        #expect(Set(Theme.builtIn.files.keys) == Set(folder.files.keys), "\(stale)")
        for file in folder.files.values.sorted(by: { $0.path < $1.path }) {
            let embedded = try Theme.builtIn.files[file.path].map { try $0.contents() }
            #expect(embedded == (try file.contents()), "\(file.path): \(stale)")
        }
        #expect(Theme.builtIn.files["assets/style.css"] != nil && Theme.builtIn.files["note.mustache"] != nil)
    }

    /// The dark palette is written twice in the stylesheet: for a dark system, and for a reader who chose dark
    /// on a light one. Both must say the same.
    @Test func chosenDarkPaletteEqualsTheSystemOne() throws {
        let css = try String(contentsOf: repositoryRoot().appendingPathComponent("templates/assets/style.css"), encoding: .utf8)
        func declarations(after marker: String) throws -> [String] {
            let start = try #require(css.range(of: marker)).upperBound
            let block = css[start...].prefix { $0 != "}" }
            return block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("--") }
        }
        let system = try declarations(after: ":root:not([data-theme=\"light\"]) {")
        let chosen = try declarations(after: ":root[data-theme=\"dark\"] {")
        #expect(system.count > 20)
        #expect(system == chosen)
    }

    @Test func builtInThemeLoadsWithoutDiagnostics() throws {
        let (set, diagnostics) = TemplateSet.load(Theme.builtIn)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(Set(TemplateSet.requiredNames).isSubset(of: try #require(set).names))
    }

    @Test func aFolderOverridesOnlyTheFilesItHas() throws {
        let folder = try TemporaryTemplates([
            "note.mustache": "{{<base}}{{$content}}<p class=\"own\">{{page.title}}</p>{{/content}}{{/base}}",
            "assets/extra.js": "console.log(1)",
            ".hidden.mustache": "{{",
            "README.md": "not part of the theme",
        ])
        defer { folder.remove() }
        let own = try #require(Theme.folder(folder.url, shownAs: "templates"))
        #expect(Set(own.files.keys) == ["note.mustache", "assets/extra.js"])
        let theme = Theme.builtIn.overridden(by: own)
        #expect(theme.files["note.mustache"]?.shownPath == "templates/note.mustache")
        #expect(theme.files["home.mustache"]?.shownPath == "(built-in theme)/home.mustache")
        let builtInAssets = Theme.builtIn.assets.map(\.path)
        #expect(builtInAssets.contains("assets/style.css"))
        #expect(theme.assets.map(\.path) == (builtInAssets + ["assets/extra.js"]).sorted())

        let (set, diagnostics) = TemplateSet.load(theme)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let html = try #require(set).render("note", context: ["site": ["language": "en"], "page": ["title": "Own page"]])
        // The user's note template inside the built-in layout.
        #expect(html.contains(#"<p class="own">Own page</p>"#))
        #expect(html.contains(#"<html lang="en">"#))
    }

    @Test func anOverridingTemplateIsReportedUnderItsOwnPath() throws {
        let folder = try TemporaryTemplates(["toc.mustache": "{{#page.toc}}"])
        defer { folder.remove() }
        let theme = Theme.builtIn.overridden(by: try #require(Theme.folder(folder.url, shownAs: "templates")))
        let (set, diagnostics) = TemplateSet.load(theme)
        #expect(set == nil)
        #expect(diagnostics.map { $0.location?.path } == ["templates/toc.mustache"])
    }

    @Test func noFolderIsNoTheme() {
        #expect(Theme.folder(URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), shownAs: "x") == nil)
    }
}
