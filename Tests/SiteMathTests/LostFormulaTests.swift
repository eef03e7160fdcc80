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
        // `h_t` and `L^2` could be identifiers or versions: warnings. The other two are typeset (see BareTeXTests).
        #expect(warnings(text) == ["1:6", "1:48"])
        #expect(warnings(text, code: "math-bare-tex") == ["1:15", "1:33"])
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

/// A formula lost in export leaves a marker span where it stood, unless `marksLost` is off.
@Suite struct LostFormulaMarkerTests {
    @Test func gapsAndPlaceholdersBecomeMarkers() {
        let text = "设长度为 的向量 有 恒成立，其中 [公式] 是内积。"
        let p = MathProtector.protect(text, path: "l.md")
        let lost = p.spans.filter { $0.delimiter == .lost }
        #expect(lost.count == 4)
        #expect(p.formulaCount == 0)
        #expect(lost.allSatisfy { $0.lostReason.contains("lost") })
        #expect(lost.last?.original == "[公式]")
        // The marker goes after the gap's first space; `[公式]` is replaced.
        #expect(p.text.hasPrefix("设长度为 " + MathPlaceholder.make(0) + "的向量 " + MathPlaceholder.make(1) + "有"))
        #expect(!p.text.contains("[公式]"))
        let warningCount = p.diagnostics.count { $0.code == "math-lost" }
        #expect(warningCount == 4, "the warnings stay")
    }

    @Test func hintsAndOtherFindingsLeaveNoMarker() {
        #expect(MathProtector.protect("设矩阵 , 则它可逆。", path: "l.md").spans.isEmpty, "one likely gap is only a hint")
        #expect(MathProtector.protect("我们定义 h_t 为隐状态。", path: "l.md").spans.isEmpty, "bare TeX that stays a warning")
        #expect(MathProtector.protect("梯度是 p − y。", path: "l.md").spans.isEmpty, "a Unicode minus")
    }

    @Test func markersCanBeTurnedOff() {
        let text = "设长度为 的向量 有 恒成立，其中 [公式] 是内积。"
        let p = MathProtector.protect(text, path: "l.md", marksLost: false)
        #expect(p.spans.isEmpty)
        #expect(p.text == text)
        #expect(p.diagnostics.count { $0.code == "math-lost" } == 4)
    }

    @Test func markersRenderWithTheirWarningAndFormulasAroundThemStillTypeset() {
        let p = MathProtector.protect("令 $a$ 为 的向量 有 恒成立，$b<c$。", path: "l.md")
        let rendered = ClientSideMathRenderer().renderMarkingLost(p.spans, macros: [:])
        #expect(rendered.count == p.spans.count)
        for (span, result) in zip(p.spans, rendered) {
            if span.delimiter == .lost {
                #expect(result.html.hasPrefix(#"<span class="math-lost" title=""#))
                #expect(result.html.hasSuffix(">公式缺失</span>"))
            } else {
                #expect(result.html.contains(span.tex.htmlEscaped))
            }
        }
        #expect(rendered.contains { $0.html.contains("b&lt;c") })
        #expect(p.spans.contains { $0.delimiter == .lost } && p.formulaCount == 2)
    }
}

/// TeX that lost its delimiters is typeset only where it cannot be anything else.
@Suite struct BareTeXTests {
    func typeset(_ text: String) -> [String] {
        MathProtector.protect(text, path: "b.md").spans.filter { $0.delimiter == .bare }.map(\.tex)
    }

    @Test func unmistakableTeXInChineseProseIsTypeset() {
        #expect(typeset("迭代中x^{(k)}为第k步的解。") == ["x^{(k)}"])
        #expect(typeset("它的梯度记作\\nabla_{w}L，权重W_{ij}连接两层。") == ["\\nabla_{w}L", "W_{ij}"])
        #expect(typeset("两者之比\\frac{m}{n}，再开方得\\sqrt{d_k}。") == ["\\frac{m}{n}", "\\sqrt{d_k}"])
        #expect(typeset("输出 y^{(i)} 与标签比较。") == ["y^{(i)}"], "one space on each side")
        #expect(typeset("结果是(a_{1})。") == ["(a_{1})"], "balanced parentheses belong to the formula")
        #expect(typeset("样本x_{i},") == ["x_{i}"], "trailing punctuation is prose")
        #expect(typeset("先算x^{(k)}，再算x^{(k)}。") == ["x^{(k)}", "x^{(k)}"], "every occurrence")
    }

    @Test func repeatedDoubtfulTeXIsOneWarningPerLine() {
        let codes = MathProtector.protect("状态 h_t 依赖上一步，h_t 再传下去。", path: "b.md").diagnostics.map(\.code)
        #expect(codes == ["math-lost"])
    }

    @Test func eachIsANoteNotAWarning() {
        let p = MathProtector.protect("迭代中x^{(k)}为第k步的解。", path: "b.md")
        #expect(p.diagnostics.map(\.code) == ["math-bare-tex"])
        #expect(p.diagnostics.first?.severity == .note)
        #expect(p.diagnostics.first?.location?.column == 4)
        #expect(p.text.hasPrefix("迭代中" + MathPlaceholder.make(0) + "为"))
        #expect(p.formulaCount == 1)
    }

    @Test func doubtfulTeXIsLeftAsText() {
        #expect(typeset("我们定义 h_t 为隐状态，L^2 范数。") == [], "a lone script without braces")
        #expect(typeset("变量 batch_size 和 run_all.py 不是公式。") == [], "identifiers")
        #expect(typeset("配置项 model_{name} 由模板填写。") == [], "a long word before the script")
        #expect(typeset("键名 cfg_a1_{x} 来自代码。") == [], "a script group at the end of an identifier")
        #expect(typeset("代码 `x^{(k)}` 与 $x^{(k)}$ 都有定界。") == [], "code and math")
        #expect(typeset("链接 https://example.org/x_{1} 是网址，[图](a_{1}.png) 是图片。") == [], "URLs and link destinations")
        #expect(typeset("强调 *x_{1}* 和 **W^{(l)}** 是 Markdown。") == [], "emphasis")
        #expect(typeset("路径 src/x_{1} 与 a|b_{c} 在表格里。") == [], "paths and table pipes")
        #expect(typeset("The value x^{(k)} is English prose.") == [], "no CJK text around it")
        #expect(typeset("未知命令\\foo{x}_{1}不算。") == [], "an unknown command")
        #expect(typeset("括号x_{(1}不配对。") == [], "unbalanced groups")
        #expect(typeset("常数\\alpha是希腊字母。") == [], "a command without a group")
        #expect(typeset("因此 \\sum_i x_i = \\frac{1}{2} n 成立。") == [], "several words: a formula, but where it starts is a guess")
    }
}
