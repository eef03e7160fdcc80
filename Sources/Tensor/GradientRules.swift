/// The gradient table: for each primitive, the vector–Jacobian product mapping the upstream gradient `g`
/// of its output to gradients of its inputs (`nil` for inputs that get none). This is the only gradient
/// code in the module; every other op is differentiated through the primitives it is composed of.
func vectorJacobianProduct(_ node: AutodiffNode, upstream g: Tensor) throws -> [Tensor?] {
    let inputs = node.inputs.map { $0.detached() }
    guard let x = inputs.first else { return [] }
    let gs = g.scalars
    func like(_ t: Tensor, _ scalars: [Double]) -> Tensor { Tensor(uncheckedShape: t.shape, scalars: scalars) }
    func unary(_ derivative: (Double) -> Double) -> [Tensor?] {
        [like(x, zipScalars(gs, x.scalars) { g, v in g * derivative(v) })]
    }

    switch node.primitive {
    case .leaf:
        return []
    case .negate:
        return [like(x, mapScalars(gs) { -$0 })]
    case .exp:
        return unary { LibM.exp($0) }
    case .log:
        return unary { 1 / $0 }
    case .sqrt:
        return unary { 0.5 / $0.squareRoot() }
    case .reciprocal:
        return unary { -1 / ($0 * $0) }
    case .sin:
        return unary { LibM.cos($0) }
    case .expm1:
        return unary { LibM.exp($0) }
    case .log1p:
        return unary { 1 / (1 + $0) }
    case .erf:
        return unary { 2 / Double.pi.squareRoot() * LibM.exp(-$0 * $0) }
    case .power(let p):
        return unary { p == 2 ? 2 * $0 : p * LibM.pow($0, p - 1) }
    case .addScalar:
        return [g]
    case .multiplyScalar(let c):
        return [like(x, mapScalars(gs) { $0 * c })]
    case .divideByScalar(let c):
        return [like(x, mapScalars(gs) { $0 / c })]
    case .add:
        return [g, g]
    case .multiply:
        return [like(x, zipScalars(gs, inputs[1].scalars, *)), like(x, zipScalars(gs, x.scalars, *))]
    case .divide:
        let b = inputs[1].scalars
        let da = zipScalars(gs, b, /)
        let db = zipScalars(da, zipScalars(x.scalars, b, /)) { -$0 * $1 }
        return [like(x, da), like(x, db)]
    case .maximum:
        let share = zipScalars(x.scalars, inputs[1].scalars) { a, b in a > b ? 1 : (a == b ? 0.5 : 0) }
        return [like(x, zipScalars(gs, share, *)), like(x, zipScalars(gs, share) { $0 * (1 - $1) })]
    case .select:
        let condition = x.scalars
        return [nil, like(g, zipScalars(gs, condition) { $1 != 0 ? $0 : 0 }),
                like(g, zipScalars(gs, condition) { $1 != 0 ? 0 : $0 })]
    case .sum:
        return [g.expandPrimitive(x.shape)]
    case .max(let axes):
        let maxima = x.maxPrimitive(axes: axes).expandPrimitive(x.shape)
        let mask = like(x, zipScalars(x.scalars, maxima.scalars) { $0 == $1 ? 1 : 0 })
        let ties = mask.sumPrimitive(axes: axes)
        let share = like(g, zipScalars(gs, ties.scalars, /)).expandPrimitive(x.shape)
        return [like(x, zipScalars(mask.scalars, share.scalars, *))]
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
        var out = [Double](repeating: 0, count: x.count)
        scatter(gs, shape: g.shape, into: &out, outShape: x.shape, starts: spec.starts, steps: spec.steps)
        return [like(x, out)]
    case .matmul:
        let b = inputs[1]
        return [g.matmulPrimitive(b.swappingLastAxes()), x.swappingLastAxes().matmulPrimitive(g)]
    case .im2col(let geometry):
        return [g.col2imPrimitive(geometry)]
    case .col2im(var geometry):
        geometry.padValue = 0
        return [g.im2colPrimitive(geometry)]
    }
}

extension Tensor {
    /// Transposes the last two axes (primitive permute).
    func swappingLastAxes() -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permutePrimitive(order)
    }

    /// Elementwise sum with a tensor of the same shape.
    func adding(sameShape other: Tensor) throws -> Tensor {
        guard shape == other.shape else {
            throw TensorError("cannot add gradients of shape \(shapeText(shape)) and \(shapeText(other.shape))")
        }
        return binaryPrimitive(.add, other)
    }
}
