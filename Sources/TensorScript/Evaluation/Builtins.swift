import Tensor

/// The registry of builtin functions and constants.
enum Builtins {
    static let all: [Builtin] = creation + shapes + math + reductions + activations + losses + layers + calculus + optimisation + plotting

    static let table: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static let constants: [String: Double] = ["pi": Double.pi, "e": 2.718281828459045, "inf": Double.infinity, "nan": Double.nan]

    /// Groups in the order the language reference lists them.
    static let groups = ["creation", "shapes", "math", "reductions", "activations", "losses", "layers", "calculus", "optimisation", "plotting"]

    /// A builtin of one tensor argument.
    static func unary(_ name: String, _ group: String, _ summary: String, example: String, _ f: @escaping @Sendable (Tensor) throws -> Tensor) -> Builtin {
        Builtin(name: name, parameters: [.required("x")], summary: summary, example: example, group: group) { _, args in
            .tensor(try f(args.tensor("x")))
        }
    }

    static func number(_ v: Int) -> Value { .tensor(Tensor(Double(v))) }

    /// The `axis` argument, or nil for "all axes".
    static func axes(_ args: BoundArguments, rank: Int) throws -> [Int]? {
        guard args.isGiven("axis") else { return nil }
        let a = try args.int("axis")
        do {
            return [try KernelAdapter.axis(a, rank: rank)]
        } catch let error as TensorError {
            throw ScriptError(error.message, at: args.position("axis"), code: "tensor-shape")
        }
    }

    static func record(_ fields: [(String, Tensor)]) -> Value {
        .record(fields.map { (name: $0.0, value: .tensor($0.1)) })
    }
}
