import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TensorScript

/// Collects the elements of an SVG document, failing on malformed XML.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var currentText = ""

    static func parse(_ svg: String) -> SVGCollector? {
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        currentText = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { currentText += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(currentText) }
        currentText = ""
    }

    func elements(classed cls: String) -> [[String: String]] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls)) }.map(\.attributes)
    }
}

@Suite struct SVGPlotTests {
    func plotSVG(_ source: String) -> String? {
        guard case .plot(let spec)? = lastValue(source) else { return nil }
        return SVGPlot.render(spec)
    }

    /// Every coordinate of every path, as (x, y).
    func points(_ d: String) -> [(Double, Double)] {
        d.split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { pair in
            let parts = pair.split(separator: " ").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    @Test func activationPlotIsWellFormedWithOnePathAndLegendEntryPerSeries() throws {
        let svg = try #require(plotSVG("plot(sigmoid, tanh, relu, from: -5, to: 5)"))
        let doc = try #require(SVGCollector.parse(svg), "the SVG must be well-formed XML")
        let root = try #require(doc.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 560 340")
        let paths = doc.elements.filter { $0.name == "path" }.map(\.attributes)
        #expect(paths.count == 3)
        #expect(doc.elements(classed: "tensor-plot-legend-entry").count == 3)
        for label in ["sigmoid", "tanh", "relu"] { #expect(doc.texts.contains(label)) }
        // distinct colours and distinct dash patterns
        #expect(Set(paths.compactMap { $0["stroke"] }).count == 3)
        #expect(Set(paths.map { $0["stroke-dasharray"] ?? "solid" }).count == 3)
        for path in paths {
            let pts = points(path["d"] ?? "")
            #expect(pts.count == 201)
            #expect(pts.allSatisfy { $0.0 >= 0 && $0.0 <= 560 && $0.1 >= 0 && $0.1 <= 340 })
        }
        // axes and text follow the page colour
        #expect(doc.elements(classed: "tensor-plot-axis").first?["stroke"] == "currentColor")
        #expect(root.attributes["fill"] == "currentColor")
        #expect(doc.texts.contains("-4") && doc.texts.contains("4") && doc.texts.contains("x"))
    }

    @Test func sigmoidCurveIsIncreasingAndPeaksOfItsDerivativeAtZero() throws {
        let svg = try #require(plotSVG("plot(sigmoid, grad(sigmoid), from: -5, to: 5, points: 101)"))
        let doc = try #require(SVGCollector.parse(svg))
        let paths = doc.elements.filter { $0.name == "path" }.compactMap { $0.attributes["d"] }.map(points)
        #expect(paths.count == 2)
        // SVG y grows downwards: an increasing function has decreasing y
        #expect(zip(paths[0], paths[0].dropFirst()).allSatisfy { $1.1 <= $0.1 + 1e-9 })
        let peak = paths[1].min { $0.1 < $1.1 }
        let middle = 58 + (560 - 14 - 58) / 2.0
        #expect(abs((peak?.0 ?? 0) - middle) < 1)
        #expect(doc.texts.contains("sigmoid′"))
    }

    @Test func gapsForMissingValuesAndLogAxes() throws {
        let svg = SVGPlot.render(PlotSpec(series: [.init(label: "y", xs: [0, 1, 2, 3], ys: [1, .nan, 100, 1000])], logY: true))
        let doc = try #require(SVGCollector.parse(svg))
        let d = try #require(doc.elements.first { $0.name == "path" }?.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2)
        #expect(doc.texts.contains("1") && doc.texts.contains("1e3"))
    }

    @Test func trajectoriesPlotLossPerStep() throws {
        let svg = try #require(plotSVG("f(w) = sum(w^2)\na = minimize(f, [1, 1], steps: 10);\nb = minimize(f, [1, 1], optimizer: \"adam\", steps: 10);\nplot(a, b)"))
        let doc = try #require(SVGCollector.parse(svg))
        #expect(doc.texts.contains("step") && doc.texts.contains("loss"))
        #expect(doc.texts.contains("sgd lr=0.1") && doc.texts.contains("adam lr=0.1"))
        #expect(doc.elements.filter { $0.name == "path" }.count == 2)
    }

    @Test func labelsAreEscaped() throws {
        let svg = SVGPlot.render(PlotSpec(series: [.init(label: "a<b & \"c\"", xs: [0, 1], ys: [0, 1])]))
        let doc = try #require(SVGCollector.parse(svg))
        #expect(doc.texts.contains("a<b & \"c\""))
    }

    /// On a Chinese site the words a plot writes itself are Chinese; labels the block gives stay as written.
    @Test func defaultWordsFollowTheSiteLanguage() {
        let source = "f(w) = sum(w^2)\na = minimize(f, [1, 1], steps: 10);\nplot(a)\nplot([1, 2, 3], xlabel: \"epoch\")"
        let zh = ExampleEvaluator.evaluate(source, path: "p.md", firstLine: 1, column: 1, language: "zh-CN").html
        #expect(zh.contains(">步数</text>") && zh.contains(">损失</text>"))
        #expect(zh.contains("的曲线图，横轴 步数 从 0 到"))
        #expect(zh.contains(">epoch</text>"))
        #expect(!zh.contains(">step</text>"))
        let en = ExampleEvaluator.evaluate(source, path: "p.md", firstLine: 1, column: 1).html
        #expect(en.contains(">step</text>") && en.contains(">loss</text>") && en.contains("plot of "))
        #expect(ExampleCache.key(for: source, language: "zh-CN") != ExampleCache.key(for: source))
        #expect(ExampleCache.key(for: source, language: "zh-TW") == ExampleCache.key(for: source, language: "zh-CN"))
    }
}
