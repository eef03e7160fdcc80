/// Forward evaluation of each primitive, recording it in the autodiff graph. These are the only places
/// that call `Tensor.make` with a primitive; everything public is built from them. The primitives whose
/// result can be larger than their inputs (expand, pad, matmul, im2col, col2im) check its shape with
/// `Tensor.checkSize` before allocating, so no operation composed of them can exceed the element cap.
extension Tensor {
    func unaryPrimitive(_ primitive: Primitive) -> Tensor {
        let out: [Double]
        switch primitive {
        case .negate: out = mapScalars(scalars) { -$0 }
        case .exp: out = mapScalars(scalars) { LibM.exp($0) }
        case .log: out = mapScalars(scalars) { LibM.log($0) }
        case .sqrt: out = mapScalars(scalars) { $0.squareRoot() }
        case .reciprocal: out = mapScalars(scalars) { 1 / $0 }
        case .sin: out = mapScalars(scalars) { LibM.sin($0) }
        case .expm1: out = mapScalars(scalars) { LibM.expm1($0) }
        case .log1p: out = mapScalars(scalars) { LibM.log1p($0) }
        case .erf: out = mapScalars(scalars) { LibM.erf($0) }
        case .power(let p):
            if p == 2 { out = mapScalars(scalars) { $0 * $0 } } else { out = mapScalars(scalars) { LibM.pow($0, p) } }
        case .addScalar(let c): out = mapScalars(scalars) { $0 + c }
        case .multiplyScalar(let c): out = mapScalars(scalars) { $0 * c }
        case .divideByScalar(let c): out = mapScalars(scalars) { $0 / c }
        default: out = scalars
        }
        return .make(primitive, [self], shape: shape, scalars: out)
    }

    /// `primitive` applied elementwise to two tensors of identical shape.
    func binaryPrimitive(_ primitive: Primitive, _ other: Tensor) -> Tensor {
        let out: [Double]
        switch primitive {
        case .add: out = zipScalars(scalars, other.scalars) { $0 + $1 }
        case .multiply: out = zipScalars(scalars, other.scalars) { $0 * $1 }
        case .divide: out = zipScalars(scalars, other.scalars) { $0 / $1 }
        case .maximum: out = zipScalars(scalars, other.scalars) { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
        default: out = scalars
        }
        return .make(primitive, [self, other], shape: shape, scalars: out)
    }

    /// `condition != 0 ? ifTrue : ifFalse`, all three of one shape; the condition is treated as a constant.
    static func selectPrimitive(_ condition: Tensor, _ ifTrue: Tensor, _ ifFalse: Tensor) -> Tensor {
        var out = ifFalse.scalars
        for i in 0..<out.count where condition.scalars[i] != 0 { out[i] = ifTrue.scalars[i] }
        return .make(.select, [condition.detached(), ifTrue, ifFalse], shape: ifTrue.shape, scalars: out)
    }

    func sumPrimitive(axes: [Int]) -> Tensor {
        let (outShape, out) = reduceKeepingAxes(scalars, shape: shape, axes: Set(axes), initial: 0, combine: +)
        return .make(.sum(axes: axes), [self], shape: outShape, scalars: out)
    }

    func maxPrimitive(axes: [Int]) -> Tensor {
        let (outShape, out) = reduceKeepingAxes(scalars, shape: shape, axes: Set(axes), initial: -.infinity) { acc, v in
            (v > acc || v.isNaN || acc.isNaN) ? (acc.isNaN ? acc : v) : acc
        }
        return .make(.max(axes: axes), [self], shape: outShape, scalars: out)
    }

    func reshapePrimitive(_ newShape: [Int]) -> Tensor {
        .make(.reshape, [self], shape: newShape, scalars: scalars)
    }

    func permutePrimitive(_ order: [Int]) -> Tensor {
        let strides = self.strides
        let outShape = order.map { shape[$0] }
        let out = stridedGather(scalars, shape: outShape, strides: order.map { strides[$0] }, offset: 0)
        return .make(.permute(order), [self], shape: outShape, scalars: out)
    }

    /// Broadcasts axes of extent 1 to `target` (same rank).
    func expandPrimitive(_ target: [Int]) throws -> Tensor {
        try Tensor.checkSize(target)
        let strides = self.strides
        let viewStrides = (0..<rank).map { shape[$0] == target[$0] ? strides[$0] : 0 }
        let out = stridedGather(scalars, shape: target, strides: viewStrides, offset: 0)
        return .make(.expand, [self], shape: target, scalars: out)
    }

    func padPrimitive(before: [Int], after: [Int], value: Double = 0) throws -> Tensor {
        let outShape = (0..<rank).map { shape[$0] &+ before[$0] &+ after[$0] }
        try Tensor.checkSize(outShape)
        var out = [Double](repeating: value, count: elementCount(outShape))
        scatter(scalars, shape: shape, into: &out, outShape: outShape, starts: before, steps: [Int](repeating: 1, count: rank))
        return .make(.pad(before: before, after: after), [self], shape: outShape, scalars: out)
    }

    func slicePrimitive(_ spec: SliceSpec) -> Tensor {
        let strides = self.strides
        let outShape = spec.outputShape()
        var offset = 0
        for axis in 0..<rank where outShape[axis] > 0 { offset += spec.starts[axis] * strides[axis] }
        let out = elementCount(outShape) == 0 ? [] :
            stridedGather(scalars, shape: outShape, strides: (0..<rank).map { strides[$0] * spec.steps[$0] }, offset: offset)
        return .make(.slice(spec), [self], shape: outShape, scalars: out)
    }

    /// Batched matrix product of `[B..., m, k]` and `[B..., k, n]` with identical batch axes.
    func matmulPrimitive(_ other: Tensor) throws -> Tensor {
        let m = shape[rank - 2], k = shape[rank - 1], n = other.shape[rank - 1]
        let outShape = Array(shape.dropLast(2)) + [m, n]
        try Tensor.checkSize(outShape)
        let batch = elementCount(Array(shape.dropLast(2)))
        let out = try batchedMatmul(scalars, other.scalars, batch: batch, m: m, k: k, n: n)
        return .make(.matmul, [self, other], shape: outShape, scalars: out)
    }

    func im2colPrimitive(_ geometry: ConvGeometry) throws -> Tensor {
        try Tensor.checkSize(geometry.columnsShape)
        return .make(.im2col(geometry), [self], shape: geometry.columnsShape, scalars: imageToColumns(scalars, geometry))
    }

    func col2imPrimitive(_ geometry: ConvGeometry) throws -> Tensor {
        try Tensor.checkSize(geometry.imageShape)
        return .make(.col2im(geometry), [self], shape: geometry.imageShape, scalars: columnsToImage(scalars, geometry))
    }
}

/// Writes `source` (shape `shape`) into `out` (shape `outShape`) at `starts` with `steps` per axis.
func scatter(_ source: [Double], shape: [Int], into out: inout [Double], outShape: [Int], starts: [Int], steps: [Int]) {
    let total = source.count
    if total == 0 { return }
    let rank = shape.count
    if rank == 0 { out[0] = source[0]; return }
    let outStrides = rowMajorStrides(outShape)
    let walk = (0..<rank).map { outStrides[$0] * steps[$0] }
    var base = 0
    for axis in 0..<rank { base += starts[axis] * outStrides[axis] }
    var index = [Int](repeating: 0, count: rank)
    var read = 0
    var target = base
    while read < total {
        var p = target
        for j in 0..<shape[rank - 1] { out[p] = source[read + j]; p += walk[rank - 1] }
        read += shape[rank - 1]
        var axis = rank - 2
        while axis >= 0 {
            index[axis] += 1
            target += walk[axis]
            if index[axis] < shape[axis] { break }
            target -= walk[axis] * shape[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}
