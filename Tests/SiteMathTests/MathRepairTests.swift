import SiteCore
import Testing
@testable import SiteMath

@Suite struct MathRepairTests {
    /// Correct TeX, some of it looking like damage, that no rule may touch.
    static let correct = [
        #"\frac{1}{1+e^{-z}}"#, #"x^{(k)}"#, #"\text{batch\_size}"#, #"\mathrm{d_model}"#, #"f'(x) \cdot g(x)"#,
        #"\begin{cases} a & b\ c \\ d & e \end{cases}"#, #"\begin{matrix} x\ y \end{matrix}"#, #"a\ b"#,
        #"\left( x \right)^2"#, #"(a+b)^2"#, #"a*b*c"#, #"\text{当 $x_1$ 时}"#, #"\begin{aligned} a &= b \\ c &= d \end{aligned}"#,
        #"e^{i\pi} + 1 = 0"#, #"\sum_{i=1}^{n} x_i"#, #"\{ x \mid x > 0 \}"#, #"x_{(i)}"#, #"a^{\prime}"#,
        #"\mathbf{x} + \boldsymbol{\sigma}"#, "\\text{学习 率}", #"\begin{aligned} a &= b & c &= d \end{aligned}"#, "ℝ^n",
    ]

    @Test(arguments: correct)
    func correctTeXIsUnchanged(_ tex: String) {
        for delimiter in [MathDelimiter.dollar, .doubleDollar, .parenthesis, .bracket] {
            let r = MathRepair.repair(tex, delimiter: delimiter)
            #expect(r.tex == tex)
            #expect(r.applied.isEmpty)
        }
    }

    @Test func notionWrapperOnlyForDollarMath() {
        #expect(MathRepair.repair("*x*", delimiter: .dollar).tex == "x")
        #expect(MathRepair.repair("*x*", delimiter: .parenthesis).tex == "*x*")
        #expect(MathRepair.repair(#"*x\*"#, delimiter: .dollar).applied.isEmpty)
    }

    @Test func repairsCombine() {
        let r = MathRepair.repair("*e^(\u{2212}x)\u{2004}\u{22C5}\u{2004}\\text{a_b}*", delimiter: .dollar)
        #expect(r.tex == #"e^{(-x)} \cdot \text{a\_b}"#)
        #expect(r.applied == [.notionEmphasisWrapper, .unicodeLookalike, .textUnderscore, .scriptGroup])
    }

    @Test func scriptGroupsRespectCellsAndBraces() {
        #expect(MathRepair.repair(#"\begin{cases} e^(a & b) \end{cases}"#, delimiter: .dollar).applied.isEmpty)
        #expect(MathRepair.repair(#"{x^(a} b)"#, delimiter: .dollar).applied.isEmpty)
        #expect(MathRepair.repair(#"x^((a+b)c)"#, delimiter: .dollar).tex == #"x^{((a+b)c)}"#)
        #expect(MathRepair.repair(#"x^ (a)"#, delimiter: .dollar).tex == #"x^ {(a)}"#)
    }

    @Test func rowBreakNeedsACellInEveryRow() {
        #expect(MathRepair.repair(#"\begin{array}{cc} 1 & 2 \ 3 & 4 \ 5 & 6 \end{array}"#, delimiter: .dollar).tex
            == #"\begin{array}{cc} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{array}"#)
        #expect(MathRepair.repair(#"\begin{cases} 1 & 2 \ 3 \end{cases}"#, delimiter: .dollar).applied.isEmpty)
        #expect(MathRepair.repair(#"\begin{cases} 1 & \begin{matrix} a \end{matrix} \ 3 & 4 \end{cases}"#, delimiter: .dollar).applied.isEmpty)
    }

    @Test func invisibleCharactersGoAndControlWordsKeepTheirSpace() {
        #expect(MathRepair.repair("\\beta\u{200B}x", delimiter: .dollar).tex == #"\beta x"#)
        #expect(MathRepair.repair("a\u{00A0}b\u{2062}c", delimiter: .dollar).tex == "a bc")
        #expect(MathRepair.repair("\\\\\u{200B}x", delimiter: .dollar).tex == #"\\x"#, "a row break is no control word")
    }

    @Test func mathAlphanumericsBecomeLettersWithFontCommands() {
        let cases: [(String, String)] = [
            ("𝑥", "x"), ("𝐱", #"\mathbf{x}"#), ("𝑾", #"\boldsymbol{W}"#), ("𝜎", #"\sigma"#), ("𝝈", #"\boldsymbol{\sigma}"#),
            ("𝜀", #"\varepsilon"#), ("𝜖", #"\epsilon"#), ("𝜑", #"\varphi"#), ("𝜙", #"\phi"#), ("𝚲", #"\boldsymbol{\Lambda}"#),
            ("𝛢", "A"), ("𝔄", #"\mathfrak{A}"#), ("𝟘", #"\mathbb{0}"#), ("𝚤", #"\imath"#), ("𝖷", #"\mathsf{X}"#),
            ("𝜎𝑥", #"\sigma x"#), ("𝑒^𝐱", #"e^{\mathbf{x}}"#), (#"\cdot𝑥"#, #"\cdot x"#),
        ]
        for (pasted, tex) in cases {
            #expect(MathRepair.repair(pasted, delimiter: .dollar).tex == tex, "\(pasted)")
        }
    }

    /// Unicode assigns 996 of the block's 1,024 code points; the gaps are letters encoded earlier (`ℎ`, `ℝ`).
    @Test func everyMathAlphanumericHasTeX() {
        let assigned = MathAlphanumerics.block.compactMap(Unicode.Scalar.init).filter { $0.properties.name != nil }
        #expect(assigned.count == 996)
        let missing = assigned.filter { MathAlphanumerics.tex[$0.value] == nil }
        #expect(missing.isEmpty, "no TeX for \(missing.map { $0.properties.name ?? "" })")
    }

    @Test(.enabled(if: SeedsTests.katex, "node or katex missing"))
    func mathAlphanumericTeXRendersWithoutComplaint() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let pasted = MathAlphanumerics.tex.keys.sorted().compactMap(Unicode.Scalar.init).map { "a\($0)b_\($0)" }
        let spans = pasted.map { MathSpan(tex: MathRepair.repair($0, delimiter: .dollar).tex, original: $0, delimiter: .dollar,
                                          display: false, location: SourceLocation(path: "t.md", line: 1, column: 1)) }
        for (rendered, span) in zip(renderer.render(spans, macros: [:]), spans) {
            #expect(rendered.diagnostics.isEmpty, "\(span.original) → \(span.tex)")
        }
    }

    @Test func eqnarrayBecomesAligned() {
        #expect(MathRepair.repair(#"\begin{eqnarray} a &=& b \\ c &\le& d \end{eqnarray}"#, delimiter: .doubleDollar).tex
            == #"\begin{aligned} a &= b \\ c &\le d \end{aligned}"#)
        #expect(MathRepair.repair(#"\begin{eqnarray*} x &=& \frac{a & b}{c} \end{eqnarray*}"#, delimiter: .environment).tex
            == #"\begin{aligned} x &= \frac{a & b}{c} \end{aligned}"#, "an `&` inside braces is no cell")
        #expect(MathRepair.repair(#"\begin{eqnarray} a &=& b"#, delimiter: .environment).applied.isEmpty, "no end: left alone")
    }

    @Test func unbalancedInputNeverCrashes() {
        for tex in ["\\", "{", "}", "^(", "_(", "\\text{", "\\text{a_", "\\begin{cases}", "\\begin{cases} a & b \\ ", "*", "**", "⋅", "\\end{cases}"] {
            _ = MathRepair.repair(tex, delimiter: .dollar)
            _ = MathProtector.protect("$\(tex)$ \\(\(tex)\\) $$\(tex)$$", path: "x.md")
        }
    }
}
