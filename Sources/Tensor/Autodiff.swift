/// One recorded operation in the autodiff graph: which primitive produced a tensor, and from what.
///
/// `@unchecked Sendable`: `inputs` is only written in `deinit`, on nodes no one else references.
final class AutodiffNode: @unchecked Sendable {
    let primitive: Primitive
    private(set) var inputs: [Tensor]
    let shape: [Int]
    /// The forward result (shares storage with the tensor), so rules like exp can reuse it.
    let output: [Double]

    init(primitive: Primitive, inputs: [Tensor], shape: [Int], output: [Double]) {
        self.primitive = primitive
        self.inputs = inputs
        self.shape = shape
        self.output = output
    }

    /// Releases the graph behind this node with a loop instead of one nested `deinit` per node, so a graph
    /// thousands of operations deep (a long chain of sigmoids) does not overflow a small thread stack.
    deinit {
        var pending = inputs.compactMap(\.node)
        inputs = []
        while var node = pending.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }
            pending += node.inputs.compactMap(\.node)
            node.inputs = []
        }
    }

    convenience init(leafOfShape shape: [Int]) {
        self.init(primitive: .leaf, inputs: [], shape: shape, output: [])
    }
}

extension Tensor {
    /// Wraps a freshly computed result, recording `primitive` when any input is tracked.
    /// The result is Float32 (rounded) when any input is.
    static func make(_ primitive: Primitive, _ inputs: [Tensor], shape: [Int], scalars: [Double]) -> Tensor {
        let single = inputs.contains { $0.precision == .float32 }
        let values = single ? mapScalars(scalars) { Double(Float($0)) } : scalars
        let tracked = inputs.contains { $0.node != nil }
        let node = tracked ? AutodiffNode(primitive: primitive, inputs: inputs, shape: shape, output: values) : nil
        return Tensor(uncheckedShape: shape, scalars: values, node: node, precision: single ? .float32 : .float64)
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
        self[tensor] ?? tensor.constantLike(0)
    }

    /// Gradients for several tensors at once (zeros where the loss does not depend on one), e.g. for `Optimizer.step`.
    public func gradients(of tensors: [Tensor]) -> [Tensor] {
        tensors.map(gradient(of:))
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
        return try backward(seed: seed, createGraph: false, stopAt: nil)
    }

    /// Walks the graph in reverse topological order. With `createGraph` the gradients are tracked tensors
    /// (for higher-order derivatives); the walk does not go past `stopAt`.
    func backward(seed: Tensor, createGraph: Bool, stopAt: AutodiffNode?) throws -> Gradients {
        var gradients = Gradients()
        guard let root = node else { return gradients }
        try gradients.accumulate(seed.detached(), into: root)
        for node in topologicalOrder(from: root, stopAt: stopAt).reversed() where node !== stopAt {
            guard node.inputs.contains(where: { $0.node != nil }),
                  let upstream = gradients.current(node) else { continue }
            let inputGradients = try vectorJacobianProduct(node, upstream: upstream, createGraph: createGraph)
            for (input, g) in zip(node.inputs, inputGradients) {
                if let inputNode = input.node, let g {
                    try gradients.accumulate(g, into: inputNode)
                }
            }
        }
        return gradients
    }
}

/// Nodes reachable from `root` (not looking past `stopAt`), each after all of its inputs; an iterative
/// DFS, so deep graphs do not overflow the stack.
func topologicalOrder(from root: AutodiffNode, stopAt: AutodiffNode? = nil) -> [AutodiffNode] {
    var order: [AutodiffNode] = []
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack: [(node: AutodiffNode, nextInput: Int)] = [(root, 0)]
    while let top = stack.last {
        if top.node !== stopAt && top.nextInput < top.node.inputs.count {
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
/// When `x` is itself tracked (inside another `grad`), the result is differentiable too: grad of grad
/// gives second derivatives.
public func grad(_ f: (Tensor) throws -> Tensor, _ x: Tensor) throws -> Tensor {
    try valueWithGrad(f, x).gradient
}

/// The value of `f(x)` together with d(sum f(x))/dx.
public func valueWithGrad(_ f: (Tensor) throws -> Tensor, _ x: Tensor) throws -> (value: Tensor, gradient: Tensor) {
    guard x.requiresGrad else {
        let input = x.requiringGrad()
        let output = try f(input)
        return (output.detached(), try output.sum().backward().gradient(of: input))
    }
    // Nested: differentiate through an identity node on top of the tracked x, building a graph.
    let input = x.reshapePrimitive(x.shape)
    let output = try f(input)
    let total = output.sum()
    let gradients = try total.backward(seed: Tensor(uncheckedShape: total.shape, scalars: [1]), createGraph: true, stopAt: input.node)
    return (output, gradients.gradient(of: input))
}
