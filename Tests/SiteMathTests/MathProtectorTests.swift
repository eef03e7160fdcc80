import SiteCore
import Testing
@testable import SiteMath

@Suite struct MathProtectorTests {
    static let delimiterFixtures = ["dollar", "dollar-pairing", "double-dollar", "parenthesis", "bracket", "environment"]
    static let repairFixtures = [
        "notion", "row-break", "text-underscore", "script-group", "lookalike", "invisible", "alphanumeric", "eqnarray",
    ]

    @Test(arguments: delimiterFixtures)
    func delimiterStyle(_ name: String) throws {
        let source = try Fixture.text("delimiters/\(name).md")
        let protected = MathProtector.protect(source, path: "\(name).md")
        let actual = protected.spans.map { "\($0.display ? "display" : "inline")\t\(Fixture.encode($0.tex))" }
        try Fixture.check(actual, against: "delimiters/\(name).expected")
        // The dollar fixture has one stray `$$` on line 7, reported as unclosed; nothing else is wrong.
        let expected = name == "dollar" ? ["\(name).md:7:1 math-unclosed"] : []
        #expect(protected.diagnostics.map { "\($0.location?.description ?? "") \($0.code)" } == expected)
    }

    @Test(arguments: repairFixtures)
    func repair(_ name: String) throws {
        let source = try Fixture.text("repairs/\(name).md")
        let protected = MathProtector.protect(source, path: "\(name).md")
        let notes = protected.diagnostics.filter { $0.severity == .note }
        let actual = protected.spans.map { span in
            let codes = notes.filter { $0.location == span.location }.map(\.code)
            return "\(span.display ? "display" : "inline")\t\(codes.isEmpty ? "-" : codes.joined(separator: ","))\t\(Fixture.encode(span.tex))"
        }
        try Fixture.check(actual, against: "repairs/\(name).expected")
        let warnings = protected.diagnostics.filter { $0.severity != .note }
        if name == "notion" {
            #expect(warnings.map(\.code) == ["math-lost-script"])
            #expect(warnings.first?.message.contains("`wij` (perhaps `w_{ij}`)") == true)
        } else {
            #expect(warnings.isEmpty)
        }
    }

    /// The placeholders, replaced by each span's original text, give back the input byte for byte.
    @Test(arguments: delimiterFixtures.map { "delimiters/\($0).md" } + repairFixtures.map { "repairs/\($0).md" })
    func protectThenSubstituteRoundTrips(_ fixture: String) throws {
        let source = try Fixture.text(fixture)
        let protected = MathProtector.protect(source, path: fixture)
        #expect(!protected.spans.isEmpty)
        #expect(!protected.text.contains("$") || source.contains("\\$") || source.contains("$3.50") || source.contains("$HOME"))
        let restored = MathSubstitution.substitute(in: protected.text, rendered: protected.spans.map(\.original))
        #expect(Array(restored.utf8) == Array(source.utf8))
    }

    @Test func placeholdersAreNumberedInOrder() {
        let p = MathProtector.protect("a $x$ b \\(y\\) c $$z$$", path: "p.md")
        #expect(p.text == "a \u{E000}0\u{E001} b \u{E000}1\u{E001} c \u{E000}2\u{E001}")
        #expect(MathPlaceholder.occurrences(in: p.text).map(\.index) == [0, 1, 2])
    }

    @Test func multiLineSpansCollapseAndTheLineMapPointsBack() {
        let source = "第一行\n$$\na \\\\\nb\n$$\n第六行 $x$\n\n\\begin{aligned}\nc &= d\n\\end{aligned}\n第十一行"
        let p = MathProtector.protect(source, path: "m.md")
        let lines = p.text.sourceLines
        #expect(lines.count == 6)
        #expect(lines[1] == "\u{E000}0\u{E001}")
        #expect(lines[4] == "\u{E000}2\u{E001}")
        #expect(p.lineMap.origins.map(\.line) == [1, 2, 6, 7, 8, 11])
        #expect(p.spans.map(\.location.line) == [2, 6, 8])
        #expect(p.spans[1].location.column == 5)
    }

    @Test func locationsFollowTheIncomingLineMap() {
        // As if a front matter of 3 lines had been stripped and the text dedented by 4 columns.
        let incoming = LineMap(origins: (0..<3).map { LineMap.Origin(line: 4 + $0, columnOffset: 4) })
        let p = MathProtector.protect("x\n$$\ny\n$$ 和 $\\text{a_b}$", path: "n.md", lineMap: incoming)
        #expect(p.spans.map(\.location.description) == ["n.md:5:5", "n.md:6:10"])
        #expect(p.diagnostics.map(\.description) == [
            "n.md:6:10: note: repaired formula `$\\text{a_b}$`: escaped `_` inside `\\text{…}` as `\\_` [math-repair-text-underscore]",
        ])
        #expect(p.lineMap.origins.map(\.line) == [4, 5])
    }

    @Test func loneDollarLineIsPromotedOnlyWhenItIsItsOwnParagraph() {
        let own = MathProtector.protect("前文\n\n  $a=b$  \n\n后文", path: "a.md")
        #expect(own.spans.first?.display == true)
        let inParagraph = MathProtector.protect("前文\n$a=b$\n后文", path: "a.md")
        #expect(inParagraph.spans.first?.display == false)
        let withText = MathProtector.protect("\n$a=b$ 是等式\n", path: "a.md")
        #expect(withText.spans.first?.display == false)
        let parenthesis = MathProtector.protect("\n\\(a=b\\)\n", path: "a.md")
        #expect(parenthesis.spans.first?.display == false)
    }

    @Test func aFormulaInABlockQuoteLosesTheQuoteMarkersOfItsLines() {
        let p = MathProtector.protect("> 引文\n> $$\n> a = b \\\\\n> c\n> $$\n\n> > 行内 $x +\n> > y$ 结束", path: "q.md")
        #expect(p.spans.map(\.tex) == ["\na = b \\\\\nc\n", "x +\ny"])
    }

    @Test func inlineDelimitersAroundADisplayEnvironmentGiveDisplayMath() {
        let p = MathProtector.protect("前文 $\\begin{equation*} a = b \\end{equation*}$ 与 $\\begin{cases} 1 \\end{cases}$", path: "e.md")
        #expect(p.spans.map(\.display) == [true, false])
    }

    @Test func substitutionLeavesUnknownPlaceholdersAlone() {
        let html = "<p>\u{E000}0\u{E001} and \u{E000}5\u{E001} and \u{E000}x\u{E001}</p>"
        #expect(MathSubstitution.substitute(in: html, rendered: ["<b>0</b>"]) == "<p><b>0</b> and \u{E000}5\u{E001} and \u{E000}x\u{E001}</p>")
        #expect(MathSubstitution.missingIndices(in: html, renderedCount: 1) == [5])
    }

    /// Placeholders are found among other private-use characters, broken ones and any other text, and
    /// their ranges are those of the original string.
    @Test func placeholdersAreFoundExactlyWhereTheyAre() {
        let text = "é\u{E000}\u{E000}7\u{E001}中\u{E002}\u{E000}12\u{E002}\u{E000}1234567890\u{E001}\u{E040}\u{E000}42\u{E001}\u{E000}3"
        let found = MathPlaceholder.occurrences(in: text)
        #expect(found.map(\.index) == [7, 42])
        #expect(found.map { String(text[$0.range]) } == ["\u{E000}7\u{E001}", "\u{E000}42\u{E001}"])
        #expect(MathPlaceholder.occurrences(in: "").isEmpty)
        #expect(MathPlaceholder.occurrences(in: MathPlaceholder.make(123_456_789)).map(\.index) == [123_456_789])
    }

    @Test func unclosedOpenersAreWarnedAndLeftAsText() {
        let p = MathProtector.protect("甲 \\(a + b\n\n乙 \\[c 丙 $$d\n\n\\begin{cases} x & y", path: "u.md")
        #expect(p.spans.isEmpty)
        #expect(p.diagnostics.map { "\($0.location?.description ?? "") \($0.code)" } == [
            "u.md:1:3 math-unclosed", "u.md:3:3 math-unclosed", "u.md:3:9 math-unclosed", "u.md:5:1 math-unclosed",
        ])
    }

    @Test func privateUseCharactersInTheSourceAreReported() {
        let p = MathProtector.protect("a\n b\u{E000}3\u{E001} $x$", path: "c.md")
        #expect(p.diagnostics.map { "\($0.location?.description ?? "") \($0.code)" } == ["c.md:2:3 math-placeholder-collision"])
    }

    @Test func renderPageSubstitutesEveryFormula() {
        let p = MathProtector.protect("甲 $a<b$\n\n$$c$$", path: "r.md")
        let html = "<p>" + p.text.replacingOccurrences(of: "\n\n", with: "</p>\n<p>") + "</p>"
        let page = ClientSideMathRenderer().renderPage(html: html, spans: p.spans, macros: [:])
        #expect(page.html == #"<p>甲 <span class="math math-inline">\(a&lt;b\)</span></p>"# + "\n" + #"<p><span class="math math-display">\[c\]</span></p>"#)
        #expect(page.diagnostics.isEmpty)
    }

    @Test func emptyAndMathlessInputs() {
        let empty = MathProtector.protect("", path: "e.md")
        #expect(empty.text == "" && empty.spans.isEmpty && empty.lineMap.origins.count == 1)
        let plain = MathProtector.protect("没有公式\r\n第二行\r\n", path: "e.md")
        #expect(plain.text == "没有公式\r\n第二行\r\n")
        #expect(plain.lineMap.origins.map(\.line) == [1, 2, 3])
    }
}
