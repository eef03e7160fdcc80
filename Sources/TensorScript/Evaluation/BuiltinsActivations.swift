import Tensor

extension Builtins {
    static let activations: [Builtin] = [
        unary("sigmoid", "activations", "σ(x) = 1 / (1 + e^(−x)); its slope is at most 0.25, at x = 0.", example: "sigmoid([-2, 0, 2])") { $0.sigmoid() },
        unary("tanh", "activations", "Hyperbolic tangent, in (−1, 1); slope 1 at 0.", example: "tanh([-1, 0, 1])") { $0.tanh() },
        unary("relu", "activations", "max(0, x).", example: "relu([-1, 0, 2])") { $0.relu() },
        Builtin(name: "leaky_relu", parameters: [.required("x"), .optional("alpha", 0.01)], summary: "x for x > 0, αx otherwise.",
                example: "leaky_relu([-2, 3], alpha: 0.1)", group: "activations") { _, args in
            .tensor(try args.tensor("x").leakyRelu(try args.double("alpha")))
        },
        Builtin(name: "elu", parameters: [.required("x"), .optional("alpha", 1)], summary: "x for x > 0, α(eˣ − 1) otherwise.",
                example: "elu([-2, 3])", group: "activations") { _, args in
            .tensor(try args.tensor("x").elu(try args.double("alpha")))
        },
        Builtin(name: "prelu", parameters: [.required("x"), .required("slope")], summary: "Leaky ReLU with a learnable slope (a number or one per channel).",
                example: "prelu([-2, 3], 0.25)", group: "activations") { _, args in
            .tensor(try args.tensor("x").prelu(try args.tensor("slope")))
        },
        unary("softplus", "activations", "log(1 + eˣ), a smooth ReLU.", example: "softplus([0])") { $0.softplus() },
        unary("gelu", "activations", "x·Φ(x) with the exact normal CDF.", example: "gelu([-1, 0, 1])") { $0.gelu() },
        unary("silu", "activations", "x·σ(x) (also called swish).", example: "silu([-1, 0, 1])") { $0.silu() },
        unary("softsign", "activations", "x / (1 + |x|).", example: "softsign([-1, 3])") { $0.softsign() },
        Builtin(name: "softmax", parameters: [.required("x"), .optional("axis", -1)], summary: "exp(xᵢ) / Σⱼ exp(xⱼ) along `axis` (the last by default), computed stably.",
                example: "softmax([2.0, 1.0, 0.1])", group: "activations") { _, args in
            let x = try args.tensor("x")
            return .tensor(try x.softmax(axis: try KernelAdapter.axis(try args.int("axis"), rank: x.rank)))
        },
        Builtin(name: "log_softmax", parameters: [.required("x"), .optional("axis", -1)], summary: "log(softmax(x)) without overflow.",
                example: "log_softmax([2.0, 1.0, 0.1])", group: "activations") { _, args in
            let x = try args.tensor("x")
            return .tensor(try x.logSoftmax(axis: try KernelAdapter.axis(try args.int("axis"), rank: x.rank)))
        },
    ]

    static let losses: [Builtin] = [
        Builtin(name: "cross_entropy", parameters: [.required("logits"), .required("target")],
                summary: "Mean cross-entropy of logits `[C]` or `[N, C]` against class indices (`2`, `[0, 2]`) or target probabilities of the logits' shape.",
                example: "cross_entropy([2.0, 1.0, 0.1], 0)", group: "losses") { _, args in
            let logits = try args.tensor("logits")
            let target = try args.tensor("target")
            if target.shape == logits.shape && logits.rank >= 1 && !(logits.rank == 1 && logits.count == 1) {
                let batched = logits.rank == 1 ? try logits.reshape([1, -1]) : logits
                let probabilities = logits.rank == 1 ? try target.reshape([1, -1]) : target
                return .tensor(try crossEntropyLoss(logits: batched, probabilities: probabilities))
            }
            return .tensor(try crossEntropyLoss(logits: logits, labels: try KernelAdapter.labels(target)))
        },
        Builtin(name: "bce", parameters: [.required("p"), .required("y")], summary: "Binary cross-entropy of probabilities p against targets y in {0, 1}.",
                example: "bce([0.9, 0.2], [1, 0])", group: "losses") { _, args in
            .tensor(try binaryCrossEntropyLoss(try args.tensor("p"), try args.tensor("y")))
        },
        Builtin(name: "bce_logits", parameters: [.required("logits"), .required("y")], summary: "Binary cross-entropy on logits (stable: sigmoid folded in).",
                example: "bce_logits([2.2, -1.4], [1, 0])", group: "losses") { _, args in
            .tensor(try binaryCrossEntropyWithLogitsLoss(try args.tensor("logits"), try args.tensor("y")))
        },
        Builtin(name: "mse", parameters: [.required("prediction"), .required("target")], summary: "Mean squared error.",
                example: "mse([1, 2, 3], [1, 2, 5])", group: "losses") { _, args in
            .tensor(try mseLoss(try args.tensor("prediction"), try args.tensor("target")))
        },
        Builtin(name: "mae", parameters: [.required("prediction"), .required("target")], summary: "Mean absolute error.",
                example: "mae([1, 2, 3], [1, 2, 5])", group: "losses") { _, args in
            .tensor(try maeLoss(try args.tensor("prediction"), try args.tensor("target")))
        },
        Builtin(name: "huber", parameters: [.required("prediction"), .required("target"), .optional("delta", 1)], summary: "Huber loss: squared near 0, linear beyond `delta`.",
                example: "huber([0, 0], [0.5, 3])", group: "losses") { _, args in
            .tensor(try huberLoss(try args.tensor("prediction"), try args.tensor("target"), delta: try args.double("delta")))
        },
        Builtin(name: "hinge", parameters: [.required("scores"), .required("labels")], summary: "mean(max(0, 1 − y·s)) for labels in {−1, +1}.",
                example: "hinge([0.3, -2], [1, -1])", group: "losses") { _, args in
            .tensor(try hingeLoss(try args.tensor("scores"), try args.tensor("labels")))
        },
    ]
}
