extension Tensor {
    /// Matrix product with numpy `matmul` semantics: 1-D operands are promoted (and the added axis removed),
    /// leading batch axes broadcast. Throws `cannot matmul [2,3] and [4,5]` on mismatched inner extents.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError("cannot matmul \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        let a = rank == 1 ? reshapePrimitive([1, shape[0]]) : self
        let b = other.rank == 1 ? other.reshapePrimitive([other.shape[0], 1]) : other
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let k2 = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
        guard k == k2 else {
            throw TensorError("cannot matmul \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        let batch: [Int]
        do {
            batch = try broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
        } catch {
            throw TensorError("cannot matmul \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        var product = try a.broadcast(to: batch + [m, k]).matmulPrimitive(b.broadcast(to: batch + [k, n]))
        var outShape = batch
        if rank != 1 { outShape.append(m) }
        if other.rank != 1 { outShape.append(n) }
        if outShape != product.shape { product = product.reshapePrimitive(outShape) }
        return product
    }

    /// Dot product of two vectors of equal length.
    public func dot(_ other: Tensor) throws -> Tensor {
        guard rank == 1, other.rank == 1, count == other.count else {
            throw TensorError("cannot dot \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        return try matmul(other)
    }

    /// Outer product of two vectors: `[m] ⊗ [n] → [m, n]`.
    public func outer(_ other: Tensor) throws -> Tensor {
        try reshape([-1, 1]).matmul(other.reshape([1, -1]))
    }
}

/// A fully connected layer: `x · Wᵀ + b` with `weight` of shape `[out, in]` (PyTorch layout).
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    guard weight.rank == 2, let inFeatures = x.shape.last, inFeatures == weight.shape[1] else {
        throw TensorError("linear layer with weight \(shapeText(weight.shape)) cannot take input \(shapeText(x.shape))")
    }
    let y = try x.matmul(weight.transposed())
    guard let bias else { return y }
    guard bias.shape == [weight.shape[0]] else {
        throw TensorError("linear bias of shape \(shapeText(bias.shape)) for weight \(shapeText(weight.shape))")
    }
    return try y + bias
}
