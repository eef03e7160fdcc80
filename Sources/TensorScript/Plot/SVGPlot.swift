import SiteCore
import Foundation

/// Draws a `PlotSpec` as a self-contained inline SVG.
///
/// Axes, ticks and text use `currentColor`, so the plot follows the page's text colour in light and dark
/// themes. Each series has a class (`tensor-plot-series-N`), a fallback stroke colour readable on both
/// white and near-black backgrounds, and its own dash pattern so series differ without colour too.
enum SVGPlot {
    static let width = 560.0
    static let height = 340.0
    static let marginLeft = 58.0, marginRight = 14.0, marginBottom = 44.0
    static let legendRowHeight = 18.0, legendColumns = 4

    /// Fallback colours (CSS may override through the series classes).
    static let palette = ["#2f7bd8", "#e0622b", "#1f9e7a", "#a35fd6", "#c99a16", "#d2457f"]
    /// Dash patterns, cycled independently of colour; `""` is solid.
    static let dashes = ["", "7 4", "2 3", "10 3 2 3", "4 2", "1 4"]

    static func render(_ spec: PlotSpec) -> String {
        let legendRows = (spec.series.count + legendColumns - 1) / legendColumns
        let top = 10 + Double(max(legendRows, 1)) * legendRowHeight
        let plotLeft = marginLeft, plotRight = width - marginRight
        let plotTop = top, plotBottom = height - marginBottom

        let transformY: (Double) -> Double? = { y in
            guard y.isFinite else { return nil }
            if spec.logY { return y > 0 ? log10(y) : nil }
            return y
        }
        let allX = spec.series.flatMap(\.xs).filter(\.isFinite)
        let allY = spec.series.flatMap { $0.ys.compactMap(transformY) }
        var xLo = allX.min() ?? 0, xHi = allX.max() ?? 1
        if xHi <= xLo { xLo -= 1; xHi += 1 }
        var yLo = spec.yMin.flatMap(transformY) ?? (allY.min() ?? 0)
        var yHi = spec.yMax.flatMap(transformY) ?? (allY.max() ?? 1)
        if yHi <= yLo {
            let pad = abs(yLo) > 0 ? abs(yLo) * 0.1 : 1
            yLo -= pad; yHi += pad
        }
        let xStep = NiceTicks.step(span: xHi - xLo, target: 6)
        let yStep = spec.logY ? max(1, NiceTicks.step(span: yHi - yLo, target: 5).rounded(.up)) : NiceTicks.step(span: yHi - yLo, target: 5)
        if spec.yMin == nil { yLo = (yLo / yStep).rounded(.down) * yStep }
        if spec.yMax == nil { yHi = (yHi / yStep).rounded(.up) * yStep }
        if yHi <= yLo { yHi = yLo + yStep }

        func px(_ x: Double) -> Double { plotLeft + (x - xLo) / (xHi - xLo) * (plotRight - plotLeft) }
        func py(_ y: Double) -> Double { plotBottom - (y - yLo) / (yHi - yLo) * (plotBottom - plotTop) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tensor-plot\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(spec.altText.htmlEscaped)\" font-size=\"12\" fill=\"currentColor\">"
        svg += "<title>\(spec.altText.htmlEscaped)</title>"

        // Grid and ticks.
        let xTicks = NiceTicks.ticks(lo: xLo, hi: xHi, step: xStep)
        let yTicks = NiceTicks.ticks(lo: yLo, hi: yHi, step: yStep)
        let xFormat = NumberFormat.choose(for: xTicks)
        let yFormat = NumberFormat.choose(for: yTicks)
        svg += "<g class=\"tensor-plot-grid\" stroke=\"currentColor\" stroke-opacity=\"0.12\" stroke-width=\"1\">"
        for t in xTicks { svg += "<line x1=\"\(n(px(t)))\" y1=\"\(n(plotTop))\" x2=\"\(n(px(t)))\" y2=\"\(n(plotBottom))\"/>" }
        for t in yTicks { svg += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(py(t)))\" x2=\"\(n(plotRight))\" y2=\"\(n(py(t)))\"/>" }
        svg += "</g>"
        svg += "<g class=\"tensor-plot-axis\" stroke=\"currentColor\" stroke-width=\"1\">"
        svg += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotBottom))\" x2=\"\(n(plotRight))\" y2=\"\(n(plotBottom))\"/>"
        svg += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotTop))\" x2=\"\(n(plotLeft))\" y2=\"\(n(plotBottom))\"/>"
        for t in xTicks { svg += "<line x1=\"\(n(px(t)))\" y1=\"\(n(plotBottom))\" x2=\"\(n(px(t)))\" y2=\"\(n(plotBottom + 4))\"/>" }
        for t in yTicks { svg += "<line x1=\"\(n(plotLeft - 4))\" y1=\"\(n(py(t)))\" x2=\"\(n(plotLeft))\" y2=\"\(n(py(t)))\"/>" }
        svg += "</g>"
        svg += "<g class=\"tensor-plot-ticks\" stroke=\"none\">"
        for t in xTicks {
            svg += "<text x=\"\(n(px(t)))\" y=\"\(n(plotBottom + 17))\" text-anchor=\"middle\">\(xFormat.format(t))</text>"
        }
        for t in yTicks {
            let label = spec.logY ? logLabel(t) : yFormat.format(t)
            svg += "<text x=\"\(n(plotLeft - 7))\" y=\"\(n(py(t) + 4))\" text-anchor=\"end\">\(label)</text>"
        }
        svg += "</g>"
        svg += "<text class=\"tensor-plot-label\" x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">\(spec.xLabel.htmlEscaped)</text>"
        if !spec.yLabel.isEmpty {
            svg += "<text class=\"tensor-plot-label\" x=\"14\" y=\"\(n((plotTop + plotBottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n((plotTop + plotBottom) / 2)))\">\(spec.yLabel.htmlEscaped)</text>"
        }

        // Series: a path broken at missing or out-of-range points.
        let slack = (yHi - yLo) * 0.02
        for (i, series) in spec.series.enumerated() {
            var d = ""
            var penDown = false
            var drawn: [(Double, Double)] = []
            for (x, rawY) in zip(series.xs, series.ys) {
                guard x.isFinite, let y = transformY(rawY), y >= yLo - slack, y <= yHi + slack else {
                    penDown = false
                    continue
                }
                let point = (px(x), py(min(max(y, yLo), yHi)))
                d += (penDown ? "L" : "M") + n(point.0) + " " + n(point.1)
                penDown = true
                drawn.append(point)
            }
            svg += "<path class=\"tensor-plot-series tensor-plot-series-\(i % palette.count + 1)\" d=\"\(d)\" fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\" stroke-linejoin=\"round\"\(dashAttribute(i))><title>\(series.label.htmlEscaped)</title></path>"
            if drawn.count <= 25 {
                svg += "<g class=\"tensor-plot-markers tensor-plot-series-\(i % palette.count + 1)\" fill=\"\(palette[i % palette.count])\" stroke=\"none\">"
                for p in drawn { svg += "<circle cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"2.5\"/>" }
                svg += "</g>"
            }
        }

        // Legend above the plot area.
        svg += "<g class=\"tensor-plot-legend\">"
        let columnWidth = (plotRight - plotLeft) / Double(legendColumns)
        for (i, series) in spec.series.enumerated() {
            let x = plotLeft + Double(i % legendColumns) * columnWidth
            let y = 8 + Double(i / legendColumns) * legendRowHeight + legendRowHeight / 2
            svg += "<g class=\"tensor-plot-legend-entry\">"
            svg += "<line class=\"tensor-plot-series tensor-plot-series-\(i % palette.count + 1)\" x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 26))\" y2=\"\(n(y))\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\"\(dashAttribute(i))/>"
            svg += "<text x=\"\(n(x + 32))\" y=\"\(n(y + 4))\">\(truncated(series.label, to: 22).htmlEscaped)</text>"
            svg += "</g>"
        }
        svg += "</g></svg>"
        return svg
    }

    private static func dashAttribute(_ i: Int) -> String {
        let dash = dashes[i % dashes.count]
        return dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
    }

    private static func logLabel(_ exponent: Double) -> String {
        let e = Int(exponent.rounded())
        switch e {
        case 0: return "1"
        case 1: return "10"
        default: return "1e\(e)"
        }
    }

    private static func truncated(_ s: String, to length: Int) -> String {
        s.count <= length ? s : String(s.prefix(length - 1)) + "…"
    }
}
