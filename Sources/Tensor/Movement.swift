extension Tensor {
    /// Normalises a possibly negative axis, or throws naming the shape.
    func normalizedAxis(_ axis: Int, rank r: Int? = nil) throws -> Int {
        let r = r ?? rank
        let a = axis < 0 ? axis + r : axis
        guard a >= 0 && a < r else { throw TensorError("axis \(axis) out of range for shape \(shapeText(shape))") }
        return a
    }

    /// The same elements in a new shape; one extent may be −1 (inferred).
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        guard newShape.count <= Tensor.maxRank else {
            throw TensorError("cannot reshape \(shapeText(shape)) to \(newShape.count) axes, more than the \(Tensor.maxRank) allowed")
        }
        var resolved = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        let known = elementCount(newShape.filter { $0 != -1 })
        if unknown.count > 1 || newShape.contains(where: { $0 < -1 }) {
            throw TensorError("cannot reshape \(shapeText(shape)) to \(shapeText(newShape))")
        }
        if let i = unknown.first {
            guard known > 0, count % known == 0 else {
                throw TensorError("cannot reshape \(shapeText(shape)) to \(shapeText(newShape))")
            }
            resolved[i] = count / known
        }
        guard elementCount(resolved) == count else {
            throw TensorError("cannot reshape \(shapeText(shape)) to \(shapeText(newShape))")
        }
        return resolved == shape ? self : reshapePrimitive(resolved)
    }

    /// Collapses all axes into one.
    public func flattened() -> Tensor { rank == 1 ? self : reshapePrimitive([count]) }

    /// Reorders axes: output axis i is input axis `order[i]`.
    public func permute(_ order: [Int]) throws -> Tensor {
        let normalized = try order.map { try normalizedAxis($0) }
        guard normalized.count == rank, Set(normalized).count == rank else {
            throw TensorError("permutation \(shapeText(order)) does not fit shape \(shapeText(shape))")
        }
        return normalized == Array(0..<rank) ? self : permutePrimitive(normalized)
    }

    /// Swaps the last two axes (a matrix transpose); rank 0 and 1 are returned unchanged.
    public func transposed() -> Tensor { rank < 2 ? self : swappingLastAxes() }

    /// Swaps two axes.
    public func transposed(_ a: Int, _ b: Int) throws -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(try normalizedAxis(a), try normalizedAxis(b))
        return try permute(order)
    }

    /// Inserts an axis of extent 1 at `axis` (−1 appends).
    public func unsqueezed(_ axis: Int) throws -> Tensor {
        let a = try normalizedAxis(axis, rank: rank + 1)
        var s = shape
        s.insert(1, at: a)
        try Tensor.checkSize(s)
        return reshapePrimitive(s)
    }

    /// Removes axes of extent 1 (all of them when `axes` is nil).
    public func squeezed(_ axes: [Int]? = nil) throws -> Tensor {
        let drop = try Set((axes ?? shape.indices.filter { shape[$0] == 1 }).map { try normalizedAxis($0) })
        for a in drop where shape[a] != 1 {
            throw TensorError("cannot squeeze axis \(a) of extent \(shape[a]) in shape \(shapeText(shape))")
        }
        return reshapePrimitive(shape.indices.filter { !drop.contains($0) }.map { shape[$0] })
    }

    /// A strided sub-tensor along one axis: `start ..< end` by `step` (negative indices count from the end,
    /// bounds are clamped like Python slices).
    public func slice(axis: Int, start: Int = 0, end: Int? = nil, step: Int = 1) throws -> Tensor {
        let a = try normalizedAxis(axis)
        guard step > 0 else { throw TensorError("slice step must be positive, got \(step)") }
        func clamp(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + shape[a] : i, 0), shape[a]) }
        var spec = SliceSpec(starts: [Int](repeating: 0, count: rank), ends: shape, steps: [Int](repeating: 1, count: rank))
        spec.starts[a] = clamp(start)
        spec.ends[a] = Swift.max(spec.starts[a], clamp(end ?? shape[a]))
        spec.steps[a] = step
        return slicePrimitive(spec)
    }

    /// The sub-tensor at `index` along `axis`, with that axis removed.
    public func select(axis: Int, index: Int) throws -> Tensor {
        let a = try normalizedAxis(axis)
        let i = index < 0 ? index + shape[a] : index
        guard i >= 0 && i < shape[a] else {
            throw TensorError("index \(index) out of range for axis \(axis) of shape \(shapeText(shape))")
        }
        var outShape = shape
        outShape.remove(at: a)
        return try slice(axis: a, start: i, end: i + 1).reshapePrimitive(outShape)
    }

    /// Zero (or `value`) padding: `before[i]` and `after[i]` elements on each side of axis i.
    public func padded(before: [Int], after: [Int], value: Double = 0) throws -> Tensor {
        guard before.count == rank, after.count == rank, !(before + after).contains(where: { $0 < 0 }) else {
            throw TensorError("padding \(shapeText(before)) / \(shapeText(after)) does not fit shape \(shapeText(shape))")
        }
        if value == 0 { return try padPrimitive(before: before, after: after) }
        let ones = try constantLike(1).padPrimitive(before: before, after: after)
        let inside = try padPrimitive(before: before, after: after)
        return try inside + (1 - ones) * value
    }

    /// Joins tensors along an existing axis; all other extents must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("cannot concatenate an empty list") }
        let a = try first.normalizedAxis(axis)
        for t in tensors {
            var s1 = t.shape, s0 = first.shape
            guard s1.count == s0.count else {
                throw TensorError("cannot concatenate \(shapeText(first.shape)) and \(shapeText(t.shape))")
            }
            s1[a] = 0; s0[a] = 0
            guard s1 == s0 else { throw TensorError("cannot concatenate \(shapeText(first.shape)) and \(shapeText(t.shape)) along axis \(axis)") }
        }
        let total = tensors.reduce(0) { $0 + $1.shape[a] }
        var offset = 0
        var result: Tensor?
        for t in tensors {
            var before = [Int](repeating: 0, count: first.rank), after = before
            before[a] = offset
            after[a] = total - offset - t.shape[a]
            offset += t.shape[a]
            let placed = try t.padPrimitive(before: before, after: after)
            result = result.map { $0.binaryPrimitive(.add, placed) } ?? placed
        }
        return result ?? first
    }

    /// Stacks equally shaped tensors along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("cannot stack an empty list") }
        for t in tensors where t.shape != first.shape {
            throw TensorError("cannot stack \(shapeText(first.shape)) and \(shapeText(t.shape))")
        }
        return try concatenate(tensors.map { try $0.unsqueezed(axis) }, axis: axis)
    }
}
