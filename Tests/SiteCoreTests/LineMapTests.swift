import Testing
import SiteCore

@Suite struct LineMapTests {
    @Test func identityStartsAtFirstLine() {
        let map = LineMap.identity(lineCount: 3, firstLine: 5)
        #expect(map.original(line: 1).line == 5)
        #expect(map.original(line: 3).line == 7)
        #expect(map.original(line: 99).line == 7, "past the end maps to the last line")
    }

    @Test func composeKeepsColumnsAndLines() {
        // Stage 1 removed front matter (3 lines) and dedented line 2 by 4 columns.
        let first = LineMap(origins: [.init(line: 4), .init(line: 5, columnOffset: 4), .init(line: 6)])
        // Stage 2 dropped stage-1 line 1 and dedented stage-1 line 2 by 2 more.
        let second = LineMap(origins: [.init(line: 2, columnOffset: 2), .init(line: 3)])
        let both = first.composed(with: second)
        #expect(both.location(path: "a.md", line: 1, column: 1).description == "a.md:5:7")
        #expect(both.location(path: "a.md", line: 2, column: 3).description == "a.md:6:3")
    }

    @Test func diagnosticFormat() {
        let d = Diagnostic.warning("truncated URL", code: "url-truncated", at: SourceLocation(path: "notes/x.md", line: 12, column: 5))
        #expect(d.description == "notes/x.md:12:5: warning: truncated URL [url-truncated]")
        let sorted = [d, .error("e", code: "c", at: SourceLocation(path: "notes/x.md", line: 2, column: 1))].sortedByLocation()
        #expect(sorted.first?.severity == .error)
    }
}
