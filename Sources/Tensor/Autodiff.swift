/// One recorded operation in the autodiff graph: which primitive produced a tensor, and from what.
final class AutodiffNode: Sendable {
    let primitive: Primitive
    let inputs: [Tensor]
    let shape: [Int]

    init(primitive: Primitive, inputs: [Tensor], shape: [Int]) {
        self.primitive = primitive
        self.inputs = inputs
        self.shape = shape
    }

    convenience init(leafOfShape shape: [Int]) {
        self.init(primitive: .leaf, inputs: [], shape: shape)
    }
}

extension Tensor {
    /// Wraps a freshly computed result, recording `primitive` when any input is tracked.
    static func make(_ primitive: Primitive, _ inputs: [Tensor], shape: [Int], scalars: [Double]) -> Tensor {
        let tracked = inputs.contains { $0.node != nil }
        let node = tracked ? AutodiffNode(primitive: primitive, inputs: inputs, shape: shape) : nil
        return Tensor(uncheckedShape: shape, scalars: scalars, node: node)
    }
}

/// Gradients of one scalar with respect to every tracked tensor it depends on.
public struct Gradients: Sendable {
    private var table: [ObjectIdentifier: (node: AutodiffNode, gradient: Tensor)] = [:]

    /// The gradient for `tensor` (same shape), or `nil` if the loss does not depend on it.
    public subscript(_ tensor: Tensor) -> Tensor? {
        guard let node = tensor.node else { return nil }
        return table[ObjectIdentifier(node)]?.gradient
    }

    /// The gradient for `tensor`, zeros when the loss does not depend on it.
    public func gradient(of tensor: Tensor) -> Tensor {
        self[tensor] ?? Tensor.zeros(tensor.shape)
    }

    fileprivate mutating func accumulate(_ g: Tensor, into node: AutodiffNode) throws {
        let key = ObjectIdentifier(node)
        if let existing = table[key] {
            table[key] = (node, try existing.gradient.adding(sameShape: g))
        } else {
            table[key] = (node, g)
        }
    }

    fileprivate func current(_ node: AutodiffNode) -> Tensor? {
        table[ObjectIdentifier(node)]?.gradient
    }
}

extension Tensor {
    /// Reverse-mode autodiff from this tensor (it must hold exactly one element): d(self)/d(every tracked input).
    public func backward() throws -> Gradients {
        guard count == 1 else {
            throw TensorError("backward needs a scalar loss, got shape \(shapeText(shape)); sum it first")
        }
        return try backward(seed: Tensor(uncheckedShape: shape, scalars: [1]))
    }

    /// Reverse-mode autodiff with an explicit upstream gradient of this tensor's shape.
    public func backward(seed: Tensor) throws -> Gradients {
        guard seed.shape == shape else {
            throw TensorError("backward seed of shape \(shapeText(seed.shape)) for tensor of shape \(shapeText(shape))")
        }
        var gradients = Gradients()
        guard let root = node else { return gradients }
        try gradients.accumulate(seed.detached(), into: root)
        for node in topologicalOrder(from: root).reversed() {
            guard node.inputs.contains(where: { $0.node != nil }),
                  let upstream = gradients.current(node) else { continue }
            let inputGradients = try vectorJacobianProduct(node, upstream: upstream)
            for (input, g) in zip(node.inputs, inputGradients) {
                if let inputNode = input.node, let g {
                    try gradients.accumulate(g, into: inputNode)
                }
            }
        }
        return gradients
    }
}

/// Nodes reachable from `root`, each after all of its inputs (iterative DFS, so deep graphs do not overflow).
func topologicalOrder(from root: AutodiffNode) -> [AutodiffNode] {
    var order: [AutodiffNode] = []
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack: [(node: AutodiffNode, nextInput: Int)] = [(root, 0)]
    while let top = stack.last {
        if top.nextInput < top.node.inputs.count {
            stack[stack.count - 1].nextInput += 1
            if let child = top.node.inputs[top.nextInput].node, visited.insert(ObjectIdentifier(child)).inserted {
                stack.append((child, 0))
            }
        } else {
            order.append(top.node)
            stack.removeLast()
        }
    }
    return order
}

/// d(sum f(x))/dx: the gradient of the sum of `f`'s output with respect to its input, same shape as `x`.
public func grad(_ f: (Tensor) throws -> Tensor, _ x: Tensor) throws -> Tensor {
    let input = x.detached().requiringGrad()
    let output = try f(input)
    return try output.sum().backward().gradient(of: input)
}

/// The value of `f(x)` together with d(sum f(x))/dx.
public func valueWithGrad(_ f: (Tensor) throws -> Tensor, _ x: Tensor) throws -> (value: Tensor, gradient: Tensor) {
    let input = x.detached().requiringGrad()
    let output = try f(input)
    return (output.detached(), try output.sum().backward().gradient(of: input))
}
