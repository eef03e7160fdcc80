import Testing
@testable import SiteMath

/// Formulas where typeset math cannot go or must not repeat itself: titles, ids, navigation, line ends.
@Suite struct NavigationTextTests {
    @Test(arguments: [
        (#"\sqrt{d_k}"#, "√d_k"), (#"L^2"#, "L^2"), (#"L^{2}"#, "L^2"), (#"\frac{1}{n}"#, "1/n"),
        (#"\frac{a+b}{2}"#, "(a+b)/2"), (#"\alpha \cdot \beta"#, "α · β"), (#"\mathbf{W}x"#, "Wx"),
        (#"\left( x \right)"#, "( x )"), (#"\sqrt[3]{x+1}"#, "3√(x+1)"), (#"\operatorname{softmax}(z)"#, "softmax(z)"),
        (#"x \in \mathbb{R}^{n}"#, "x ∈ R^n"), (#"\text{学习率}\,\eta"#, "学习率 η"), (#"\{1, 2\}"#, "{1, 2}"),
        (#"\nabla_\theta J"#, "∇_θ J"), (#"\unknown{x}"#, "unknownx"), ("", ""),
    ])
    func plainText(tex: String, text: String) {
        #expect(TeXPlainText.text(tex) == text)
    }

    @Test func navigationHTMLHasNoMathML() {
        let katex = #"<span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi></semantics></math></span><span class="katex-html" aria-hidden="true">x</span></span>"#
        let stripped = RenderedMath(html: katex + "，" + katex).htmlWithoutMathML
        #expect(stripped == #"<span class="katex"><span class="katex-html" aria-hidden="true">x</span></span>，<span class="katex"><span class="katex-html" aria-hidden="true">x</span></span>"#)
        #expect(RenderedMath(html: #"<span class="math">\(x\)</span>"#).htmlWithoutMathML == #"<span class="math">\(x\)</span>"#)
    }

    /// A line never starts with the punctuation after an inline formula; display math stays as it is.
    @Test func closingPunctuationStaysWithItsFormula() {
        let html = "<p>取 \u{E000}0\u{E001}，否则 \u{E000}1\u{E001} 是、\u{E000}2\u{E001}）。</p>"
        let rendered = [#"<span class="katex">a</span>"#, #"<span class="katex">b</span>"#, #"<span class="katex-display">c</span>"#]
        #expect(MathSubstitution.substitute(in: html, rendered: rendered, bindingPunctuation: true)
            == #"<p>取 <span class="math-nobreak"><span class="katex">a</span>，</span>否则 <span class="katex">b</span> 是、<span class="katex-display">c</span>）。</p>"#)
        #expect(MathSubstitution.substitute(in: html, rendered: rendered)
            == #"<p>取 <span class="katex">a</span>，否则 <span class="katex">b</span> 是、<span class="katex-display">c</span>）。</p>"#)
    }

    /// What makes a rendering display math is its opening tag, not text inside it that names the class.
    @Test func displayIsReadFromTheOpeningTag() {
        #expect(MathSubstitution.isDisplay(#"<code class="math-error math-display" title="t">x</code>"#))
        #expect(MathSubstitution.isDisplay(#"<span class="math math-display">\[x\]</span>"#))
        #expect(MathSubstitution.isDisplay("<div>x</div>"))
        #expect(!MathSubstitution.isDisplay(#"<span class="katex"><span class="mord text">math-display</span></span>"#))
        #expect(!MathSubstitution.isDisplay(#"<code class="math-error" title="t">math-display</code>"#))
        #expect(!MathSubstitution.isDisplay("math"))
        let html = "<p>\u{E000}0\u{E001}，</p>"
        let inline = #"<span class="katex"><span class="mord text">math-display</span></span>"#
        #expect(MathSubstitution.substitute(in: html, rendered: [inline], bindingPunctuation: true)
            == #"<p><span class="math-nobreak">"# + inline + "，</span></p>")
    }
}
