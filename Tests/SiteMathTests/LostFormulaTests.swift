import SiteCore
import Testing
@testable import SiteMath

@Suite struct LostFormulaTests {
    func warnings(_ text: String, code: String = "math-lost") -> [String] {
        MathProtector.protect(text, path: "l.md").diagnostics
            .filter { $0.code == code }
            .map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
    }

    func hints(_ text: String) -> [String] { warnings(text, code: "math-lost-hint") }

    @Test func gapsWhereSymbolsWereDropped() {
        let text = "前言\n- 对称矩阵: 设一个维度为 的方阵 , 若每个长度为 的非零向量 , 都有 成立。"
        // The spaces in 为␣的, 方阵␣, , 为␣的, 向量␣, and 有␣成, counted in Unicode scalars.
        #expect(warnings(text) == ["2:15", "2:19", "2:28", "2:34", "2:39"])
    }

    /// One likely gap on a line is a hint (a note for the report), two make a warning.
    @Test func aSingleLikelyGapIsAHint() {
        #expect(warnings("设矩阵 , 则它可逆。") == [])
        #expect(hints("设矩阵 , 则它可逆。") == ["1:4"])
        #expect(hints("设矩阵 ，则它可逆。") == ["1:4"])
        let hint = MathProtector.protect("设矩阵 , 则它可逆。", path: "l.md").diagnostics.first
        #expect(hint?.severity == .note)
    }

    @Test func ordinaryTypingIsNotALostFormula() {
        #expect(warnings("模型收敛以后 ，再调小学习率。") + hints("模型收敛以后 ，再调小学习率。") == [], "a space before a comma")
        let spacedTerms = "我们把 卷积网络 的输出交给 卷积网络 的下一层，再用 残差连接 和 批归一化 处理。"
        #expect(warnings(spacedTerms) + hints(spacedTerms) == [], "terms set off by spaces")
        #expect(warnings("其 中 的 参 数 为 向 量 与 矩 阵") == [], "letter-spaced text copied from a PDF")
        let image = "激活函数见 ![sigmoid](https://latex.codecogs.com/svg.latex?f(x)=\\frac{1}{1+e^{-x}}) 这张图。"
        #expect(warnings(image) == [], "TeX in a formula-image URL")
    }

    @Test func ordinarySpacesAreNotFlagged() {
        let text = """
        Sigmoid 函数的输出在 0 到 1 之间。 下一句从这里开始，  然后继续。
        这里只有一个 普通的空格，作者手滑了。
        关键词 优点 缺点 总结 对比 分别列出
        只有一处 的 不够
        误差（ Error） = 偏差（ Bias） + 方差， 见上文 (see above) 。
        ReLU 单元不再更新, 前向计算仍然正常; 表情 ^_^ 与文件 run_all.py、model.pt 都不是公式。
        变量 batch_size 与 learning_rate 是代码里的名字，链接 [说明](https://example.org/x_1^2) 与 <img src="/a_b/c_d.gif"> 也不是。
        https://example.org/path_with^{braces} 是网址。
        """
        #expect(warnings(text) == [])
    }

    @Test func gapsBeforeParticlesWithoutPunctuation() {
        #expect(warnings("若向量 满足条件则矩阵 是正定的") == [], "one likely gap is not enough")
        #expect(hints("若向量 满足 恒成立则矩阵 是正定的") == [], "a noun before a particle is too often a stray space")
        #expect(hints("若向量 满足 恒成立则矩阵 , 正定") == ["1:14"])
        #expect(warnings("设长度为 的向量 有 恒成立") == ["1:5", "1:9", "1:11"])
    }

    @Test func bareTeXWithOnlyASCIIBetweenIsOneWarning() {
        let p = MathProtector.protect("因此 \\sum_i x_i = \\frac{1}{2} n 成立，而 \\alpha 另算。", path: "l.md")
        let lost = p.diagnostics.filter { $0.code == "math-lost" }
        #expect(lost.map { "\($0.location?.column ?? 0)" } == ["4", "36"])
        #expect(lost.first?.message.contains("`\\sum_i x_i = \\frac{1}{2}`") == true)
    }

    @Test func aBrokenDisplayFormulaIsReportedOnceAtItsOpener() {
        let text = "$$\n\\begin{aligned}\na &= \\frac{1}{2} \\\\\n\nb &= c\n\\end{aligned}\n$$"
        let codes = MathProtector.protect(text, path: "l.md").diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" }
        #expect(codes == ["1 math-unclosed", "7 math-unclosed"])
    }

    @Test func exportPlaceholders() {
        #expect(warnings("其中 [公式] 表示两者的内积运算，[公式] 也是。") == ["1:4", "1:19"])
    }

    @Test func bareTeXOutsideDelimiters() {
        let text = "我们定义 h_t 为隐状态，W^{(l)} 是第 l 层的权重，\\frac{a}{b} 也是，L^2 范数同理。"
        #expect(warnings(text) == ["1:6", "1:15", "1:33", "1:48"])
        let messages = MathProtector.protect(text, path: "l.md").diagnostics.map(\.message)
        #expect(messages[1].contains("`W^{(l)}`"))
    }

    @Test func texInsideMathOrCodeIsNotBare() {
        let text = """
        公式 $h_t = W^{(l)} x$ 与 `x^{(k)}` 以及 \\(\\frac{a}{b}\\) 都好好的。

        ```
        y_1 = x^{2}
        ```
        """
        #expect(warnings(text) == [])
    }

    @Test func pageMacrosCountAsTeX() {
        let text = "向量空间 \\R^n 里"
        #expect(warnings(text) == [])
        let withMacro = MathProtector.protect(text, path: "l.md", macros: ["\\R": "\\mathbb{R}"])
        #expect(withMacro.diagnostics.map(\.code) == ["math-lost"])
    }
}

@Suite struct CopiedMathTests {
    /// Italic letters and the typographic minus betray math copied from a rendered export, but in
    /// hand-written Markdown they are ordinary typography.
    @Test func onlyExportsAreCheckedForCopiedMath() {
        let text = "梯度是 p − y，其中 *x* 表示输入。"
        let exported = MathProtector.protect(text, path: "e.md").diagnostics.filter { $0.code == "math-lost" }
        let written = MathProtector.protect(text, path: "w.md", fromExport: false).diagnostics.filter { $0.code == "math-lost" }
        #expect(!exported.isEmpty)
        #expect(written.isEmpty)
    }
}
