import Foundation

/// What `plot(...)` draws: named series of (x, y) points on shared axes.
struct PlotSpec: Hashable, Sendable {
    struct Series: Hashable, Sendable {
        var label: String
        var xs: [Double]
        var ys: [Double]

        init(label: String, xs: [Double], ys: [Double]) {
            self.label = label
            self.xs = xs
            self.ys = ys
        }
    }

    var series: [Series]
    var xLabel: String
    var yLabel: String
    /// Logarithmic y axis (non-positive values leave gaps).
    var logY: Bool
    /// Fixed y limits; `nil` fits the data.
    var yMin: Double?
    var yMax: Double?

    init(series: [Series], xLabel: String = "x", yLabel: String = "", logY: Bool = false, yMin: Double? = nil, yMax: Double? = nil) {
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.yMin = yMin
        self.yMax = yMax
    }

    /// A one-line description for screen readers, in the words of the block being run.
    var altText: String {
        let words = PlotWords.current
        let names = series.map(\.label).joined(separator: ", ")
        let xs = series.flatMap(\.xs).filter(\.isFinite)
        guard let lo = xs.min(), let hi = xs.max() else { return words.description(names: names, xLabel: xLabel, from: nil, to: nil) }
        let format = NumberFormat.choose(for: [lo, hi])
        return words.description(names: names, xLabel: xLabel, from: format.format(lo), to: format.format(hi))
    }
}

/// Axis ticks at 1, 2 or 5 times a power of ten.
enum NiceTicks {
    /// A step giving about `target` intervals over `span`.
    static func step(span: Double, target: Int = 5) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(target, 1))
        let magnitude = Lexer.pow10(Int(log10(raw).rounded(.down)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Tick values within `lo...hi` (inclusive, with a little tolerance).
    static func ticks(lo: Double, hi: Double, step: Double) -> [Double] {
        guard step > 0, lo.isFinite, hi.isFinite, hi >= lo else { return [] }
        var ticks: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9, ticks.count < 50 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return ticks
    }
}
