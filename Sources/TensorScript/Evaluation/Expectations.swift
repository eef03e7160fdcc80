import Foundation
import Tensor

/// Checks `# => value` against a statement's value, to the precision the author wrote.
enum Expectations {
    static let mismatchCode = "tensor-expectation"

    static func check(_ value: Value, against expectation: Expectation, in context: EvaluationContext) throws {
        let expected = try context.evaluate(expectation.value)
        switch (value, expected) {
        case (.tensor(let got), .tensor(let want)):
            let tolerances = halfUnits(of: expectation.value, count: want.count)
            let gotShape = got.shape, wantShape = want.shape
            let sameShape = gotShape == wantShape || (got.count == want.count && (got.count == 1 || gotShape.filter { $0 != 1 } == wantShape.filter { $0 != 1 }))
            guard sameShape else {
                throw ScriptError("expected \(expectation.text) (shape \(Display.shapeText(wantShape))) got a tensor of shape \(Display.shapeText(gotShape)): \(written(got.scalars, shape: gotShape, decimals: nil))",
                                  at: expectation.position, code: mismatchCode)
            }
            let mismatch = zip(got.scalars, zip(want.scalars, tolerances)).contains { g, pair in
                let (w, tolerance) = pair
                if w.isNaN { return !g.isNaN }
                if w.isInfinite { return g != w }
                return !(abs(g - w) <= tolerance * (1 + 1e-9) + 1e-12 * max(abs(w), 1))
            }
            if mismatch {
                let decimals = tolerances.map { decimalsShown(halfUnit: $0) }
                throw ScriptError("expected \(expectation.text) got \(written(got.scalars, shape: wantShape, decimals: decimals))", at: expectation.position, code: mismatchCode)
            }
        case (.string(let a), .string(let b)) where a == b:
            return
        case (.bool(let a), .bool(let b)) where a == b:
            return
        default:
            throw ScriptError("expected \(expectation.text) got \(describe(value))", at: expectation.position, code: mismatchCode)
        }
    }

    /// Half a unit of the last written digit for each number of a literal, in row-major order;
    /// 1e-9 relative for values that are computed rather than written.
    static func halfUnits(of expr: Expr, count: Int) -> [Double] {
        var units: [Double] = []
        func walk(_ e: Expr) -> Bool {
            switch e.kind {
            case .number(_, let half): units.append(half); return true
            case .negate(let inner): return walk(inner)
            case .array(let elements): return elements.allSatisfy(walk)
            default: return false
            }
        }
        if walk(expr), units.count == count { return units }
        if walk(expr), units.count == 1 { return Array(repeating: units[0], count: count) }
        return Array(repeating: 1e-9, count: count)
    }

    static func decimalsShown(halfUnit: Double) -> Int {
        guard halfUnit > 0, halfUnit < 0.5 else { return 0 }
        return min(Int((-log10(2 * halfUnit)).rounded()), 12)
    }

    /// Values written with the decimals of the expectation, nested like `shape`. Above numpy's threshold of
    /// 1000 values each axis shows its first and last `DisplayLimits.edgeItems` around `...`, so a message
    /// about a large tensor stays short (and only the values shown are formatted).
    static func written(_ values: [Double], shape: [Int], decimals: [Int]?) -> String {
        guard !shape.isEmpty else { return values.first.map { text($0, at: 0, NumberFormat.choose(for: [$0]), decimals) } ?? "" }
        let summarised = values.count > 1000
        func walk(_ axis: Int, _ offset: Int, _ leaf: (Int) -> String) -> String {
            let stride = shape[(axis + 1)...].reduce(1, *)
            let indices = summarised ? Display.visible(shape[axis], limit: 0) : Array(0..<shape[axis])
            let parts = indices.map { i -> String in
                guard let i else { return Display.gap }
                return axis == shape.count - 1 ? leaf(offset + i) : walk(axis + 1, offset + i * stride, leaf)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        var shown: [Double] = []
        _ = walk(0, 0) { i in
            if i < values.count { shown.append(values[i]) }
            return ""
        }
        let format = NumberFormat.choose(for: shown)
        return walk(0, 0) { i in i < values.count ? text(values[i], at: i, format, decimals) : "?" }
    }

    private static func text(_ value: Double, at index: Int, _ format: NumberFormat, _ decimals: [Int]?) -> String {
        if let decimals, index < decimals.count { return NumberFormat(.fixed(decimals[index])).format(value) }
        return format.format(value)
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .tensor(let t): written(t.scalars, shape: t.shape, decimals: nil)
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        default: "a \(value.typeName)"
        }
    }
}
