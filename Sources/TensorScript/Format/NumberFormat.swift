import Foundation

/// How the numbers of one tensor are written: one style for all elements so that columns align.
struct NumberFormat: Hashable, Sendable {
    enum Style: Hashable, Sendable {
        /// Fixed-point with this many decimals.
        case fixed(Int)
        /// Scientific notation with this many mantissa decimals, e.g. `2.470e-05`.
        case scientific(Int)
    }

    var style: Style

    init(_ style: Style) {
        self.style = style
    }

    /// Three significant digits for the smallest non-zero magnitude and four for the largest, at most five
    /// decimals, trailing zeros common to every element dropped; scientific when that is not enough.
    static func choose(for values: [Double]) -> NumberFormat {
        let finite = values.filter { $0.isFinite }
        let maxAbs = finite.map { abs($0) }.max() ?? 0
        guard maxAbs > 0 else { return NumberFormat(.fixed(0)) }
        let floor = maxAbs * 1e-12
        let minAbs = finite.map { abs($0) }.filter { $0 > floor }.min() ?? maxAbs
        if maxAbs >= 1e7 || minAbs < 1e-3 {
            return NumberFormat(.scientific(trimmed(finite, start: 3, scientific: true)))
        }
        func decimals(_ v: Double, significant: Int) -> Int { significant - 1 - Int(log10(v).rounded(.down)) }
        let d = min(max(decimals(minAbs, significant: 3), decimals(maxAbs, significant: 4), 0), 5)
        return NumberFormat(.fixed(trimmed(finite, start: d, scientific: false)))
    }

    /// Four significant digits for one value on its own (`%.4g` style), for table cells that need not align.
    static func compact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        return NumberFormat.choose(for: [value]).format(value)
    }

    /// The smallest number of decimals ≤ `start` that still writes every value exactly (to 1e-9 relative),
    /// so `[0.5, 0.25]` loses its padding zero but `0.330` (really 0.3302) keeps its third digit.
    private static func trimmed(_ values: [Double], start: Int, scientific: Bool) -> Int {
        var decimals = start
        while decimals > 0 {
            let fewer = decimals - 1
            let droppable = values.allSatisfy { v in
                let s = scientific ? String(format: "%.\(fewer)e", v) : String(format: "%.\(fewer)f", v)
                guard let back = Double(s) else { return false }
                return abs(back - v) <= 1e-9 * max(abs(v), scientific ? abs(v) : 1)
            }
            if !droppable { break }
            decimals = fewer
        }
        return decimals
    }

    /// One value in this style; `-0` is written `0`, non-finite values as `nan`, `inf`, `-inf`.
    func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        var s: String
        switch style {
        case .fixed(let d): s = String(format: "%.\(d)f", value)
        case .scientific(let d): s = String(format: "%.\(d)e", value)
        }
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." || $0 == "e" || $0 == "+" || $0 == "-" }) {
            s.removeFirst()
        }
        return s
    }

    /// Decimals shown after the point (of the mantissa when scientific).
    var decimals: Int {
        switch style {
        case .fixed(let d), .scientific(let d): d
        }
    }
}
