/// A seeded, platform-independent random generator: SplitMix64 for bits, Box–Muller for normals.
///
/// Same seed → bit-identical numbers on every machine: only 64-bit integer arithmetic and correctly
/// rounded IEEE operations (+ − × ÷ √) are used — `log` and `cos` below are our own polynomials, not the
/// platform's libm. `uniform()` takes the top 53 bits of one SplitMix64 output as a fraction in [0, 1);
/// `normal()` consumes two uniforms u1, u2 and returns √(−2 ln(1−u1))·cos(2π u2).
public struct TensorRNG: Sendable, Equatable {
    /// The SplitMix64 state; advancing it by the golden-ratio increment gives the next output.
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64).
    public mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// A standard normal sample (one Box–Muller cosine branch per call).
    public mutating func normal() -> Double {
        let u1 = uniform()
        let u2 = uniform()
        let radius = (-2 * PortableMath.log(1 - u1)).squareRoot()
        return radius * PortableMath.cosTwoPi(u2)
    }
}

/// Elementary functions built only from correctly rounded IEEE operations, so they give the same bits on
/// every platform (accurate to about 1 ulp; used where reproducibility matters more than speed).
enum PortableMath {
    /// Natural logarithm of a positive finite x: x = m·2ᵉ with m ∈ [√½, √2), ln m = 2·atanh((m−1)/(m+1)).
    static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : (x.isNaN || x < 0 ? .nan : x) }
        var m = x.significand
        var e = Double(x.exponent)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var series = 1.0 / 23
        for k in stride(from: 10, through: 0, by: -1) {
            series = 1.0 / Double(2 * k + 1) + s2 * series
        }
        let ln2High = 0.6931471803691238, ln2Low = 1.9082149292705877e-10
        return e * ln2High + (2 * s * series + e * ln2Low)
    }

    /// cos(2πu) for u ∈ [0, 1): reduce to a quarter turn exactly, then Taylor polynomials on [−π/4, π/4].
    static func cosTwoPi(_ u: Double) -> Double {
        let quarter = (u * 4).rounded()
        let theta = 2 * Double.pi * (u - quarter / 4)
        let t2 = theta * theta
        var cosine = 1.0, sine = 1.0
        var cosTerm = 1.0, sinTerm = 1.0
        for k in 1...9 {
            cosTerm *= -t2 / Double((2 * k - 1) * (2 * k))
            sinTerm *= -t2 / Double((2 * k) * (2 * k + 1))
            cosine += cosTerm
            sine += sinTerm
        }
        sine *= theta
        switch Int(quarter) & 3 {
        case 0: return cosine
        case 1: return -sine
        case 2: return -cosine
        default: return sine
        }
    }
}
