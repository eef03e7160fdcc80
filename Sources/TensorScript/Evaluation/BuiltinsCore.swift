import Tensor

extension Builtins {
    static let creation: [Builtin] = [
        Builtin(name: "linspace", parameters: [.required("from"), .required("to"), .optional("count", 50)],
                summary: "`count` evenly spaced numbers from `from` to `to`, both included.",
                example: "linspace(-1, 1, 5)", group: "creation") { _, args in
            let count = try args.int("count", minimum: 1)
            return .tensor(try Tensor.linspace(try args.double("from"), try args.double("to"), count))
        },
        Builtin(name: "arange", parameters: [.required("from"), .optional("to"), .optional("step", 1)],
                summary: "Numbers from `from` (included) to `to` (excluded) by `step`; `arange(n)` is 0, 1, …, n−1.",
                example: "arange(0, 1, 0.25)", group: "creation") { _, args in
            var from = try args.double("from")
            var to = 0.0
            if args.isGiven("to") { to = try args.double("to") } else { swap(&from, &to) }
            let step = try args.double("step")
            guard step != 0 else { throw ScriptError("the step of arange must not be 0", at: args.position("step"), code: "tensor-arguments") }
            return .tensor(try Tensor.arange(from, to, step: step))
        },
        Builtin(name: "zeros", parameters: [.variadic("shape")], summary: "A tensor of zeros: `zeros(2, 3)` or `zeros([2, 3])`.",
                example: "zeros(2, 3)", group: "creation") { _, args in
            .tensor(try Tensor.zeros(try args.shape(fromRest: "shape")))
        },
        Builtin(name: "ones", parameters: [.variadic("shape")], summary: "A tensor of ones.",
                example: "ones(3)", group: "creation") { _, args in
            .tensor(try Tensor.ones(try args.shape(fromRest: "shape")))
        },
        Builtin(name: "full", parameters: [.required("value"), .variadic("shape")], summary: "A tensor filled with `value`.",
                example: "full(0.5, 2, 2)", group: "creation") { _, args in
            .tensor(try Tensor.full(try args.shape(fromRest: "shape"), value: try args.double("value")))
        },
        Builtin(name: "eye", parameters: [.required("n")], summary: "The n×n identity matrix.",
                example: "eye(3)", group: "creation") { _, args in
            .tensor(try Tensor.eye(try args.int("n", minimum: 0)))
        },
        Builtin(name: "seed", parameters: [.required("n")],
                summary: "Restarts the random generator, so `rand`, `randn` and `dropout` give the same numbers on every machine. Each block starts as if with `seed(0)`.",
                example: "seed(42)", group: "creation") { context, args in
            let n = try args.int("n", minimum: 0)
            context.rng = TensorRNG(seed: UInt64(n))
            return .none
        },
        Builtin(name: "rand", parameters: [.variadic("shape")], summary: "Uniform random numbers in [0, 1) from the seeded generator.",
                example: "rand(2, 2)", group: "creation") { context, args in
            .tensor(try Tensor.uniform(try args.shape(fromRest: "shape"), rng: &context.rng))
        },
        Builtin(name: "randn", parameters: [.variadic("shape")], summary: "Standard normal random numbers from the seeded generator.",
                example: "randn(2, 3)", group: "creation") { context, args in
            .tensor(try Tensor.normal(try args.shape(fromRest: "shape"), rng: &context.rng))
        },
        Builtin(name: "one_hot", parameters: [.required("labels"), .required("classes")], summary: "One-hot rows for integer class labels.",
                example: "one_hot([0, 2], 3)", group: "creation") { _, args in
            let labels = try KernelAdapter.labels(try args.tensor("labels"))
            return .tensor(try Tensor.oneHot(labels, classes: try args.int("classes", minimum: 1)))
        },
    ]

    static let shapes: [Builtin] = [
        Builtin(name: "shape", parameters: [.required("x")], summary: "The shape of `x` as a vector.",
                example: "shape(zeros(2, 3))", group: "shapes") { _, args in
            .tensor(Tensor(try args.tensor("x").shape.map(Double.init)))
        },
        Builtin(name: "reshape", parameters: [.required("x"), .variadic("shape")], summary: "The same values in a new shape; one size may be −1.",
                example: "reshape(arange(6), 2, 3)", group: "shapes") { _, args in
            .tensor(try args.tensor("x").reshape(try args.shape(fromRest: "shape", inferred: true)))
        },
        Builtin(name: "transpose", parameters: [.required("x")], summary: "Swaps the last two axes (a matrix transpose). `x.T` does the same.",
                example: "transpose([[1, 2, 3], [4, 5, 6]])", group: "shapes") { _, args in
            .tensor(try args.tensor("x").transposed())
        },
        Builtin(name: "flatten", parameters: [.required("x")], summary: "All values as one vector.",
                example: "flatten([[1, 2], [3, 4]])", group: "shapes") { _, args in
            .tensor(try args.tensor("x").flattened())
        },
        Builtin(name: "concat", parameters: [.variadic("tensors"), .optional("axis", 0)], summary: "Joins tensors along an existing axis.",
                example: "concat([1, 2], [3], axis: 0)", group: "shapes") { _, args in
            let tensors = try args.rest.map { try BoundArguments.tensor($0.value, named: "tensors", in: "concat", at: $0.position) }
            guard let first = tensors.first else { throw ScriptError("concat needs at least one tensor", at: args.callPosition, code: "tensor-arguments") }
            return .tensor(try Tensor.concatenate(tensors, axis: try KernelAdapter.axis(try args.int("axis"), rank: first.rank)))
        },
        Builtin(name: "stack", parameters: [.variadic("tensors"), .optional("axis", 0)], summary: "Stacks tensors of one shape along a new axis.",
                example: "stack([1, 2], [3, 4], axis: 1)", group: "shapes") { _, args in
            let tensors = try args.rest.map { try BoundArguments.tensor($0.value, named: "tensors", in: "stack", at: $0.position) }
            guard let first = tensors.first else { throw ScriptError("stack needs at least one tensor", at: args.callPosition, code: "tensor-arguments") }
            return .tensor(try Tensor.stack(tensors, axis: try KernelAdapter.axis(try args.int("axis"), rank: first.rank + 1)))
        },
    ]

    static let math: [Builtin] = [
        unary("exp", "math", "e to the power x, elementwise.", example: "exp([0, 1])") { $0.exp() },
        unary("log", "math", "Natural logarithm, elementwise.", example: "log([1, e])") { $0.log() },
        unary("sqrt", "math", "Square root, elementwise.", example: "sqrt([4, 2])") { $0.sqrt() },
        unary("abs", "math", "Absolute value, elementwise.", example: "abs([-2, 3])") { $0.abs() },
        unary("square", "math", "x², elementwise.", example: "square([1, -2, 3])") { $0.square() },
        unary("sin", "math", "Sine, elementwise (radians).", example: "sin([0, pi / 2])") { $0.sin() },
        unary("cos", "math", "Cosine, elementwise (radians).", example: "cos([0, pi])") { $0.cos() },
        Builtin(name: "maximum", parameters: [.required("a"), .required("b")], summary: "Elementwise larger of `a` and `b` (broadcast).",
                example: "maximum([1, 5], 3)", group: "math") { _, args in
            .tensor(try Tensor.maximum(try args.tensor("a"), try args.tensor("b")))
        },
        Builtin(name: "minimum", parameters: [.required("a"), .required("b")], summary: "Elementwise smaller of `a` and `b` (broadcast).",
                example: "minimum([1, 5], 3)", group: "math") { _, args in
            .tensor(try Tensor.minimum(try args.tensor("a"), try args.tensor("b")))
        },
        Builtin(name: "clip", parameters: [.required("x"), .required("min"), .required("max")], summary: "Limits every value to [min, max].",
                example: "clip([-2, 0.5, 3], 0, 1)", group: "math") { _, args in
            .tensor(try args.tensor("x").clamp(min: try args.double("min"), max: try args.double("max")))
        },
        Builtin(name: "matmul", parameters: [.required("a"), .required("b")], summary: "Matrix product (numpy semantics); the operator `@` does the same.",
                example: "matmul([[1, 2], [3, 4]], [1, 1])", group: "math") { _, args in
            .tensor(try args.tensor("a").matmul(try args.tensor("b")))
        },
        Builtin(name: "dot", parameters: [.required("a"), .required("b")], summary: "Dot product of two vectors.",
                example: "dot([1, 2, 3], [4, 5, 6])", group: "math") { _, args in
            .tensor(try args.tensor("a").dot(try args.tensor("b")))
        },
        Builtin(name: "outer", parameters: [.required("a"), .required("b")], summary: "Outer product of two vectors.",
                example: "outer([1, 2], [1, 10, 100])", group: "math") { _, args in
            .tensor(try args.tensor("a").outer(try args.tensor("b")))
        },
        Builtin(name: "norm", parameters: [.required("x"), .optional("p", 2)], summary: "The p-norm of all values (p = 2: L2/Frobenius, p = 1: L1).",
                example: "norm([3, 4])", group: "math") { _, args in
            let p = try args.double("p")
            let x = try args.tensor("x")
            return .tensor(p == 2 ? x.l2Norm() : p == 1 ? x.l1Norm() : try x.norm(p: p))
        },
    ]

    static let reductions: [Builtin] = [
        reduction("sum", "Sum of all values, or along `axis`.", example: "sum([[1, 2], [3, 4]], axis: 0)") { x, axes, keep in
            axes == nil ? x.sum() : try x.sum(axes: axes, keepDims: keep)
        },
        reduction("mean", "Mean of all values, or along `axis`.", example: "mean([1, 2, 3, 4])") { x, axes, keep in
            axes == nil ? x.mean() : try x.mean(axes: axes, keepDims: keep)
        },
        reduction("max", "Largest value, or along `axis`.", example: "max([[1, 5], [7, 2]], axis: 1)") { x, axes, keep in
            axes == nil ? x.max() : try x.max(axes: axes, keepDims: keep)
        },
        reduction("min", "Smallest value, or along `axis`.", example: "min([3, -1, 2])") { x, axes, keep in
            axes == nil ? x.min() : try x.min(axes: axes, keepDims: keep)
        },
        Builtin(name: "var", parameters: [.required("x"), .optional("axis"), .optional("unbiased", .bool(false)), .optional("keepdims", .bool(false))],
                summary: "Variance (divides by m; `unbiased: true` divides by m − 1).",
                example: "var([1, 2, 3, 4], unbiased: true)", group: "reductions") { _, args in
            let x = try args.tensor("x")
            return .tensor(try x.variance(axes: try axes(args, rank: x.rank), correction: try args.bool("unbiased") ? 1 : 0, keepDims: try args.bool("keepdims")))
        },
        Builtin(name: "std", parameters: [.required("x"), .optional("axis"), .optional("unbiased", .bool(false)), .optional("keepdims", .bool(false))],
                summary: "Standard deviation (see `var`).",
                example: "std([1, 2, 3, 4])", group: "reductions") { _, args in
            let x = try args.tensor("x")
            return .tensor(try x.standardDeviation(axes: try axes(args, rank: x.rank), correction: try args.bool("unbiased") ? 1 : 0, keepDims: try args.bool("keepdims")))
        },
        Builtin(name: "argmax", parameters: [.required("x"), .optional("axis", -1)], summary: "Index of the largest value along `axis` (default: the last).",
                example: "argmax([0.1, 0.7, 0.2])", group: "reductions") { _, args in
            let x = try args.tensor("x")
            return .tensor(try x.argmax(axis: try KernelAdapter.axis(try args.int("axis"), rank: x.rank)))
        },
    ]

    static func reduction(_ name: String, _ summary: String, example: String, _ f: @escaping @Sendable (Tensor, [Int]?, Bool) throws -> Tensor) -> Builtin {
        Builtin(name: name, parameters: [.required("x"), .optional("axis"), .optional("keepdims", .bool(false))],
                summary: summary, example: example, group: "reductions") { _, args in
            let x = try args.tensor("x")
            return .tensor(try f(x, try axes(args, rank: x.rank), try args.bool("keepdims")))
        }
    }
}
