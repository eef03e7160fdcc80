extension Tensor {
    /// A constant tensor of `shape` filled with `value`. Negative extents are treated as 0; a shape above
    /// `maxElementCount` elements throws.
    public static func full(_ shape: [Int], value: Double) throws -> Tensor {
        let safeShape = shape.map { Swift.max($0, 0) }
        try checkSize(safeShape)
        return Tensor(uncheckedShape: safeShape, scalars: [Double](repeating: value, count: elementCount(safeShape)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor { try full(shape, value: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) throws -> Tensor { try full(shape, value: 1) }

    /// `count` evenly spaced values from `start` to `end` inclusive (numpy `linspace`).
    public static func linspace(_ start: Double, _ end: Double, _ count: Int) throws -> Tensor {
        guard count >= 0 else { throw TensorError("linspace count must be non-negative, got \(count)") }
        try checkSize([count])
        if count == 1 { return Tensor([start]) }
        let step = (end - start) / Double(count - 1)
        var values = (0..<count).map { start + Double($0) * step }
        if count > 1 { values[count - 1] = end }
        return Tensor(values)
    }

    /// Values `start, start+step, …` below `end` (numpy `arange`).
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError("arange needs a finite non-zero step and finite bounds")
        }
        let steps = ((end - start) / step).rounded(.up)
        let count = !(steps > 0) ? 0 : steps >= 9e18 ? Int.max : Int(steps)
        try checkSize([count])
        return Tensor((0..<count).map { start + Double($0) * step })
    }

    /// Values `0, 1, …, end-1`.
    public static func arange(_ end: Int) throws -> Tensor {
        try checkSize([Swift.max(0, end)])
        return Tensor((0..<Swift.max(0, end)).map(Double.init))
    }

    /// The `n`×`n` identity matrix (a negative `n` gives an empty one).
    public static func eye(_ n: Int) throws -> Tensor {
        let size = Swift.max(0, n)
        try checkSize([size, size])
        var values = [Double](repeating: 0, count: size * size)
        for i in 0..<size { values[i * size + i] = 1 }
        return Tensor(uncheckedShape: [size, size], scalars: values)
    }

    /// Uniform samples in [low, high) from `rng` (row-major order).
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1, rng: inout TensorRNG) throws -> Tensor {
        try checkSize(shape)
        let n = Swift.max(0, elementCount(shape))
        return Tensor(uncheckedShape: shape, scalars: (0..<n).map { _ in low + (high - low) * rng.uniform() })
    }

    /// Normal samples with the given mean and standard deviation from `rng` (row-major order).
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, rng: inout TensorRNG) throws -> Tensor {
        try checkSize(shape)
        let n = Swift.max(0, elementCount(shape))
        return Tensor(uncheckedShape: shape, scalars: (0..<n).map { _ in mean + std * rng.normal() })
    }

    /// Uniform samples in [low, high) from a fresh generator seeded with `seed`.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1, seed: UInt64) throws -> Tensor {
        var rng = TensorRNG(seed: seed)
        return try uniform(shape, low: low, high: high, rng: &rng)
    }

    /// Normal samples from a fresh generator seeded with `seed`.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, seed: UInt64) throws -> Tensor {
        var rng = TensorRNG(seed: seed)
        return try normal(shape, mean: mean, std: std, rng: &rng)
    }

    /// One-hot rows: `[labels.count, classes]` with a 1 at each label; throws on an out-of-range label.
    public static func oneHot(_ labels: [Int], classes: Int) throws -> Tensor {
        guard classes >= 0 else { throw TensorError("one-hot needs a non-negative class count, got \(classes)") }
        try checkSize([labels.count, classes])
        var values = [Double](repeating: 0, count: labels.count * classes)
        for (row, label) in labels.enumerated() {
            guard label >= 0 && label < classes else {
                throw TensorError("label \(label) out of range for \(classes) classes")
            }
            values[row * classes + label] = 1
        }
        return Tensor(uncheckedShape: [labels.count, classes], scalars: values)
    }
}
