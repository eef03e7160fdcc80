import Foundation
import Testing
import SiteCore
@testable import SiteNormalize

/// Every fixture against its reviewed golden outline (`*.outline.txt`) and Markdown (`*.expected.md`).
/// Regenerate with `SITEGEN_UPDATE_GOLDENS=1 swift test`, then review the diff.
@Suite struct GoldenOutlineTests {
    static let fixtures: [(String, SourceFormat)] = [
        ("toggle-outline.txt", .notionToggle), ("notion-export.md", .notionMarkdown),
        ("question-lines.txt", .questionLines), ("note-cards.txt", .noteList),
        ("jekyll-post.md", .jekyll), ("clean.md", .markdown),
    ]

    @Test(arguments: fixtures)
    func matchesGolden(name: String, format: SourceFormat) throws {
        let file = try Fixtures.load(name)
        let note = file.normalized()
        #expect(note.format == format)
        try Fixtures.expectGolden(note.outlineDump(), name + ".outline.txt")
        try Fixtures.expectGolden(note.markdown, name + ".expected.md")
    }

    @Test(arguments: fixtures)
    func keepsEveryWord(name: String, format: SourceFormat) throws {
        let file = try Fixtures.load(name)
        let note = file.normalized()
        let body = file.body.sourceLines
        #expect(TextAudit.lostText(body, in: note.markdown) == [])
    }

    @Test(arguments: fixtures)
    func lineMapPointsIntoTheOriginalFile(name: String, format: SourceFormat) throws {
        let file = try Fixtures.load(name)
        let note = file.normalized()
        let frontMatter = Set(1..<file.bodyFirstLine)
        #expect(TextAudit.misplacedLines(note, file: file.fileLines, ignoringFileLines: frontMatter) == [])
        for h in note.headings where h.sourceLine >= file.bodyFirstLine {
            let source = file.fileLines[h.sourceLine - 1]
            #expect(TextAudit.chunks(h.text[...]).allSatisfy { source.contains($0) }, "heading ‘\(h.text)’ @\(h.sourceLine)")
        }
    }

    @Test(arguments: fixtures)
    func questionsPointAtTheirHeadings(name: String, format: SourceFormat) throws {
        let note = try Fixtures.load(name).normalized()
        let lines = note.markdown.sourceLines
        func check(_ q: Question, depth: Int) {
            let line = lines[q.markdownLine - 1]
            #expect(line.hasPrefix("#"), "question ‘\(q.title)’ line \(q.markdownLine) is not a heading: \(line)")
            let headingText = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            #expect(line.contains(q.title) || q.title.hasSuffix("：" + headingText), "‘\(q.title)’ vs ‘\(line)’")
            let level = line.prefix { $0 == "#" }.count
            for f in q.followUps {
                let fLevel = lines[f.markdownLine - 1].prefix { $0 == "#" }.count
                #expect(fLevel > level, "follow-up ‘\(f.title)’ is not below ‘\(q.title)’")
                check(f, depth: depth + 1)
            }
        }
        for q in note.questions { check(q, depth: 0) }
    }

    @Test(arguments: fixtures)
    func oneTitleAndNoSkippedLevels(name: String, format: SourceFormat) throws {
        let note = try Fixtures.load(name).normalized()
        #expect(note.headings.filter { $0.level == 1 }.count <= 1)
        if let first = note.headings.first, first.level == 1 { #expect(first.markdownLine == 1) }
        var previous = 1
        for h in note.headings {
            #expect(h.level <= previous + 1, "‘\(h.text)’ jumps from level \(previous) to \(h.level)")
            previous = h.level
        }
    }
}
