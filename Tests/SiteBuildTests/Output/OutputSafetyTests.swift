import Foundation
import SiteBuild
import SiteCore
import SiteMath
import Testing

/// The output folder is replaced wholesale, so sitegen refuses any output that could hold the user's files.
@Suite struct OutputSafetyTests {
    static let notes = [
        "a.md": "# A\n\n第一段 text\n",
        "sec/b.md": "# B\n\n第二段\n",
        "sec/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    /// Builds into `output` and checks that the build was refused before anything was touched.
    func expectRefused(_ output: String, in project: TemporaryProject, saying words: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let notes = try project.snapshot(of: project.root.appendingPathComponent("notes"))
        let entries = try project.rootEntries()
        let result = project.build(output: output)
        #expect(!result.committed, "output '\(output)' was replaced", sourceLocation: sourceLocation)
        let refusal = result.diagnostics.first { $0.code == "output-unsafe" }
        #expect(refusal?.severity == .error, "\(result.diagnostics)", sourceLocation: sourceLocation)
        #expect(refusal?.message.contains(words) == true, "\(String(describing: refusal))", sourceLocation: sourceLocation)
        #expect(try project.snapshot(of: project.root.appendingPathComponent("notes")) == notes, sourceLocation: sourceLocation)
        #expect(try project.rootEntries() == entries, "a staging folder or lock was created", sourceLocation: sourceLocation)
    }

    @Test func outputThatIsOrHoldsOrIsInsideTheNotesIsRefused() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        try expectRefused("notes", in: project, saying: "notes folder")
        try expectRefused("notes/sec", in: project, saying: "notes folder")
        try expectRefused("notes/new-site", in: project, saying: "notes folder")
        try expectRefused("notes/", in: project, saying: "notes folder")
        try expectRefused("public/../notes", in: project, saying: "notes folder")
    }

    @Test func outputThatIsOrHoldsTheProjectIsRefused() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        try expectRefused(".", in: project, saying: "project folder")
        try expectRefused("", in: project, saying: "empty")
        // The default layout still builds: an output inside the project folder is the normal case.
        #expect(project.build().committed)
    }

    @Test func outputThatIsAFileOrTheTemplatesIsRefused() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        try Data("keep me\n".utf8).write(to: project.root.appendingPathComponent("README.md"))
        try expectRefused("README.md", in: project, saying: "not a folder")
        #expect(try String(contentsOf: project.root.appendingPathComponent("README.md"), encoding: .utf8) == "keep me\n")

        let templates = project.root.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: TemporaryProject.repositoryTemplates, to: templates)
        var context = project.context(output: "theme")
        context.config.templatesDirectory = "theme"
        context = BuildContext(config: context.config, root: project.root)
        context.math = ClientSideMathRenderer()
        let before = try project.snapshot(of: templates)
        let result = SiteBuilder().build(context)
        #expect(!result.committed)
        #expect(result.diagnostics.contains { $0.code == "output-unsafe" && $0.message.contains("templates folder") })
        #expect(try project.snapshot(of: templates) == before)
    }

    @Test func outputReachedThroughASymbolicLinkIsComparedByItsRealPath() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("site"),
                                                   withDestinationURL: project.root.appendingPathComponent("notes"))
        try expectRefused("site", in: project, saying: "notes folder")
        try expectRefused("site/sec", in: project, saying: "notes folder")
    }

    @Test func foreignFolderIsRefusedAndOwnOutputCarriesAMarker() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let docs = project.root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("my own page\n".utf8).write(to: docs.appendingPathComponent("about.html"))
        try expectRefused("docs", in: project, saying: "output folder 'docs' holds files sitegen did not write; remove it or pass --force")
        #expect(FileManager.default.fileExists(atPath: docs.appendingPathComponent("about.html").path))

        // An empty folder is fine, and every build leaves the marker that lets the next one replace the site.
        try FileManager.default.removeItem(at: docs.appendingPathComponent("about.html"))
        #expect(project.build(output: "docs").committed)
        let marker = try String(contentsOf: docs.appendingPathComponent(".sitegen-site"), encoding: .utf8)
        #expect(marker.contains(sitegenVersion))
        #expect(project.build(output: "docs").committed)
    }

    @Test func siteOfTheFirstVersionIsRecognisedWithoutAMarker() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let docs = project.root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let home = docs.appendingPathComponent("index.html")
        try Data(#"<html><head><meta name="generator" content="Hugo 0.120"></head></html>"#.utf8).write(to: home)
        try expectRefused("docs", in: project, saying: "holds files sitegen did not write")
        try Data(#"<html><head><meta name="generator" content="sitegen 0.1.0"></head></html>"#.utf8).write(to: home)
        #expect(project.build(output: "docs").committed)
    }
}
