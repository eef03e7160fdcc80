import SiteCore
import Testing
@testable import SiteMath

/// Formula images of web services (CodeCogs, Zhihu, GitHub, Google Charts) become typeset formulas.
@Suite struct FormulaImageTests {
    func tex(_ url: String) -> String? { FormulaImageURL(url)?.tex }

    @Test func fixtureGivesEveryFormulaWithItsModeAndANoteAtItsLine() throws {
        let source = try Fixture.text("images/formula-images.md")
        let protected = MathProtector.protect(source, path: "images.md")
        let actual = protected.spans.map { "\($0.display ? "display" : "inline")\t\(Fixture.encode($0.tex))" }
        try Fixture.check(actual, against: "images/formula-images.expected")

        // One note per formula image, at the line and column where the image starts, naming its URL.
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let notes = protected.diagnostics.filter { $0.code == "math-formula-image" }
        let imageSpans = protected.spans.filter { $0.delimiter == .formulaImage }
        #expect(notes.count == imageSpans.count)
        #expect(notes.allSatisfy { $0.severity == .note })
        for (note, span) in zip(notes, imageSpans) {
            #expect(note.location == span.location)
            let line = lines[(note.location?.line ?? 1) - 1]
            let column = (note.location?.column ?? 1) - 1
            #expect("![<[".contains(line.unicodeScalars.dropFirst(column).first.map(Character.init) ?? " "), "\(note)")
            #expect(note.message.contains("URL: https://"), "\(note.message)")
        }
        // Nothing else is reported but the image without TeX: TeX in image URLs is not TeX in prose, `[公式]` in
        // an alt text is no lost formula.
        let others = protected.diagnostics.filter { $0.code != "math-formula-image" }
        #expect(others.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == ["45:31 math-formula-image-empty"])
    }

    @Test func noFormulaServiceURLIsLeftOutsideCode() throws {
        let source = try Fixture.text("images/formula-images.md")
        let protected = MathProtector.protect(source, path: "images.md")
        let codeLines = ["代码里的不算：`![](https://latex.codecogs.com/gif.latex?x)`", "![](https://latex.codecogs.com/gif.latex?y)"]
        let left = protected.text.split(separator: "\n").filter { line in
            FormulaImageURL.markers.contains { line.contains($0) } && !codeLines.contains(String(line))
        }
        // Left: only the reference definitions, which cmark-gfm hides. The image without TeX is left out.
        #expect(left.map { $0.prefix(9) } == ["[softmax]", "[loss]: h"])
        #expect(protected.text.contains("普通图片 ![](images/net.png) 和空公式  都不是公式。"))
        #expect(protected.text.contains("[\u{E000}10\u{E001}](https://example.com/beta)"), "a link to elsewhere keeps its formula")
    }

    @Test func decodingAsTheServicesReadIt() {
        // Percent escapes; `+` is a space in a URL a tool encoded, a plus sign in one typed by hand.
        #expect(tex("https://www.zhihu.com/equation?tex=a%5E2+%2B+b%5E2") == "a^2 + b^2")
        #expect(tex("https://latex.codecogs.com/gif.latex?a^2+b^2") == "a^2+b^2")
        #expect(tex("https://latex.codecogs.com/gif.latex?a%20+%20b") == "a + b", "%20 alone is typed by hand")
        // HTML entities, numeric too, and CodeCogs' `&space;`; unknown names stay.
        #expect(tex("https://latex.codecogs.com/svg.latex?x&space;&lt;&space;y&#43;1&#x2C;z") == "x < y+1,z")
        #expect(tex("https://latex.codecogs.com/gif.latex?a&foo;b") == "a&foo;b")
        // A `%` that starts no escape is kept (KaTeX then says it starts a comment).
        #expect(tex("https://latex.codecogs.com/gif.latex?50%") == "50%")
        // Styling prefixes go; a formula that starts with a real command keeps it.
        #expect(tex("https://latex.codecogs.com/png.latex?\\dpi{300}&space;\\bg_white&space;\\fn_cm&space;\\large&space;\\alpha") == "\\alpha")
        #expect(tex("https://latex.codecogs.com/gif.latex?\\200dpi&space;\\inline&space;\\bg{black}x") == "x")
        #expect(tex("https://latex.codecogs.com/gif.latex?\\displaystyle\\sum_i&space;x_i") == "\\displaystyle\\sum_i x_i")
        #expect(tex("https://latex.codecogs.com/gif.latex?\\largest") == "\\largest")
        // Delimiters pasted around the whole formula go; dollars inside stay for KaTeX to report.
        #expect(tex("https://latex.codecogs.com/gif.latex?$$x^2$$") == "x^2")
        #expect(tex("https://latex.codecogs.com/gif.latex?\\(y\\)") == "y")
        #expect(tex("https://latex.codecogs.com/gif.latex?$a$+$b$") == "$a$+$b$")
    }

    @Test func parametersOfQueryServices() {
        // Another parameter after the TeX, with `&` or `&amp;`; the `&` of an alignment stays in the TeX.
        #expect(tex("https://render.githubusercontent.com/render/math?math=x%2By&mode=display") == "x+y")
        #expect(tex("https://render.githubusercontent.com/render/math?math=\\begin{aligned}a&=b\\\\c&=d\\end{aligned}")
            == "\\begin{aligned}a&=b\\\\c&=d\\end{aligned}")
        #expect(tex("https://chart.googleapis.com/chart?chs=60&amp;cht=tx&amp;chl=x_1%2By_1") == "x_1+y_1")
        #expect(tex("http://chart.apis.google.com/chart?cht=tx&chl=%5Csqrt%7B2%7D") == "\\sqrt{2}")
        #expect(tex("https://chart.googleapis.com/chart?cht=p3&chl=Hello|World") == nil, "a pie chart is no formula")
        #expect(tex("https://zhihu.com/equation?tex=%5Cpi&consumer=ZHI") == "\\pi")
    }

    @Test func aTextMentionsAServiceOnlyWithItsWholeName() {
        #expect(FormulaImageURL.mentionsService("![](https://latex.codecogs.com/svg.latex?x)"))
        #expect(FormulaImageURL.mentionsService("见 https://www.zhihu.com/equation?tex=x 。"))
        #expect(!FormulaImageURL.mentionsService("codecogs 与 zhihu 的公式图片"))
        #expect(!FormulaImageURL.mentionsService("https://example.com/a.png"))
        #expect(!FormulaImageURL.mentionsService(""))
        #expect(!FormulaImageURL.mentionsService(".co"))
    }

    @Test func whatIsNotAFormulaImage() {
        #expect(tex("https://latex.codecogs.com/gif.latex?") == "", "a broken image, left out")
        #expect(tex("https://latex.codecogs.com/gif.latex?\\dpi{200}") == "", "only styling, no formula")
        #expect(tex("https://www.codecogs.com/eqnedit.php?latex=x") == nil, "the editor is a page, not an image")
        #expect(FormulaImageURL.isFormulaService("https://www.codecogs.com/eqnedit.php?latex=x"))
        #expect(tex("https://www.zhihu.com/question/12345") == nil)
        #expect(tex("https://example.com/gif.latex?x") == nil)
        #expect(tex("images/gif.latex?x") == nil)
        #expect(FormulaImageURL.isFormulaService("https://example.com/beta") == false)
        // Hosts are read without case and `www.`; protocol-relative URLs count.
        #expect(tex("HTTPS://Latex.CodeCogs.com/gif.latex?x") == "x")
        #expect(tex("//www.zhihu.com/equation?tex=y") == "y")
    }

    @Test func imagesInCodeAndOrdinaryImagesAreLeftAlone() {
        let p = MathProtector.protect("`![](https://latex.codecogs.com/gif.latex?x)`\n\n    ![](https://latex.codecogs.com/gif.latex?y)\n\n![图](a.png)", path: "c.md")
        #expect(p.spans.isEmpty)
        #expect(p.diagnostics.isEmpty)
    }

    @Test func dollarSignsInAnImageURLPairWithNothingOutsideIt() {
        let p = MathProtector.protect("花了 $3 买 ![](https://latex.codecogs.com/gif.latex?\\$y$) 后面 $z$ 还在", path: "d.md")
        #expect(p.spans.map(\.tex) == ["\\$y$", "z"])
        #expect(p.spans.map(\.delimiter) == [.formulaImage, .dollar])
    }

    @Test func aWrapperOverSeveralLinesBecomesOneDisplayFormulaAndLinesMapBack() {
        let source = "前文\n\n<div align=\"center\">\n<img src=\"https://latex.codecogs.com/svg.latex?E=mc^2\">\n</div>\n\n后文 $t$"
        let p = MathProtector.protect(source, path: "w.md")
        #expect(p.spans.map(\.tex) == ["E=mc^2", "t"])
        #expect(p.spans[0].display && p.spans[0].original.hasPrefix("<div") && p.spans[0].original.hasSuffix("</div>"))
        #expect(p.text == "前文\n\n\u{E000}0\u{E001}\n\n后文 \u{E000}1\u{E001}")
        #expect(p.lineMap.original(line: 5).line == 7)
        #expect(p.spans[1].location.line == 7)
        // A wrapper that holds more than the image stays, and the image in it is inline.
        let mixed = MathProtector.protect("<p align=\"center\"><img src=\"https://latex.codecogs.com/svg.latex?a\"> 说明</p>", path: "m.md")
        #expect(mixed.spans.map(\.display) == [false])
        #expect(mixed.text.hasPrefix("<p align=\"center\">\u{E000}0\u{E001} 说明</p>"))
    }

    @Test func referenceImagesFollowTheirDefinitionsWhereverTheyAre() {
        let source = "![式一][Eq 1] 和 ![式二][] 与 ![EQ  1]\n\n[eq 1]: <https://latex.codecogs.com/gif.latex?a_1> \"一\"\n[式二]: https://latex.codecogs.com/gif.latex?b_2\n[图]: pic.png"
        let p = MathProtector.protect(source, path: "r.md")
        #expect(p.spans.map(\.tex) == ["a_1", "b_2", "a_1"])
        // A definition inside a paragraph is text, and so is an image whose label is not defined.
        let late = MathProtector.protect("![x][late] 没有定义\n[late]: https://latex.codecogs.com/gif.latex?c", path: "l.md")
        #expect(late.spans.isEmpty)
    }

    @Test func aFailedFormulaImageShowsItsTeXNotItsURL() {
        let span = MathSpan(tex: "\\frac{1}{", original: "![](https://latex.codecogs.com/gif.latex?\\frac{1}{)",
                            delimiter: .formulaImage, display: false, location: SourceLocation(path: "f.md", line: 1, column: 1))
        #expect(span.shownSource == "\\frac{1}{")
        #expect(KaTeXRenderer.errorHTML(span: span, message: "m").contains(">\\frac{1}{</code>"))
    }
}
