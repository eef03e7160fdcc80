@testable import Tensor

/// Central finite differences of L(x) = Σ f(x) ⊙ w for a fixed random cotangent w, compared with backward().
/// The step is h = 1e-6·max(1, |xᵢ|); truncation and rounding error keep agreement near 1e-8, so the
/// tolerance is 1e-6 relative + 1e-7 absolute (golden tests hold the 1e-9 bar on values and gradients).
struct GradientCheck: Sendable, CustomStringConvertible {
    var name: String
    var input: Tensor
    var function: @Sendable (Tensor) throws -> Tensor
    var description: String { name }

    init(_ name: String, _ input: Tensor, _ function: @escaping @Sendable (Tensor) throws -> Tensor) {
        self.name = name
        self.input = input
        self.function = function
    }

    /// Returns a description of the worst mismatch, or nil when analytic and numeric gradients agree.
    func mismatch(relative: Double = 1e-6, absolute: Double = 1e-7) throws -> String? {
        let probe = try function(input.detached())
        let cotangent = try Tensor.normal(probe.shape, seed: 7)
        func loss(_ x: Tensor) throws -> Double {
            let y = try function(x)
            return zip(y.scalars, cotangent.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let tracked = input.detached().requiringGrad()
        let analytic = try (function(tracked) * cotangent).sum().backward().gradient(of: tracked)
        guard analytic.shape == input.shape else { return "gradient shape \(analytic.shape) for input \(input.shape)" }
        for i in 0..<input.count {
            let h = 1e-6 * Swift.max(1, Swift.abs(input.scalars[i]))
            var plus = input.scalars, minus = input.scalars
            plus[i] += h
            minus[i] -= h
            let numeric = try (loss(Tensor(shape: input.shape, scalars: plus)) - loss(Tensor(shape: input.shape, scalars: minus))) / (2 * h)
            let a = analytic.scalars[i]
            if !(Swift.abs(a - numeric) <= relative * Swift.max(Swift.abs(a), Swift.abs(numeric)) + absolute) {
                return "element \(i): backward \(a), finite difference \(numeric)"
            }
        }
        return nil
    }
}

/// Deterministic test inputs kept away from kinks (0 for relu/abs, ties for max). The shapes are small
/// constants, far below `Tensor.maxElementCount`, so the creators cannot throw (`try!`).
enum Inputs {
    static func normal(_ shape: [Int], seed: UInt64, scale: Double = 1) -> Tensor {
        try! Tensor.normal(shape, std: scale, seed: seed)
    }

    /// Normal values pushed at least `gap` away from zero.
    static func awayFromZero(_ shape: [Int], seed: UInt64, gap: Double = 0.1) -> Tensor {
        let t = normal(shape, seed: seed)
        return (try? Tensor(shape: shape, scalars: t.scalars.map { $0 + ($0 >= 0 ? gap : -gap) })) ?? t
    }

    static func positive(_ shape: [Int], seed: UInt64) -> Tensor {
        try! Tensor.uniform(shape, low: 0.5, high: 2, seed: seed)
    }

    static func probabilities(_ shape: [Int], seed: UInt64) -> Tensor {
        try! Tensor.uniform(shape, low: 0.1, high: 0.9, seed: seed)
    }
}
