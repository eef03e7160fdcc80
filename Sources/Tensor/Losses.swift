/// Loss functions and norms, composed from primitives. Reductions are means over all elements unless noted.
extension Tensor {
    /// L1 norm Σ|x|.
    public func l1Norm() -> Tensor { abs().sum() }
    /// L2 (Euclidean) norm √Σx² over all elements.
    public func l2Norm() -> Tensor { square().sum().sqrt() }
    /// Frobenius norm of a matrix (√Σ of squared entries; same as `l2Norm` over all elements).
    public func frobeniusNorm() -> Tensor { l2Norm() }
    /// The p-norm (Σ|x|ᵖ)^(1/p) for p ≥ 1.
    public func norm(p: Double) throws -> Tensor {
        guard p >= 1 else { throw TensorError("p-norm needs p ≥ 1, got \(p)") }
        return abs().pow(p).sum().pow(1 / p)
    }
}

func checkSameShape(_ a: Tensor, _ b: Tensor, _ what: String) throws {
    guard a.shape == b.shape else {
        throw TensorError("\(what) needs equal shapes, got \(shapeText(a.shape)) and \(shapeText(b.shape))")
    }
}

/// Mean squared error: mean((ŷ − y)²).
public func mseLoss(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
    try checkSameShape(prediction, target, "mse loss")
    return try (prediction - target).square().mean()
}

/// Mean absolute error: mean(|ŷ − y|).
public func maeLoss(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
    try checkSameShape(prediction, target, "mae loss")
    return try (prediction - target).abs().mean()
}

/// Huber loss with threshold δ: ½d² for |d| ≤ δ, δ(|d| − ½δ) otherwise.
public func huberLoss(_ prediction: Tensor, _ target: Tensor, delta: Double = 1) throws -> Tensor {
    try checkSameShape(prediction, target, "huber loss")
    let d = try (prediction - target).abs()
    let small = d.compare(delta) { $0 <= $1 }
    return try Tensor.select(small, d.square() * 0.5, (d - 0.5 * delta) * delta).mean()
}

/// Hinge loss for labels in {−1, +1}: mean(max(0, 1 − y·s)).
public func hingeLoss(_ scores: Tensor, _ labels: Tensor) throws -> Tensor {
    try checkSameShape(scores, labels, "hinge loss")
    return try (1 - scores * labels).relu().mean()
}

/// Cross-entropy of logits `[N, C]` (or `[C]`) against integer class labels, averaged over the batch.
public func crossEntropyLoss(logits: Tensor, labels: [Int]) throws -> Tensor {
    let batched = logits.rank == 1 ? try logits.reshape([1, -1]) : logits
    guard batched.rank == 2, batched.shape[0] == labels.count else {
        throw TensorError("cross-entropy of logits \(shapeText(logits.shape)) with \(labels.count) labels")
    }
    let targets = try Tensor.oneHot(labels, classes: batched.shape[1])
    return try crossEntropyLoss(logits: batched, probabilities: targets)
}

/// Cross-entropy of logits `[N, C]` against target probabilities of the same shape: mean over N of −Σ p·log softmax.
public func crossEntropyLoss(logits: Tensor, probabilities: Tensor) throws -> Tensor {
    try checkSameShape(logits, probabilities, "cross-entropy")
    let perExample = try -(probabilities * logits.logSoftmax(axis: -1)).sum(axes: [-1])
    return perExample.mean()
}

/// Negative log-likelihood of log-probabilities `[N, C]` at integer labels, averaged over the batch.
public func nllLoss(logProbabilities: Tensor, labels: [Int]) throws -> Tensor {
    guard logProbabilities.rank == 2, logProbabilities.shape[0] == labels.count else {
        throw TensorError("nll loss of \(shapeText(logProbabilities.shape)) with \(labels.count) labels")
    }
    let targets = try Tensor.oneHot(labels, classes: logProbabilities.shape[1])
    return try -(targets * logProbabilities).sum(axes: [-1]).mean()
}

/// Binary cross-entropy of probabilities p against targets y: −mean(y log p + (1 − y) log(1 − p)),
/// with each log clamped at −100 as in PyTorch so p = 0 or 1 gives a finite loss and gradient.
public func binaryCrossEntropyLoss(_ probabilities: Tensor, _ targets: Tensor) throws -> Tensor {
    try checkSameShape(probabilities, targets, "binary cross-entropy")
    let floor = LibM.exp(-100)
    let logP = probabilities.clamp(min: floor, max: .infinity).log()
    let logQ = (1 - probabilities).clamp(min: floor, max: .infinity).log()
    return try -(targets * logP + (1 - targets) * logQ).mean()
}

/// Binary cross-entropy on logits, stable for any magnitude: mean(softplus(x) − x·y).
public func binaryCrossEntropyWithLogitsLoss(_ logits: Tensor, _ targets: Tensor) throws -> Tensor {
    try checkSameShape(logits, targets, "binary cross-entropy")
    return try (logits.softplus() - logits * targets).mean()
}
