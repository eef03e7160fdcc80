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
        #expect(found("$ x$ 和 $x $ 都不是").isEmpty)
        #expect(found("其中 $1 < n < m$, m 是大小") == ["$1 < n < m$"])
        #expect(found(#"$\$5$ 是公式"#) == [#"$\$5$"#])
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
        #expect(found("$a\nb$").isEmpty)
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
