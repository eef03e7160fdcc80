extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.broadcasting(.add, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.broadcasting(.add, b.unaryPrimitive(.negate)) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.broadcasting(.multiply, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.broadcasting(.divide, b) }
    public static prefix func - (a: Tensor) -> Tensor { a.unaryPrimitive(.negate) }

    public static func + (a: Tensor, b: Double) -> Tensor { a.unaryPrimitive(.addScalar(b)) }
    public static func + (a: Double, b: Tensor) -> Tensor { b.unaryPrimitive(.addScalar(a)) }
    public static func - (a: Tensor, b: Double) -> Tensor { a.unaryPrimitive(.addScalar(-b)) }
    public static func - (a: Double, b: Tensor) -> Tensor { (-b).unaryPrimitive(.addScalar(a)) }
    public static func * (a: Tensor, b: Double) -> Tensor { a.unaryPrimitive(.multiplyScalar(b)) }
    public static func * (a: Double, b: Tensor) -> Tensor { b.unaryPrimitive(.multiplyScalar(a)) }
    public static func / (a: Tensor, b: Double) -> Tensor { a.unaryPrimitive(.divideByScalar(b)) }
    /// c / x = c · (1/x); exactly 1/x when c = 1.
    public static func / (a: Double, b: Tensor) -> Tensor {
        let r = b.unaryPrimitive(.reciprocal)
        return a == 1 ? r : r.unaryPrimitive(.multiplyScalar(a))
    }

    public func exp() -> Tensor { unaryPrimitive(.exp) }
    public func log() -> Tensor { unaryPrimitive(.log) }
    public func sqrt() -> Tensor { unaryPrimitive(.sqrt) }
    public func reciprocal() -> Tensor { unaryPrimitive(.reciprocal) }
    public func sin() -> Tensor { unaryPrimitive(.sin) }
    /// cos x = sin(x + π/2).
    public func cos() -> Tensor { (self + Double.pi / 2).sin() }
    /// eˣ − 1, accurate near 0.
    public func expm1() -> Tensor { unaryPrimitive(.expm1) }
    /// ln(1 + x), accurate near 0.
    public func log1p() -> Tensor { unaryPrimitive(.log1p) }
    /// The Gauss error function.
    public func erf() -> Tensor { unaryPrimitive(.erf) }
    /// xᵖ for a constant exponent.
    public func pow(_ exponent: Double) -> Tensor { exponent == 1 ? self : unaryPrimitive(.power(exponent)) }
    /// xʸ elementwise for positive bases: exp(y · ln x).
    public func pow(_ exponent: Tensor) throws -> Tensor { try (exponent * log()).exp() }
    public func square() -> Tensor { unaryPrimitive(.power(2)) }
    /// |x| = x · sign(x), with subgradient 0 at 0.
    public func abs() -> Tensor { binaryPrimitive(.multiply, sign()) }
    /// −1, 0 or 1 per element (a constant).
    public func sign() -> Tensor {
        Tensor(uncheckedShape: shape, scalars: mapScalars(scalars) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
    }
    /// Clamps into [low, high].
    public func clamp(min low: Double, max high: Double) -> Tensor {
        let above = Tensor.selectPrimitive(compare(low) { $0 < $1 }, constantLike(low), self)
        return Tensor.selectPrimitive(above.compare(high) { $0 > $1 }, constantLike(high), above)
    }

    /// 1 where x > 0 else 0 (constant).
    func signMask() -> Tensor { compare(0) { $0 > $1 } }

    func compare(_ value: Double, _ predicate: (Double, Double) -> Bool) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: mapScalars(scalars) { predicate($0, value) ? 1 : 0 })
    }

    func compare(_ other: Tensor, _ predicate: @escaping (Double, Double) -> Bool) throws -> Tensor {
        let target = try broadcastShape(shape, other.shape)
        let a = try detached().broadcast(to: target), b = try other.detached().broadcast(to: target)
        return Tensor(uncheckedShape: target, scalars: zipScalars(a.scalars, b.scalars) { predicate($0, $1) ? 1 : 0 })
    }

    /// 1 where self > other else 0 (a constant, no gradient).
    public func greater(_ other: Tensor) throws -> Tensor { try compare(other, >) }
    /// 1 where self < other else 0.
    public func less(_ other: Tensor) throws -> Tensor { try compare(other, <) }
    /// 1 where self == other else 0.
    public func equal(_ other: Tensor) throws -> Tensor { try compare(other, ==) }

    /// `condition != 0 ? a : b` elementwise with broadcasting; gradients flow to the chosen branch only.
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let target = try broadcastShape(broadcastShape(condition.shape, a.shape), b.shape)
        return try selectPrimitive(condition.detached().broadcast(to: target), a.broadcast(to: target), b.broadcast(to: target))
    }

    /// Elementwise maximum (ties split the gradient evenly).
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor { try a.broadcasting(.maximum, b) }
    /// Elementwise minimum: −max(−a, −b).
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor { try -maximum(-a, -b) }
}
