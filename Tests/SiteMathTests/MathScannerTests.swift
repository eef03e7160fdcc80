import Testing
@testable import SiteMath

@Suite struct MathScannerTests {
    func found(_ text: String) -> [String] {
        MathScanner.spans(in: text).map { String(text[$0]) }
    }

    @Test func everyDelimiterStyle() {
        let text = #"行内 $a_1$ 与 \(b^2\)，显示 $$c$$ 和 \[d\]，还有 \begin{cases} x & 1 \\ y & 2 \end{cases} 结束"#
        #expect(found(text) == ["$a_1$", #"\(b^2\)"#, "$$c$$", #"\[d\]"#, #"\begin{cases} x & 1 \\ y & 2 \end{cases}"#])
        let kinds = MathScanner.scan(text).map(\.delimiter)
        #expect(kinds == [.dollar, .parenthesis, .doubleDollar, .bracket, .environment])
    }

    @Test func multiLineDisplayMath() {
        let text = "前文\n$$\n\\sum_{i=1}^n x_i\n$$\n后文 \\[\n a \\\\ b\n\\]"
        #expect(found(text) == ["$$\n\\sum_{i=1}^n x_i\n$$", "\\[\n a \\\\ b\n\\]"])
        let m = MathScanner.scan(text)
        #expect(m.map(\.line) == [2, 5])
        #expect(m.map(\.column) == [1, 4])
    }

    @Test func pricesAndEscapedDollarsAreText() {
        #expect(found("一杯咖啡 $2.00，一个面包 $5。").isEmpty)
        #expect(found("价格 $5 and $10 不是公式").isEmpty)
        #expect(found("$2.00/$5").isEmpty)
        #expect(found(#"转义 \$x\$ 不是公式"#).isEmpty)
        #expect(found("其中 $1 < n < m$, m 是大小") == ["$1 < n < m$"])
        #expect(found(#"$\$5$ 是公式"#) == [#"$\$5$"#])
        #expect(found("花了 $30，其中 $x$ 是变量") == ["$x$"], "a price before a formula")
        #expect(found("路径 $HOME/$USER 不是公式").isEmpty)
    }

    /// Typora, Notion and MathJax accept a space just inside the dollars; so do we when nothing but TeX ends up inside.
    @Test func spacesJustInsideDollars() {
        #expect(found("$x_i $ is a vector and $y_i$ is its label") == ["$x_i $", "$y_i$"])
        #expect(found("$ x$ 和 $x $ 都是公式") == ["$ x$", "$x $"])
        #expect(found("其中 $a $和$ b$ 都大于零") == ["$a $", "$ b$"])
        #expect(found("$w $ 的维度 $d$") == ["$w $", "$d$"])
        // Prose would end up inside: the space-separated signs are text.
        #expect(found("a $ sign and a $ sign").isEmpty)
        #expect(found("我们用 $ 表示美元，$ 后面跟金额").isEmpty)
    }

    @Test func noFormulaHoldsAnUnescapedDollar() {
        let text = "得分从 $-$7 变成 $-$2，而在 $s_b$ 执行 $a_2$ 与 $x $ 之后 $$y$$ 还有 $z$"
        let formulas = found(text)
        #expect(formulas == ["$-$", "$-$", "$s_b$", "$a_2$", "$x $", "$$y$$", "$z$"])
        #expect(formulas.allSatisfy { !$0.dropFirst().dropLast().contains("$") || $0.hasPrefix("$$") })
        #expect(found("$x$$y$") == ["$x$", "$y$"])
    }

    @Test func ambiguousPairingIsNoted() {
        let p = MathProtector.protect("先写 $a $b$ 再说", path: "a.md")
        #expect(p.spans.map(\.original) == ["$b$"])
        #expect(p.diagnostics.map { "\($0.location?.description ?? "") \($0.severity) \($0.code)" } == ["a.md:1:4 note math-dollar-pairing"])
        #expect(p.diagnostics.first?.message.contains("`$b$`") == true)
        let clear = MathProtector.protect("$x_i $ is a vector and $y_i$ is its label", path: "b.md")
        #expect(clear.diagnostics.isEmpty)
    }

    @Test func inlineMathContinuesOnTheNextLineOfItsParagraph() {
        #expect(found("设 $\\{x_1,\nx_2\\}$ 为集合") == ["$\\{x_1,\nx_2\\}$"])
        #expect(found("设 $x 为输入\n$y$ 为输出") == ["$y$"], "a stray sign does not pair across prose")
        #expect(found("- 价格 $5\n- 公式 $x$") == ["$x$"], "a list item is a new paragraph")
        #expect(found("| $a | b |\n| c | $d$ |") == ["$d$"], "a table row is a line of its own")
        #expect(found("## 公式 $a +\nb$ 在正文里").isEmpty, "a heading is a line of its own")
    }

    @Test func escapedBracketsAroundTextAreNotMath() {
        #expect(found("\\(1\\) 第一步 \\(x\\)") == ["\\(x\\)"])
        #expect(found("  \\(IV\\) 第四步") == [])
        #expect(found("第 \\(1\\) 步") == ["\\(1\\)"], "only a label that opens its line")
        #expect(found("\\[解析\\]：如下") == [])
        #expect(found("\\[见 $W$ 的定义\\]") == ["$W$"])
        #expect(found("\\[x^2\\]") == ["\\[x^2\\]"])
    }

    @Test func codeIsNeverMath() {
        let text = """
        代码 `$x$` 和 ``a `$y$` b`` 不是公式，$z$ 是。

        ```python
        price = "$a$"
        ```

            $indented$ code

        ~~~
        \\[ q \\]
        ~~~
        """
        #expect(found(text) == ["$z$"])
    }

    @Test func listContinuationIsNotCode() {
        let text = "- **问题**\n    \n    解释如下：\n    \n    $u_j=\\sum_i w_{ij}h_i$\n    \n"
        #expect(found(text) == ["$u_j=\\sum_i w_{ij}h_i$"])
    }

    @Test func noFormulaCrossesABlankLine() {
        #expect(found("$$ a\n\nb $$").isEmpty)
        #expect(found("\\( a\n\n b \\)").isEmpty)
        #expect(found("$a\n\nb$").isEmpty)
    }

    @Test func unknownEnvironmentsAreText() {
        #expect(found(#"\begin{itemize} x \end{itemize}"#).isEmpty)
        #expect(found(#"\begin{aligned} a &= b \\ \begin{aligned} c \end{aligned} \end{aligned}"#).count == 1)
    }

    @Test func gtInsideMathDoesNotSplit() {
        let text = #"问题 > \[f(z) = \left\{ \begin{aligned} & z, z > 0 \\ & az, z \leq 0 \end{aligned} \right.\] > 下一部分"#
        #expect(found(text).count == 1)
        #expect(found(text).first?.hasSuffix(#"\right.\]"#) == true)
    }
}

@Suite struct MathAndCodeSpanTests {
    @Test func formulasAndCodeSpansFromOneScan() {
        let text = "先看 `a $b$ c` 再看 $x_i$ 和 ``y`z``"
        let found = MathScanner.mathAndCodeSpans(in: text).map { String(text[$0]) }
        #expect(found.count == 3)
        #expect(Set(found) == ["$x_i$", "`a $b$ c`", "``y`z``"], "math inside a code span is not a formula")
    }
}
