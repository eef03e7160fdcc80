import SiteCore
import Testing

@Suite struct DiagnosticDigestTests {
    private func warning(_ path: String?, _ line: Int, _ code: String, _ message: String = "同一个问题") -> Diagnostic {
        .warning(message, code: code, at: path.map { SourceLocation(path: $0, line: line, column: 2) })
    }

    @Test func repeatsOfOneCodeInOneFileFoldAfterThree() {
        let diagnostics = (1...40).map { warning("notes/a.md", $0 * 10, "math-lost") }
        let lines = DiagnosticDigest().lines(diagnostics)
        #expect(lines == [
            "notes/a.md:10:2: warning: 同一个问题 [math-lost]",
            "notes/a.md:20:2: warning: 同一个问题 [math-lost]",
            "notes/a.md:30:2: warning: 同一个问题 [math-lost]",
            "notes/a.md:40:2: warning: … and 37 more in this file (lines 40–400; the report lists each) [math-lost]",
        ])
    }

    @Test func otherCodesAndFilesKeepTheirPlaceInLineOrder() {
        var diagnostics: [Diagnostic] = []
        for line in 1...6 {
            diagnostics.append(warning("notes/a.md", line, "math-katex-warning"))
            if line == 5 { diagnostics.append(warning("notes/a.md", line, "link-broken", "断开的链接")) }
        }
        diagnostics += (1...6).map { warning("notes/b.md", $0, "math-katex-warning") }
        let lines = DiagnosticDigest().lines(diagnostics)
        #expect(lines == [
            "notes/a.md:1:2: warning: 同一个问题 [math-katex-warning]",
            "notes/a.md:2:2: warning: 同一个问题 [math-katex-warning]",
            "notes/a.md:3:2: warning: 同一个问题 [math-katex-warning]",
            "notes/a.md:4:2: warning: … and 3 more in this file (lines 4–6; the report lists each) [math-katex-warning]",
            "notes/a.md:5:2: warning: 断开的链接 [link-broken]",
            "notes/b.md:1:2: warning: 同一个问题 [math-katex-warning]",
            "notes/b.md:2:2: warning: 同一个问题 [math-katex-warning]",
            "notes/b.md:3:2: warning: 同一个问题 [math-katex-warning]",
            "notes/b.md:4:2: warning: … and 3 more in this file (lines 4–6; the report lists each) [math-katex-warning]",
        ])
    }

    @Test func oneMoreIsShownRatherThanFolded() {
        let diagnostics = (1...4).map { warning("notes/a.md", $0, "math-lost") }
        #expect(DiagnosticDigest().lines(diagnostics) == diagnostics.map(\.description))
    }

    @Test func severitiesFoldSeparatelyAndFileLessOnesFoldToo() {
        let errors = (1...5).map { _ in Diagnostic.error("坏公式", code: "math-katex", at: SourceLocation(path: "n.md", line: 7, column: 1)) }
        let warnings = (1...5).map { _ in warning(nil, 0, "math-client-side", "没有 KaTeX") }
        let lines = DiagnosticDigest(shownPerGroup: 1).lines(errors + warnings)
        #expect(lines == [
            "n.md:7:1: error: 坏公式 [math-katex]",
            "n.md:7:1: error: … and 4 more in this file (line 7; the report lists each) [math-katex]",
            "sitegen: warning: 没有 KaTeX [math-client-side]",
            "sitegen: warning: … and 4 more (the report lists each) [math-client-side]",
        ])
    }

    @Test func aFloodFoldsToAFewLines() {
        let flood = (1...10_000).map { warning("notes/flood.md", $0, "link-broken") }
        let lines = DiagnosticDigest().lines(flood)
        #expect(lines.count == 4)
        #expect(lines.last?.contains("… and 9997 more") == true)
    }

    @Test func manyWarningsEndWithATableOfCountsPerCode() {
        let diagnostics = (1...19).map { warning("a.md", $0, "math-lost") } + (1...2).map { warning("b.md", $0, "link-broken") }
            + [.error("坏", code: "math-katex", at: nil), .note("修好了", code: "math-repair", at: nil)]
        #expect(DiagnosticDigest().table(diagnostics) == [
            "diagnostics by code:",
            "   1 error     math-katex",
            "  19 warnings  math-lost",
            "   2 warnings  link-broken",
            "   1 note      math-repair",
        ])
        #expect(DiagnosticDigest().table(Array(diagnostics.dropFirst(2))).isEmpty, "20 warnings need no table")
    }

    @Test func hintsAreLeftToTheReport() {
        let hint = Diagnostic.note("a gap that may be a lost formula", code: "math-lost-hint",
                                   at: SourceLocation(path: "notes/a.md", line: 3, column: 1))
        let repair = Diagnostic.note("repaired formula", code: "math-repair-unicode",
                                     at: SourceLocation(path: "notes/a.md", line: 4, column: 1))
        #expect(DiagnosticDigest().lines([hint, repair]) == [repair.description])
    }
}
