import Tensor

/// A value the example language computes with.
indirect enum Value: Sendable {
    case tensor(Tensor)
    case string(String)
    case bool(Bool)
    case function(ScriptFunction)
    /// Named parts of a compound result, in display order.
    case record([(name: String, value: Value)])
    case trajectory(Trajectory)
    case plot(PlotSpec)
    /// The value of a statement that failed; using it stops later statements quietly.
    case failed(name: String)
    /// An omitted optional argument.
    case none

    var typeName: String {
        switch self {
        case .tensor(let t): t.rank == 0 ? "number" : "tensor of shape \(Display.shapeText(t.shape))"
        case .string: "string"
        case .bool: "boolean"
        case .function: "function"
        case .record: "record"
        case .trajectory: "trajectory"
        case .plot: "plot"
        case .failed: "failed value"
        case .none: "nothing"
        }
    }
}

/// A function value: a builtin, a definition `f(x) = …`, a derivative `grad(f)`, or a composition.
final class ScriptFunction: Sendable {
    enum Body: Sendable {
        case builtin(Builtin)
        case user(parameters: [String], body: Expr)
        /// x ↦ d(sum f(x))/dx
        case derivative(ScriptFunction)
        /// x ↦ fₙ(…f₂(f₁(x))) for functions applied first to last.
        case composition([ScriptFunction])
    }

    let name: String
    let body: Body
    /// 1 for a builtin or definition, one more for each grad, compose or repeat around it; bounded by
    /// `EvaluationContext.maxDepth`, so releasing or calling a function never recurses deeply.
    let depth: Int

    init(name: String, body: Body) {
        self.name = name
        self.body = body
        switch body {
        case .builtin, .user: depth = 1
        case .derivative(let inner): depth = inner.depth + 1
        case .composition(let functions): depth = (functions.map(\.depth).max() ?? 0) + 1
        }
    }

    /// The label in legends and tables: `sigmoid`, `sigmoid′`, `sigmoid∘tanh`.
    var label: String { name }
}

/// The path of `minimize(...)`: loss and parameters after each step.
struct Trajectory: Sendable {
    var label: String
    var losses: [Double]
    var parameters: [Tensor]
}

extension Value {
    /// The numbers of a tensor value, row-major; nil for other values.
    var scalars: [Double]? {
        if case .tensor(let t) = self { return t.scalars }
        return nil
    }

    /// The shape of a tensor value; nil for other values.
    var shape: [Int]? {
        if case .tensor(let t) = self { return t.shape }
        return nil
    }

    /// A field of a record value.
    func field(_ name: String) -> Value? {
        if case .record(let fields) = self { return fields.first { $0.name == name }?.value }
        return nil
    }
}
