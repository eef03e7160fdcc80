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
}
