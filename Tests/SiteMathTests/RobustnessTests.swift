import Testing
@testable import SiteMath
import SiteCore

/// Random soup of the characters every rule reacts to: nothing may crash, and the round trip holds.
@Suite struct RobustnessTests {

    static let alphabet: [String] = [
        "$", "$$", "\\", "\\(", "\\)", "\\[", "\\]", "\\begin{cases}", "\\end{cases}", "\\begin{aligned}", "{", "}",
        "`", "```", "~~~", "\n", "\n\n", "\r\n", "    ", "\t", " ", "- ", "> ", "1. ", "*", "_", "^", "(", ")", "&",
        "\\ ", "\\text{", "a", "x", "中", "的", "，", "[公式]", "\u{2004}", "\u{2212}", "\u{22C5}", "′", "5", "|",
        "\u{E000}", "\u{E001}", "<img src=\"a_b\">", "https://e.org/a_b", "\\frac", "^{", "\u{301}",
    ]

    @Test(arguments: 0..<200)
    func randomInputNeverCrashesAndRoundTrips(_ seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let text = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng) ?? "" }.joined()
        let p = MathProtector.protect(text, path: "r.md")
        for d in p.diagnostics {
            #expect((d.location?.line ?? 0) >= 1 && (d.location?.line ?? 0) <= text.sourceLines.count)
        }
        #expect(p.lineMap.origins.count == p.text.sourceLines.count)
        if !text.unicodeScalars.contains("\u{E000}") {
            let restored = MathSubstitution.substitute(in: p.text, rendered: p.spans.map(\.original))
            #expect(restored == text)
        }
        for span in p.spans { _ = MathRepair.repair(span.tex, delimiter: span.delimiter) }
    }

    /// Pieces of formula images (a service URL makes the scanner look for them) mixed with delimiters.
    static let imagePieces: [String] = [
        "![", "](", ")", "[", "]", "![](https://latex.codecogs.com/gif.latex?", "<img src=\"https://latex.codecogs.com/svg.latex?",
        "\">", " />", "<div align=\"center\">", "</div>", "<a href=\"https://www.codecogs.com/eqnedit.php?latex=\">", "</a>",
        "\n[1]: https://www.zhihu.com/equation?tex=", "![][1]", "&space;", "&amp;", "%5C", "%2", "+", "<", "\"", "'", "$", "\\",
        "\n", "\n\n", "`", " ", "x", "中", "(", "\"t\"", "\u{E000}",
    ]

    @Test(arguments: 0..<200)
    func randomFormulaImagesNeverCrashAndRoundTrip(_ seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let text = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in Self.imagePieces.randomElement(using: &rng) ?? "" }.joined()
        let p = MathProtector.protect(text, path: "i.md")
        #expect(p.lineMap.origins.count == p.text.sourceLines.count)
        // Images without TeX are left out; everything else comes back.
        if !text.unicodeScalars.contains("\u{E000}"), !p.diagnostics.contains(where: { $0.code == "math-formula-image-empty" }) {
            #expect(MathSubstitution.substitute(in: p.text, rendered: p.spans.map(\.original)) == text)
        }
        let images = p.spans.filter { $0.delimiter == .formulaImage }
        #expect(images.allSatisfy { !$0.tex.isEmpty })
        #expect(images.count == p.diagnostics.count { $0.code == "math-formula-image" })
    }

    /// Hostile shapes: every `![`, `[` and `<` is a candidate, and wrappers could nest without end.
    @Test func hostileFormulaImageLinesFinish() {
        let marker = "![](https://latex.codecogs.com/gif.latex?x)"
        let brackets = String(repeating: "![", count: 50_000) + marker
        #expect(MathProtector.protect(brackets, path: "b.md").spans.count == 1)
        let nested = String(repeating: "<div>", count: 20_000) + "<img src=\"https://latex.codecogs.com/gif.latex?y\">"
            + String(repeating: "</div>", count: 20_000)
        #expect(MathProtector.protect(nested, path: "n.md").spans.map(\.tex) == ["y"])
        let tags = String(repeating: "<a href=x ", count: 20_000) + marker
        #expect(MathProtector.protect(tags, path: "t.md").spans.count == 1)
    }
}
