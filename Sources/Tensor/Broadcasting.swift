/// The numpy broadcast of two shapes, or an error naming both.
public func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = Swift.max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
            throw TensorError("cannot broadcast \(shapeText(a)) and \(shapeText(b))")
        }
    }
    try Tensor.checkSize(out)
    return out
}

extension Tensor {
    /// This tensor broadcast (numpy rules) to `target`.
    public func broadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        guard target.count >= rank else {
            throw TensorError("cannot broadcast \(shapeText(shape)) to \(shapeText(target))")
        }
        let padded = [Int](repeating: 1, count: target.count - rank) + shape
        for (have, want) in zip(padded, target) where (have != want && have != 1) || want < 0 {
            throw TensorError("cannot broadcast \(shapeText(shape)) to \(shapeText(target))")
        }
        let lifted = padded == shape ? self : reshapePrimitive(padded)
        return lifted.shape == target ? lifted : try lifted.expandPrimitive(target)
    }

    /// Applies a same-shape binary primitive after broadcasting both operands.
    func broadcasting(_ primitive: Primitive, _ other: Tensor) throws -> Tensor {
        if shape == other.shape { return binaryPrimitive(primitive, other) }
        if other.node == nil, other.count == 1, other.rank <= rank, let c = other.scalar {
            switch primitive {
            case .add: return unaryPrimitive(.addScalar(c))
            case .multiply: return unaryPrimitive(.multiplyScalar(c))
            case .divide: return unaryPrimitive(.divideByScalar(c))
            default: break
            }
        }
        let target = try broadcastShape(shape, other.shape)
        return try broadcast(to: target).binaryPrimitive(primitive, other.broadcast(to: target))
    }

    /// A constant of this tensor's shape filled with `value` (no larger than this tensor, so not size-checked).
    func constantLike(_ value: Double) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: [Double](repeating: value, count: count))
    }
}
