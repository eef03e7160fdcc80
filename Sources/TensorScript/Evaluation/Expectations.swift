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

    /// Values written with the decimals of the expectation, nested like `shape`.
    static func written(_ values: [Double], shape: [Int], decimals: [Int]?) -> String {
        let format = NumberFormat.choose(for: values)
        let texts = values.enumerated().map { i, v -> String in
            if let decimals, i < decimals.count { return NumberFormat(.fixed(decimals[i])).format(v) }
            return format.format(v)
        }
        guard !shape.isEmpty else { return texts.first ?? "" }
        var position = 0
        func nest(_ axis: Int) -> String {
            guard axis < shape.count else { return "" }
            var parts: [String] = []
            for _ in 0..<shape[axis] {
                if axis == shape.count - 1 {
                    parts.append(position < texts.count ? texts[position] : "?")
                    position += 1
                } else {
                    parts.append(nest(axis + 1))
                }
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return nest(0)
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
