/// The gradient table: for each primitive, the vector–Jacobian product mapping the upstream gradient `g`
/// of its output to gradients of its inputs (`nil` for inputs that get none). This is the only gradient
/// code in the module; every other op is differentiated through the primitives it is composed of.
///
/// Rules are written with primitive ops themselves. For a first-order `backward()` the inputs and `g`
/// are constants, so no graph is recorded; with `createGraph` they are the tracked tensors, so the
/// gradient is itself differentiable (grad of grad). Gradients are only formed for tracked inputs.
func vectorJacobianProduct(_ node: AutodiffNode, upstream g: Tensor, createGraph: Bool) throws -> [Tensor?] {
    let inputs = createGraph ? node.inputs : node.inputs.map { $0.detached() }
    let needs = node.inputs.map { $0.node != nil }
    guard let x = inputs.first else { return [] }
    let g = createGraph ? g : g.detached()
    /// The forward result: recomputed from the tracked input when building a graph, else the saved values.
    func output(_ recompute: () -> Tensor) -> Tensor {
        createGraph ? recompute() : Tensor(uncheckedShape: node.shape, scalars: node.output)
    }
    func when(_ index: Int, _ gradient: () throws -> Tensor) rethrows -> Tensor? { needs[index] ? try gradient() : nil }

    switch node.primitive {
    case .leaf:
        return []
    case .negate:
        return [g.negated()]
    case .exp:
        return [g.times(output { x.unaryPrimitive(.exp) })]
    case .log:
        return [g.over(x)]
    case .sqrt:
        return [g.over(output { x.unaryPrimitive(.sqrt) }.unaryPrimitive(.multiplyScalar(2)))]
    case .reciprocal:
        return [g.times(output { x.unaryPrimitive(.reciprocal) }.unaryPrimitive(.power(2))).negated()]
    case .sin:
        return [g.times(x.unaryPrimitive(.addScalar(Double.pi / 2)).unaryPrimitive(.sin))]
    case .expm1:
        return [g.times(output { x.unaryPrimitive(.expm1) }.unaryPrimitive(.addScalar(1)))]
    case .log1p:
        return [g.over(x.unaryPrimitive(.addScalar(1)))]
    case .erf:
        let gaussian = x.unaryPrimitive(.power(2)).negated().unaryPrimitive(.exp)
        return [g.times(gaussian.unaryPrimitive(.multiplyScalar(2 / Double.pi.squareRoot())))]
    case .power(let p):
        let slope = p == 2 ? x.unaryPrimitive(.multiplyScalar(2))
            : x.unaryPrimitive(.power(p - 1)).unaryPrimitive(.multiplyScalar(p))
        return [g.times(slope)]
    case .addScalar:
        return [g]
    case .multiplyScalar(let c):
        return [g.unaryPrimitive(.multiplyScalar(c))]
    case .divideByScalar(let c):
        return [g.unaryPrimitive(.divideByScalar(c))]
    case .add:
        return [g, g]
    case .multiply:
        return [when(0) { g.times(inputs[1]) }, when(1) { g.times(x) }]
    case .divide:
        let b = inputs[1]
        let gOverB = g.over(b)
        return [needs[0] ? gOverB : nil, when(1) { gOverB.times(output { x.over(b) }).negated() }]
    case .maximum:
        let share = Tensor(uncheckedShape: x.shape, scalars: zipScalars(x.scalars, inputs[1].scalars) { a, b in
            a > b ? 1 : (a == b ? 0.5 : 0)
        })
        let otherShare = Tensor(uncheckedShape: x.shape, scalars: mapScalars(share.scalars) { 1 - $0 })
        return [when(0) { g.times(share) }, when(1) { g.times(otherShare) }]
    case .select:
        let zero = g.constantLike(0)
        return [nil, when(1) { Tensor.selectPrimitive(x, g, zero) }, when(2) { Tensor.selectPrimitive(x, zero, g) }]
    case .sum:
        return [try g.expandPrimitive(x.shape)]
    case .max(let axes):
        let maxima = try Tensor(uncheckedShape: node.shape, scalars: node.output).expandPrimitive(x.shape)
        let mask = Tensor(uncheckedShape: x.shape, scalars: zipScalars(x.scalars, maxima.scalars) { $0 == $1 ? 1 : 0 })
        let ties = mask.sumPrimitive(axes: axes)
        return [try g.over(ties).expandPrimitive(x.shape).times(mask)]
    case .reshape:
        return [g.reshapePrimitive(x.shape)]
    case .permute(let order):
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return [g.permutePrimitive(inverse)]
    case .expand:
        let broadcastAxes = (0..<x.rank).filter { x.shape[$0] != g.shape[$0] }
        return [broadcastAxes.isEmpty ? g : g.sumPrimitive(axes: broadcastAxes)]
    case .pad(let before, _):
        let spec = SliceSpec(starts: before, ends: (0..<x.rank).map { before[$0] + x.shape[$0] },
                             steps: [Int](repeating: 1, count: x.rank))
        return [g.slicePrimitive(spec)]
    case .slice(let spec):
        return [try g.unsliced(into: x.shape, spec)]
    case .matmul:
        return [try when(0) { try g.matmulPrimitive(inputs[1].swappingLastAxes()) },
                try when(1) { try x.swappingLastAxes().matmulPrimitive(g) }]
    case .im2col(let geometry):
        return [try g.col2imPrimitive(geometry)]
    case .col2im(var geometry):
        geometry.padValue = 0
        return [try g.im2colPrimitive(geometry)]
    }
}

extension Tensor {
    func times(_ other: Tensor) -> Tensor { binaryPrimitive(.multiply, other) }
    func over(_ other: Tensor) -> Tensor { binaryPrimitive(.divide, other) }
    func negated() -> Tensor { unaryPrimitive(.negate) }

    /// Transposes the last two axes (primitive permute).
    func swappingLastAxes() -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permutePrimitive(order)
    }

    /// The adjoint of `slicePrimitive(spec)`: places this tensor at the sliced positions of a zero tensor
    /// of `shape`. Steps are undone by interleaving zeros (unsqueeze, pad, merge), then padding places it.
    func unsliced(into shape: [Int], _ spec: SliceSpec) throws -> Tensor {
        var t = self
        for axis in 0..<rank where spec.steps[axis] > 1 && t.shape[axis] > 0 {
            let step = spec.steps[axis], n = t.shape[axis]
            var widened = t.shape
            widened.insert(1, at: axis + 1)
            var after = [Int](repeating: 0, count: rank + 1)
            after[axis + 1] = step - 1
            var merged = t.shape
            merged[axis] = n * step
            t = try t.reshapePrimitive(widened)
                .padPrimitive(before: [Int](repeating: 0, count: rank + 1), after: after)
                .reshapePrimitive(merged)
            var keep = SliceSpec(starts: [Int](repeating: 0, count: rank), ends: merged, steps: [Int](repeating: 1, count: rank))
            keep.ends[axis] = (n - 1) * step + 1
            t = t.slicePrimitive(keep)
        }
        let before = (0..<rank).map { t.shape[$0] == 0 ? 0 : spec.starts[$0] }
        let after = (0..<rank).map { shape[$0] - before[$0] - t.shape[$0] }
        return try t.padPrimitive(before: before, after: after)
    }

    /// Elementwise sum with a tensor of the same shape.
    func adding(sameShape other: Tensor) throws -> Tensor {
        guard shape == other.shape else {
            throw TensorError("cannot add gradients of shape \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        return binaryPrimitive(.add, other)
    }
}
