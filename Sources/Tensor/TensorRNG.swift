/// A seeded, platform-independent random generator: SplitMix64 for bits, Box–Muller for normals.
///
/// Same seed → same numbers on every machine: only 64-bit integer arithmetic and IEEE `log`, `sqrt`,
/// `cos`, `sin` are used. `uniform()` takes the top 53 bits of one SplitMix64 output as a fraction in
/// [0, 1); `normal()` consumes two uniforms u1, u2 and returns √(−2 ln(1−u1))·cos(2π u2).
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
        let radius = (-2 * LibM.log(1 - u1)).squareRoot()
        return radius * LibM.cos(2 * Double.pi * u2)
    }
}
