import SiteMarkdown
import Testing

/// The value tree stays small: a large site holds every note's tree from parse until its batch is rendered.
@Suite struct MarkdownNodeTests {
    @Test func aNodeIsCompact() {
        // Kind with its large payloads boxed (17 bytes), children (8), a 32-bit range (17): 56 with padding.
        // It was 104 with the payloads inline and 64-bit ranges.
        #expect(MemoryLayout<MarkdownNode>.stride <= 56)
        #expect(MemoryLayout<MarkdownNode.Kind>.size <= 17)
        #expect(MemoryLayout<SourceRange>.size == 16)
    }

    @Test func boxedKindsKeepTheirValues() {
        let link = MarkdownNode(.siteLink(destination: "/topics/bn/", title: "主题：BN", className: "topic-link"))
        guard case .siteLink(let destination, let title, let className) = link.kind else {
            Issue.record("not a site link: \(link.kind)")
            return
        }
        #expect((destination, title, className) == ("/topics/bn/", "主题：BN", "topic-link"))
        let parsed = MarkdownParser.parse("[文](a.md \"t\")\n\n```py\nx = 1\n```\n")
        #expect(parsed.children[0].children[0].kind == .link(destination: "a.md", title: "t"))
        #expect(parsed.children[1].kind == .codeBlock(info: "py", literal: "x = 1\n", fenced: true))
        #expect(parsed.children[1].kind != .codeBlock(info: "py", literal: "x = 2\n", fenced: true))
    }

    @Test func rangesReadBackAndClamp() {
        var range = SourceRange(startLine: 3, startColumn: 7, endLine: 120_000, endColumn: 2)
        #expect([range.startLine, range.startColumn, range.endLine, range.endColumn] == [3, 7, 120_000, 2])
        range.endColumn = 9
        #expect(range.endColumn == 9 && range.endLine == 120_000)
        #expect(range != SourceRange(startLine: 3, startColumn: 7, endLine: 120_000, endColumn: 2))
        let huge = SourceRange(startLine: Int.max, startColumn: 1, endLine: Int.max, endColumn: -5)
        #expect(huge.startLine == Int(Int32.max) && huge.endColumn == -5)
    }
}
