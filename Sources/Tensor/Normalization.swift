/// Running statistics of a batch-norm layer, updated in training mode.
public struct BatchNormState: Sendable {
    /// Exponential moving average of batch means, per channel.
    public var runningMean: Tensor
    /// Exponential moving average of unbiased batch variances (m/(m−1) correction), per channel.
    public var runningVariance: Tensor
    /// Weight of the newest batch in the moving averages (PyTorch convention: 0.1).
    public var momentum: Double
    public var epsilon: Double
    /// Number of training batches seen.
    public var batchesTracked: Int

    /// Fresh statistics for `channels` channels: mean 0, variance 1.
    public init(channels: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) throws {
        runningMean = try .zeros([channels])
        runningVariance = try .ones([channels])
        self.momentum = momentum
        self.epsilon = epsilon
        batchesTracked = 0
    }
}

extension Tensor {
    /// Reshapes a per-channel vector `[C]` to broadcast against `[N, C, …]` of rank `rank`.
    func channelView(rank: Int) throws -> Tensor {
        try reshape([count] + [Int](repeating: 1, count: Swift.max(rank - 2, 0)))
    }
}

/// Batch normalisation over `[N, C]` or `[N, C, …]`. Training: normalise by the batch mean and biased
/// variance, and update `state` with the batch mean and the *unbiased* variance. Inference: use `state`.
public func batchNorm(_ x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, state: inout BatchNormState,
                      training: Bool) throws -> Tensor {
    guard x.rank >= 2, state.runningMean.shape == [x.shape[1]] else {
        throw TensorError("batch norm with \(state.runningMean.count) channels cannot take input \(shapeText(x.shape))")
    }
    let axes = [0] + Array(2..<x.rank)
    let normalized: Tensor
    if training {
        let m = axes.reduce(1) { $0 * x.shape[$1] }
        guard m > 1 else { throw TensorError("batch norm in training needs more than one value per channel, got input \(shapeText(x.shape))") }
        let mean = try x.mean(axes: axes, keepDims: true)
        let variance = try x.variance(axes: axes, keepDims: true)
        normalized = try (x - mean) / (variance + state.epsilon).sqrt()
        let batchMean = try mean.detached().reshape([-1])
        let unbiased = try variance.detached().reshape([-1]) * (Double(m) / Double(m - 1))
        state.runningMean = try state.runningMean * (1 - state.momentum) + batchMean * state.momentum
        state.runningVariance = try state.runningVariance * (1 - state.momentum) + unbiased * state.momentum
        state.batchesTracked += 1
    } else {
        let mean = try state.runningMean.channelView(rank: x.rank)
        let variance = try state.runningVariance.channelView(rank: x.rank)
        normalized = try (x - mean) / (variance + state.epsilon).sqrt()
    }
    return try affine(normalized, gamma: gamma, beta: beta, rank: x.rank)
}

private func affine(_ x: Tensor, gamma: Tensor?, beta: Tensor?, rank: Int) throws -> Tensor {
    var out = x
    if let gamma { out = try out * gamma.channelView(rank: rank) }
    if let beta { out = try out + beta.channelView(rank: rank) }
    return out
}

/// Layer normalisation over the last `normalizedAxes` axes; `gamma`/`beta` have the shape of those axes.
public func layerNorm(_ x: Tensor, normalizedAxes: Int = 1, gamma: Tensor? = nil, beta: Tensor? = nil,
                      epsilon: Double = 1e-5) throws -> Tensor {
    guard normalizedAxes >= 1, normalizedAxes <= x.rank else {
        throw TensorError("layer norm over \(normalizedAxes) axes of input \(shapeText(x.shape))")
    }
    let axes = Array((x.rank - normalizedAxes)..<x.rank)
    let mean = try x.mean(axes: axes, keepDims: true)
    let variance = try x.variance(axes: axes, keepDims: true)
    var out = try (x - mean) / (variance + epsilon).sqrt()
    if let gamma { out = try out * gamma }
    if let beta { out = try out + beta }
    return out
}

/// Instance normalisation: each (sample, channel) plane of `[N, C, …]` normalised on its own.
public func instanceNorm(_ x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, epsilon: Double = 1e-5) throws -> Tensor {
    guard x.rank >= 3 else { throw TensorError("instance norm needs [N,C,…] with spatial axes, got \(shapeText(x.shape))") }
    let axes = Array(2..<x.rank)
    let mean = try x.mean(axes: axes, keepDims: true)
    let variance = try x.variance(axes: axes, keepDims: true)
    return try affine((x - mean) / (variance + epsilon).sqrt(), gamma: gamma, beta: beta, rank: x.rank)
}

/// Group normalisation: channels of `[N, C, …]` split into `groups`, each group normalised per sample.
public func groupNorm(_ x: Tensor, groups: Int, gamma: Tensor? = nil, beta: Tensor? = nil, epsilon: Double = 1e-5) throws -> Tensor {
    guard x.rank >= 2, groups > 0, x.shape[1] % groups == 0 else {
        throw TensorError("group norm with \(groups) groups cannot take input \(shapeText(x.shape))")
    }
    let grouped = try x.reshape([x.shape[0], groups, -1])
    let mean = try grouped.mean(axes: [2], keepDims: true)
    let variance = try grouped.variance(axes: [2], keepDims: true)
    let normalized = try ((grouped - mean) / (variance + epsilon).sqrt()).reshape(x.shape)
    return try affine(normalized, gamma: gamma, beta: beta, rank: x.rank)
}

/// Inverted dropout: in training, zero each element with probability `p` (from `rng`) and scale the
/// survivors by 1/(1−p) so the expectation is unchanged; in evaluation, the identity.
public func dropout(_ x: Tensor, p: Double, training: Bool, rng: inout TensorRNG) throws -> Tensor {
    guard p >= 0, p <= 1 else { throw TensorError("dropout probability must be in [0, 1], got \(p)") }
    guard training, p > 0 else { return x }
    if p == 1 { return x * 0 }
    let keep = Tensor(uncheckedShape: x.shape, scalars: (0..<x.count).map { _ in rng.uniform() >= p ? 1 / (1 - p) : 0 })
    return try x * keep
}

/// Inverted dropout with a fresh generator seeded by `seed`.
public func dropout(_ x: Tensor, p: Double, training: Bool, seed: UInt64) throws -> Tensor {
    var rng = TensorRNG(seed: seed)
    return try dropout(x, p: p, training: training, rng: &rng)
}
