import Foundation
import SiteBuild
import SiteCore
import SiteMarkdown
import Testing

/// Issue 8 through the whole build: hostile nesting used to crash sitegen (stack overflow in the tree walks),
/// repeated headings made parsing quadratic. Every note here still becomes a page; the rest of the site too.
@Suite(.serialized) struct HostileMarkdownTests {
    static let frontMatter = "---\ntitle: 深\n---\n\n开头一段。\n\n"
    /// The hostile part starts on file line 7, after the front matter and a paragraph.
    static let hostileLine = 7

    static let deepNotes = [
        "list.md": String(repeating: "- ", count: 15_000) + "最深处\n",
        "indented.md": (0..<300).map { String(repeating: "  ", count: $0) + "- 层\n" }.joined(),
        "quote.md": String(repeating: ">", count: 30_000) + " 最深处\n",
        "emphasis.md": String(repeating: "*", count: 60_000) + "最深处" + String(repeating: "*", count: 60_000) + "\n",
        "images.md": String(repeating: "![", count: 20_000) + "最深处" + String(repeating: "](a.png)", count: 20_000) + "\n",
    ]

    @Test func deepNestingBuildsWithALocatedWarning() throws {
        var notes = Self.deepNotes.mapValues { Self.frontMatter + $0 + "\n```tensor\n1 + 1\n```\n" }
        notes["a.png"] = "png"
        notes["index-of-deep.md"] = "# 目录\n\n" + Self.deepNotes.keys.sorted().map { "- [\($0)](\($0))\n" }.joined()
        let project = try TemporaryProject(notes: notes)
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics.filter { $0.severity == .error })")
        for name in Self.deepNotes.keys {
            let page = try project.page(name.replacingOccurrences(of: ".md", with: "/index.html"))
            #expect(page.contains(name == "indented.md" ? "层" : "最深处"), "\(name)")
            // The example after the deep part still runs.
            #expect(page.contains("<div class=\"tensor-output\">"), "\(name)")
            let warnings = result.diagnostics.filter { $0.code == "nesting-too-deep" && $0.location?.path.hasSuffix(name) == true }
            #expect(warnings.count == 1, "\(name)")
            let line = name == "indented.md" ? Self.hostileLine + 49 : Self.hostileLine
            #expect(warnings.first?.location?.line == line, "\(name)")
            #expect(warnings.first?.message.contains("nested more than \(MarkdownParser.maximumDepth) levels") == true)
        }
        #expect(result.diagnostics.filter { $0.code == "link-broken" }.isEmpty)
    }

    /// `sitegen eval note.md` parses the note too.
    @Test func tensorBlocksAreFoundAfterDeepNesting() {
        for (name, text) in Self.deepNotes {
            let blocks = TensorBlocks.extract(from: Self.frontMatter + text + "\n```tensor\n1 + 1\n```\n", path: name)
            #expect(blocks.map(\.source) == ["1 + 1\n"], "\(name)")
        }
    }

    @Test func twentyThousandIdenticalHeadingsGetNumberedIDs() throws {
        let headings = 20_000
        let text = "# 标题\n\n见 [最后一个](#同一个标题-\(headings))。\n\n" + String(repeating: "## 同一个标题\n\n正文。\n\n", count: headings)
        let project = try TemporaryProject(notes: ["same.md": text, "other.md": "# 另一篇\n\n[那一节](same.md#同一个标题-2)\n"])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed)
        #expect(result.diagnostics.filter { $0.severity != .note }.isEmpty, "\(result.diagnostics.prefix(3))")
        let page = try project.page("same/index.html")
        #expect(page.contains("id=\"同一个标题\""))
        #expect(page.contains("id=\"同一个标题-\(headings)\""))
        #expect(page.components(separatedBy: "<h2 id=\"同一个标题").count == headings + 1)
    }
}
