import Tensor

extension Builtins {
    static let optimiserNames = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"]

    static let optimisation: [Builtin] = [
        Builtin(name: "minimize",
                parameters: [.required("f"), .required("x0"), .optional("optimizer", .string("sgd")), .optional("lr", 0.1),
                             .optional("steps", 50), .optional("momentum", 0.9), .optional("beta1", 0.9), .optional("beta2", 0.999),
                             .optional("weight_decay", 0), .optional("clip")],
                summary: "Runs an optimiser on f from x0 and returns the trajectory (loss and x at every step; fields `loss`, `final`, `params`), shown as a table and drawn by `plot` as loss per step. `optimizer` is one of \"sgd\", \"momentum\", \"nesterov\", \"rmsprop\", \"adam\", \"adamw\"; `clip` limits the gradient norm.",
                example: "minimize(square, 1, lr: 0.25, steps: 4)", group: "optimisation") { context, args in
            try minimize(context, args)
        },
    ]

    private static func minimize(_ context: EvaluationContext, _ args: BoundArguments) throws -> Value {
        let f = try args.function("f")
        var x = try args.tensor("x0").detached()
        let name = try args.string("optimizer").lowercased()
        let lr = try args.double("lr")
        let steps = try args.int("steps", minimum: 0)
        guard steps <= 10_000 else { throw ScriptError("minimize runs at most 10000 steps", at: args.position("steps"), code: "tensor-arguments") }
        // The trajectory keeps x after every step: as much as the tensor `params` of shape [steps + 1, x0's shape].
        guard Double(steps + 1) * Double(x.count) <= Double(Tensor.maxElementCount) else {
            throw ScriptError("minimize keeps x after every step, \(steps + 1) × \(x.count) numbers, more than the \(Tensor.maxElementCount) a tensor may hold; use fewer steps or a smaller x0", at: args.position("steps"), code: "tensor-too-large")
        }
        let weightDecay = try args.double("weight_decay")
        let momentum = try args.double("momentum")
        var optimizer: any Optimizer
        switch name {
        case "sgd": optimizer = SGD(learningRate: lr, weightDecay: weightDecay)
        case "momentum": optimizer = SGD(learningRate: lr, momentum: momentum, weightDecay: weightDecay)
        case "nesterov": optimizer = SGD(learningRate: lr, momentum: momentum, nesterov: true, weightDecay: weightDecay)
        case "rmsprop": optimizer = RMSprop(learningRate: lr, weightDecay: weightDecay)
        case "adam": optimizer = Adam(learningRate: lr, beta1: try args.double("beta1"), beta2: try args.double("beta2"), weightDecay: weightDecay)
        case "adamw": optimizer = Adam.adamW(learningRate: lr, beta1: try args.double("beta1"), beta2: try args.double("beta2"), weightDecay: args.isGiven("weight_decay") ? weightDecay : 0.01)
        default:
            let hint = Spelling.closest(to: name, among: optimiserNames).map { "; did you mean \"\($0)\"?" } ?? ""
            throw ScriptError("unknown optimizer \"\(name)\" (one of \(optimiserNames.map { "\"\($0)\"" }.joined(separator: ", ")))\(hint)", at: args.position("optimizer"), code: "tensor-arguments")
        }
        let clip = try args.optionalTensor("clip")?.scalar
        var losses: [Double] = []
        var parameters: [Tensor] = [x]
        for step in 0...steps {
            let input = x.requiringGrad()
            let output = try context.apply(f, to: input, at: args.position("f"))
            let loss = output.sum()
            losses.append(loss.scalar ?? .nan)
            guard step < steps else { break }
            guard (loss.scalar ?? .nan).isFinite else { break }
            var gradient = try loss.backward().gradient(of: input)
            if let clip { gradient = try clipGradientsByNorm([gradient], maxNorm: clip).gradients[0] }
            x = try optimizer.step([x], gradients: [gradient])[0].detached()
            parameters.append(x)
        }
        let format = NumberFormat.choose(for: [lr])
        return .trajectory(Trajectory(label: "\(name) lr=\(format.format(lr))", losses: losses, parameters: parameters))
    }
}
