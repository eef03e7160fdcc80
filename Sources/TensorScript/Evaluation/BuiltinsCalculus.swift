import Tensor

extension Builtins {
    static let calculus: [Builtin] = [
        Builtin(name: "grad", parameters: [.required("f"), .optional("x")],
                summary: "`grad(f, x)`: the gradient of sum(f(x)) at x, as numbers (for an elementwise f, f′ at each point). `grad(f)`: the derivative as a function, e.g. to plot.",
                example: "grad(sigmoid, [0, 2])", group: "calculus") { context, args in
            let f = try args.function("f")
            let derivative = try nested(ScriptFunction(name: f.label + "′", body: .derivative(f)), args)
            guard args.isGiven("x") else { return .function(derivative) }
            return .tensor(try context.apply(derivative, to: try args.tensor("x"), at: args.callPosition))
        },
        Builtin(name: "compose", parameters: [.variadic("functions")],
                summary: "The function applying each argument in turn: `compose(f, g)(x)` is g(f(x)).",
                example: "grad(compose(sigmoid, sigmoid, sigmoid), 0)", group: "calculus") { _, args in
            var functions: [ScriptFunction] = []
            for entry in args.rest {
                guard case .function(let f) = entry.value else {
                    throw ScriptError("compose takes functions, got a \(entry.value.typeName)", at: entry.position, code: "tensor-type")
                }
                functions.append(f)
            }
            guard !functions.isEmpty else { throw ScriptError("compose needs at least one function", at: args.callPosition, code: "tensor-arguments") }
            // Names of compositions of compositions double each time, so a long one is abbreviated.
            let labels = functions.map(\.label)
            let name = labels.reduce(0) { $0 + $1.count + 1 } <= 60 ? labels.reversed().joined(separator: "∘") : "compose(…)"
            return .function(try nested(ScriptFunction(name: name, body: .composition(functions)), args))
        },
        Builtin(name: "repeat", parameters: [.required("f"), .required("n")],
                summary: "f applied n times: `repeat(sigmoid, 5)` is a stack of five sigmoids.",
                example: "grad(repeat(sigmoid, 5), 0)", group: "calculus") { _, args in
            let f = try args.function("f")
            let n = try args.int("n", minimum: 1)
            guard n <= 40 else { throw ScriptError("repeat at most 40 times", at: args.position("n"), code: "tensor-arguments") }
            return .function(try nested(ScriptFunction(name: "\(f.label)^\(n)", body: .composition(Array(repeating: f, count: n))), args))
        },
    ]

    /// `function` if it is not built from too many functions inside each other.
    private static func nested(_ function: ScriptFunction, _ args: BoundArguments) throws -> ScriptFunction {
        guard function.depth <= EvaluationContext.maxDepth else {
            throw ScriptError("\(args.functionName) would nest functions more than \(EvaluationContext.maxDepth) levels deep", at: args.callPosition, code: "tensor-recursion")
        }
        return function
    }
}
