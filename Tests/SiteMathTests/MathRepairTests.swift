import Testing
@testable import SiteMath

@Suite struct MathRepairTests {
    /// Correct TeX, some of it looking like damage, that no rule may touch.
    static let correct = [
        #"\frac{1}{1+e^{-z}}"#, #"x^{(k)}"#, #"\text{batch\_size}"#, #"\mathrm{d_model}"#, #"f'(x) \cdot g(x)"#,
        #"\begin{cases} a & b\ c \\ d & e \end{cases}"#, #"\begin{matrix} x\ y \end{matrix}"#, #"a\ b"#,
        #"\left( x \right)^2"#, #"(a+b)^2"#, #"a*b*c"#, #"\text{当 $x_1$ 时}"#, #"\begin{aligned} a &= b \\ c &= d \end{aligned}"#,
        #"e^{i\pi} + 1 = 0"#, #"\sum_{i=1}^{n} x_i"#, #"\{ x \mid x > 0 \}"#, #"x_{(i)}"#, #"a^{\prime}"#,
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

    @Test func unbalancedInputNeverCrashes() {
        for tex in ["\\", "{", "}", "^(", "_(", "\\text{", "\\text{a_", "\\begin{cases}", "\\begin{cases} a & b \\ ", "*", "**", "⋅", "\\end{cases}"] {
            _ = MathRepair.repair(tex, delimiter: .dollar)
            _ = MathProtector.protect("$\(tex)$ \\(\(tex)\\) $$\(tex)$$", path: "x.md")
        }
    }
}
