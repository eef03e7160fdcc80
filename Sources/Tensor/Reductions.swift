extension Tensor {
    func normalizedAxes(_ axes: [Int]?) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        let normalized = try axes.map { try normalizedAxis($0) }
        guard Set(normalized).count == normalized.count else {
            throw TensorError("repeated axis in \(shapeText(axes)) for shape \(shapeText(shape))")
        }
        return normalized.sorted()
    }

    func dropAxes(_ reduced: Tensor, _ axes: [Int], keepDims: Bool) -> Tensor {
        keepDims ? reduced : reduced.reshapePrimitive(shape.indices.filter { !axes.contains($0) }.map { shape[$0] })
    }

    /// Sum of all elements (a scalar).
    public func sum() -> Tensor { rank == 0 ? self : sumPrimitive(axes: Array(0..<rank)).reshapePrimitive([]) }

    /// Sum over `axes` (all when nil).
    public func sum(axes: [Int]?, keepDims: Bool = false) throws -> Tensor {
        let a = try normalizedAxes(axes)
        return dropAxes(sumPrimitive(axes: a), a, keepDims: keepDims)
    }

    /// Mean of all elements.
    public func mean() -> Tensor { sum() / Double(Swift.max(count, 1)) }

    /// Mean over `axes`.
    public func mean(axes: [Int]?, keepDims: Bool = false) throws -> Tensor {
        let a = try normalizedAxes(axes)
        let n = a.reduce(1) { $0 * shape[$1] }
        return try sum(axes: a, keepDims: keepDims) / Double(Swift.max(n, 1))
    }

    /// Largest element.
    public func max() -> Tensor { rank == 0 ? self : maxPrimitive(axes: Array(0..<rank)).reshapePrimitive([]) }

    /// Maximum over `axes`; the gradient is shared evenly between ties.
    public func max(axes: [Int]?, keepDims: Bool = false) throws -> Tensor {
        guard count > 0 else { throw TensorError("max of empty tensor of shape \(shapeText(shape))") }
        let a = try normalizedAxes(axes)
        return dropAxes(maxPrimitive(axes: a), a, keepDims: keepDims)
    }

    /// Smallest element.
    public func min() -> Tensor { -(-self).max() }

    /// Minimum over `axes`.
    public func min(axes: [Int]?, keepDims: Bool = false) throws -> Tensor { try -(-self).max(axes: axes, keepDims: keepDims) }

    /// Variance over `axes` with `correction` (0: population, 1: unbiased, the m/(m−1) estimate).
    public func variance(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) throws -> Tensor {
        let a = try normalizedAxes(axes)
        let n = a.reduce(1) { $0 * shape[$1] }
        guard n - correction > 0 else {
            throw TensorError("variance with correction \(correction) over \(n) elements of shape \(shapeText(shape))")
        }
        let centered = try self - mean(axes: a, keepDims: true)
        return try centered.square().sum(axes: a, keepDims: keepDims) / Double(n - correction)
    }

    /// Standard deviation: √variance.
    public func standardDeviation(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) throws -> Tensor {
        try variance(axes: axes, correction: correction, keepDims: keepDims).sqrt()
    }

    /// Index of the largest element along `axis` (first on ties), as a constant tensor of indices.
    public func argmax(axis: Int) throws -> Tensor {
        let a = try normalizedAxis(axis)
        let moved = try permute(shape.indices.filter { $0 != a } + [a]).detached()
        let width = shape[a]
        guard width > 0 else { throw TensorError("argmax over empty axis of shape \(shapeText(shape))") }
        let rows = moved.count / width
        var out = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var best = 0
            for j in 1..<width where moved.scalars[r * width + j] > moved.scalars[r * width + best] { best = j }
            out[r] = Double(best)
        }
        return Tensor(uncheckedShape: Array(moved.shape.dropLast()), scalars: out)
    }

    /// Index of the smallest element along `axis` (first on ties), as a constant tensor of indices.
    public func argmin(axis: Int) throws -> Tensor { try (-detached()).argmax(axis: axis) }

    /// log Σ exp over `axes`, stabilised by subtracting the (constant) maximum.
    public func logSumExp(axes: [Int]?, keepDims: Bool = false) throws -> Tensor {
        let a = try normalizedAxes(axes)
        let shift = maxPrimitive(axes: a).detached()
        let safeShift = Tensor(uncheckedShape: shift.shape, scalars: shift.scalars.map { $0.isFinite ? $0 : 0 })
        let summed = try (self - safeShift).exp().sum(axes: a, keepDims: true).log() + safeShift
        return dropAxes(summed, a, keepDims: keepDims)
    }
}
