import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TensorScript

@Suite struct HTMLRendererTests {
    let example = """
    x = linspace(-6, 6, 7)
    sigmoid(x)
    grad(sigmoid, x)        # the vanishing gradient, as numbers
    softmax([2.0, 1.0, 0.1])   # => [0.659, 0.242, 0.099]
    plot(sigmoid, tanh, relu, from: -5, to: 5)
    """

    @Test func theIssueExampleRendersSourceValuesAndAPlot() throws {
        let output = ExampleEvaluator.evaluate(example, path: "notes/act.md", firstLine: 3, column: 1)
        #expect(output.diagnostics.isEmpty)
        let html = output.html
        // The rendering is well-formed markup (XHTML-compatible), so XMLParser accepts it.
        let doc = try #require(SVGCollector.parse(html))
        #expect(doc.elements.first?.name == "figure")
        #expect(doc.elements.first?.attributes["class"] == "tensor-example")
        #expect(doc.elements(classed: "tensor-source").count == 5)
        // flat: source and outputs are children of the figure, alternating
        #expect(html.hasPrefix("<figure class=\"tensor-example\"><pre class=\"tensor-source\"><code>x = linspace(-6, 6, 7)</code></pre><div class=\"tensor-output\">"))
        #expect(doc.elements(classed: "tensor-output").count == 5)
        #expect(doc.elements(classed: "tensor-vector").count == 4)
        #expect(doc.elements.filter { $0.name == "svg" }.count == 1)
        #expect(doc.elements(classed: "tensor-check").count == 1)
        #expect(html.contains("<span class=\"tensor-name\">x =</span>"))
        // the source is shown, escaped, with comments kept
        #expect(html.contains("# the vanishing gradient, as numbers"))
        #expect(html.contains("<td>0.25000</td>"))
        // no absolute positions in the HTML (so it can be cached path-independently)
        #expect(!html.contains("notes/act.md"))
    }

    @Test func errorsAreMarkedInTheSourceAndExplainedBelowIt() throws {
        let output = ExampleEvaluator.evaluate("a = ones(2, 3)\nb = a @ ones(4, 5)\nc = 1 +", path: "n.md", firstLine: 10, column: 1)
        #expect(output.diagnostics.map(\.description) == [
            "n.md:11:7: error: cannot matmul [2,3] and [4,5] [tensor-shape]",
            "n.md:12:8: error: expected a value, found end of line [tensor-syntax]",
        ])
        let doc = try #require(SVGCollector.parse(output.html))
        #expect(doc.elements.first?.attributes["class"] == "tensor-example tensor-example-failed")
        #expect(doc.elements(classed: "tensor-error").count == 2)
        #expect(doc.elements(classed: "tensor-error-mark").count == 2)
        #expect(output.html.contains("b = a <mark class=\"tensor-error-mark\">@</mark> ones(4, 5)"))
        #expect(output.html.contains("error: cannot matmul [2,3] and [4,5]"))
        // a missing operand is marked just past the end of the line
        #expect(output.html.contains("c = 1 +<mark class=\"tensor-error-mark\"> </mark>"))
    }

    @Test func sourceIsEscaped() {
        let html = ExampleEvaluator.evaluate("\"<b>&\"", path: "n.md", firstLine: 1, column: 1).html
        #expect(html.contains("&quot;&lt;b&gt;&amp;&quot;"))
        #expect(!html.contains("<b>"))
    }

    @Test func recordsTablesAndSummaries() throws {
        let html = ExampleEvaluator.evaluate("lstm_cell([1, 0.5], [0, 0], [0, 0])\nminimize(square, 1, steps: 3)\nrandn(50, 50)", path: "n.md", firstLine: 1, column: 1).html
        let doc = try #require(SVGCollector.parse(html))
        #expect(doc.elements.filter { $0.name == "dt" }.count == 6)
        #expect(doc.elements(classed: "tensor-table").count == 1)
        #expect(doc.elements.filter { $0.name == "th" }.count == 3)
        #expect(doc.elements(classed: "tensor-stats").count == 1)
        #expect(doc.elements(classed: "tensor-stat").count == 4)
        #expect(html.contains("<span class=\"tensor-shape\">[50, 50]</span>"))
    }

    @Test func terminalOutputNumbersLinesFromTheFile() {
        let (text, diagnostics) = ExampleEvaluator.evaluateForTerminal("softmax([1, 2, 3])", path: "<eval>", firstLine: 1)
        #expect(diagnostics.isEmpty)
        #expect(text == "1 │ softmax([1, 2, 3])\n  ⇒ [0.0900, 0.2447, 0.6652]")
    }
}
