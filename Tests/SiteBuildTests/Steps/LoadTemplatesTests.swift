import Foundation
import SiteBuild
import SiteCore
import SiteMath
import Testing

/// A notes folder builds with no templates folder at all; one that exists overrides the built-in theme file by file.
@Suite struct LoadTemplatesTests {
    private func build(_ project: TemporaryProject, templates: String? = nil) -> BuildResult {
        var config = SiteConfig()
        if let templates {
            config.templatesDirectory = templates
            config.templatesDirectoryRequired = true
        }
        var context = BuildContext(config: config, root: project.root)
        context.math = ClientSideMathRenderer()
        return SiteBuilder().build(context)
    }

    @Test func buildsWithTheBuiltInThemeWhenThereIsNoTemplatesFolder() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 标题\n\n正文。\n"])
        defer { project.delete() }
        let result = build(project)
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(result.diagnostics.isEmpty)
        #expect(try project.page("a/index.html").contains(#"<h1 class="note-title">标题</h1>"#))
        let css = try String(contentsOf: TemporaryProject.repositoryTemplates.appendingPathComponent("assets/style.css"), encoding: .utf8)
        #expect(try project.page(project.hashedAsset("assets/style.css")) == css)
    }

    @Test func aTemplatesFolderOverridesFileByFile() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 标题\n\n正文。\n"])
        defer { project.delete() }
        let templates = project.root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("body { color: teal }\n".utf8).write(to: templates.appendingPathComponent("assets/style.css"))
        try Data("{{<base}}{{$content}}<p id=\"own\">{{page.title}}</p>{{/content}}{{/base}}\n".utf8)
            .write(to: templates.appendingPathComponent("note.mustache"))
        let result = build(project)
        #expect(result.committed, "\(result.diagnostics.map(\.description))")
        #expect(try project.page(project.hashedAsset("assets/style.css")) == "body { color: teal }\n")
        let note = try project.page("a/index.html")
        #expect(note.contains(#"<p id="own">标题</p>"#))
        #expect(note.contains(#"<a class="site-title""#), "the built-in layout is kept")
        #expect(try project.page("index.html").contains(#"class="note-list""#), "the built-in home page is kept")
    }

    @Test func aNamedTemplatesFolderThatDoesNotExistIsAnError() throws {
        let project = try TemporaryProject(notes: ["a.md": "正文\n"])
        defer { project.delete() }
        let result = build(project, templates: "theme")
        #expect(!result.committed)
        #expect(result.diagnostics.map(\.description) == ["sitegen: error: templates folder 'theme' does not exist [template-missing]"])
    }
}
