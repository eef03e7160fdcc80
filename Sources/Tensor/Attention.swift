/// Attention output together with the attention weights (each row sums to 1).
public struct AttentionResult: Sendable {
    public var output: Tensor
    public var weights: Tensor
}

/// softmax(Q Kᵀ / √d + mask) V for `Q [..., Lq, d]`, `K [..., Lk, d]`, `V [..., Lk, dv]`.
/// `mask` broadcasts to `[..., Lq, Lk]`; non-zero means "may attend", zero positions get weight 0.
public func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, mask: Tensor? = nil) throws -> AttentionResult {
    guard query.rank >= 2, key.rank >= 2, value.rank >= 2, let d = query.shape.last, key.shape.last == d else {
        throw TensorError("attention needs query [...,L,d] and key [...,L,d], got \(shapeText(query.shape)) and \(shapeText(key.shape))")
    }
    var scores = try query.matmul(key.transposed()) / Double(d).squareRoot()
    if let mask {
        scores = try Tensor.select(mask, scores, Tensor(-Double.infinity))
    }
    let weights = try scores.softmax(axis: -1)
    guard value.shape[value.rank - 2] == key.shape[key.rank - 2] else {
        throw TensorError("attention value \(shapeText(value.shape)) does not match key \(shapeText(key.shape))")
    }
    return AttentionResult(output: try weights.matmul(value), weights: weights)
}

/// Lower-triangular `[n, n]` mask: position i may attend to positions ≤ i (a negative `n` gives an empty one).
public func causalMask(_ n: Int) throws -> Tensor {
    let size = Swift.max(n, 0)
    try Tensor.checkSize([size, size])
    var values = [Double](repeating: 0, count: size * size)
    for i in 0..<size { for j in 0...i { values[i * size + j] = 1 } }
    return Tensor(uncheckedShape: [size, size], scalars: values)
}
