import Foundation
import Testing
import SiteCore
@testable import SiteNormalize

/// The demo notes in `notes/formats/`: each is detected as the format its name says, loses no
/// text and warns only where the demo shows a guess on purpose.
@Suite struct DemoNoteTests {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("notes/formats")
    }

    static let expectations: [(file: String, format: SourceFormat, warnings: [String], questions: Int)] = [
        ("notion-toggle.txt", .notionToggle, ["toggle-as-text"], 2),
        ("notion-markdown.md", .notionMarkdown, [], 3),
        ("question-lines.txt", .questionLines, [], 5),
        ("note-list.txt", .noteList, [], 4),
        ("jekyll-post.md", .jekyll, ["heading-level-guess", "heading-level-guess"], 1),
        ("clean-markdown.md", .markdown, [], 0),
    ]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: directory.path), "notes/formats not found"),
          arguments: expectations)
    func demoNote(file: String, format: SourceFormat, warnings: [String], questions: Int) throws {
        let url = Self.directory.appendingPathComponent(file)
        let note = NoteFile(name: file, text: try String(contentsOf: url, encoding: .utf8))
        let result = Normalizer.normalize(note.input())
        #expect(result.format == format)
        #expect(result.diagnostics.map(\.code) == warnings, "\(result.outlineDump())")
        #expect(result.questions.count == questions)
        #expect(TextAudit.lostText(note.body.sourceLines, in: result.markdown) == [])
        #expect(!note.text.contains("```tensor"))
    }
}
