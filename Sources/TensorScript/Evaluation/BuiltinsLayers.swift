import Tensor

extension Builtins {
    static let layers: [Builtin] = [
        Builtin(name: "linear", parameters: [.required("x"), .required("w"), .optional("b")],
                summary: "A fully connected layer x·Wᵀ + b with W of shape [out, in] (PyTorch layout).",
                example: "linear([1, 2], [[1, 0], [0, 1], [1, 1]], [0, 0, 0.5])", group: "layers") { _, args in
            .tensor(try linear(try args.tensor("x"), weight: try args.tensor("w"), bias: try args.optionalTensor("b")))
        },
        Builtin(name: "conv2d",
                parameters: [.required("x"), .required("w"), .optional("b"), .optional("stride", 1), .optional("padding", 0),
                             .optional("dilation", 1), .optional("groups", 1)],
                summary: "2-D convolution (cross-correlation) of x [N, C, H, W] with w [out, C/groups, kh, kw]; a plain matrix and kernel also work. `stride`, `padding`, `dilation` are a number or [h, w].",
                example: "conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])", group: "layers") { _, args in
            var x = try args.tensor("x"), w = try args.tensor("w")
            let plain = x.rank == 2 && w.rank == 2
            if plain {
                x = try x.reshape([1, 1] + x.shape)
                w = try w.reshape([1, 1] + w.shape)
            }
            let y = try conv2d(x, weight: w, bias: try args.optionalTensor("b"), stride: try pair(args, "stride"),
                               padding: try pair(args, "padding"), dilation: try pair(args, "dilation"), groups: try args.int("groups", minimum: 1))
            return .tensor(plain ? try y.reshape(Array(y.shape.suffix(2))) : y)
        },
        Builtin(name: "conv_transpose2d",
                parameters: [.required("x"), .required("w"), .optional("b"), .optional("stride", 1), .optional("padding", 0)],
                summary: "Transposed convolution of x [N, Cin, H, W] with w [Cin, out, kh, kw] (upsampling).",
                example: "shape(conv_transpose2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3), stride: 2))", group: "layers") { _, args in
            .tensor(try convTranspose2d(try args.tensor("x"), weight: try args.tensor("w"), bias: try args.optionalTensor("b"),
                                        stride: try pair(args, "stride"), padding: try pair(args, "padding")))
        },
        Builtin(name: "conv_output_size",
                parameters: [.required("input"), .required("kernel"), .optional("stride", 1), .optional("padding", 0), .optional("dilation", 1)],
                summary: "⌊(input + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1, the output size along one axis.",
                example: "conv_output_size(32, 3, stride: 2, padding: 1)", group: "layers") { _, args in
            number(try convOutputSize(input: try args.int("input"), kernel: try args.int("kernel"), stride: try args.int("stride"),
                                      padding: try args.int("padding"), dilation: try args.int("dilation")))
        },
        Builtin(name: "conv_params",
                parameters: [.required("in"), .required("out"), .required("kernel"), .optional("groups", 1), .optional("bias", .bool(true))],
                summary: "Learnable parameters of a conv layer: out·(in/groups)·k² weights (+ out biases). `kernel` is a number or [kh, kw].",
                example: "conv_params(3, 64, 3)", group: "layers") { _, args in
            let kernel = try pair(args, "kernel")
            let input = try args.int("in", minimum: 1), groups = try args.int("groups", minimum: 1)
            guard input % groups == 0 else {
                throw ScriptError("\(input) input channels cannot be split into \(groups) groups", at: args.position("groups"), code: "tensor-arguments")
            }
            return number(conv2dParameterCount(inChannels: input, outChannels: try args.int("out", minimum: 1), kernelHeight: kernel.height,
                                               kernelWidth: kernel.width, groups: groups, bias: try args.bool("bias")))
        },
        Builtin(name: "linear_params", parameters: [.required("in"), .required("out"), .optional("bias", .bool(true))],
                summary: "Learnable parameters of a fully connected layer: in·out (+ out).",
                example: "linear_params(512, 10)", group: "layers") { _, args in
            number(linearParameterCount(inFeatures: try args.int("in", minimum: 1), outFeatures: try args.int("out", minimum: 1), bias: try args.bool("bias")))
        },
        Builtin(name: "max_pool", parameters: [.required("x"), .required("kernel"), .optional("stride"), .optional("padding", 0)],
                summary: "Max pooling over x [N, C, H, W] (or a plain matrix); stride defaults to the kernel size.",
                example: "max_pool([[1, 2, 5, 6], [3, 4, 7, 8], [0, 0, 1, 1], [0, 9, 1, 1]], 2)", group: "layers") { _, args in
            try pooled(args) { x, kernel, stride, padding in try maxPool2d(x, kernel: kernel, stride: stride, padding: padding) }
        },
        Builtin(name: "avg_pool", parameters: [.required("x"), .required("kernel"), .optional("stride"), .optional("padding", 0)],
                summary: "Average pooling over x [N, C, H, W] (or a plain matrix).",
                example: "avg_pool([[1, 2, 5, 6], [3, 4, 7, 8], [0, 0, 1, 1], [0, 9, 1, 1]], 2)", group: "layers") { _, args in
            try pooled(args) { x, kernel, stride, padding in try avgPool2d(x, kernel: kernel, stride: stride, padding: padding) }
        },
        Builtin(name: "global_avg_pool", parameters: [.required("x")], summary: "Mean over H and W: [N, C, H, W] → [N, C].",
                example: "global_avg_pool(ones(1, 2, 3, 3))", group: "layers") { _, args in
            .tensor(try globalAvgPool2d(try args.tensor("x")))
        },
        Builtin(name: "batchnorm",
                parameters: [.required("x"), .optional("train", .bool(true)), .optional("momentum", 0.1), .optional("eps", 1e-5),
                             .optional("gamma"), .optional("beta"), .optional("running_mean"), .optional("running_var")],
                summary: "Batch normalisation of x [N, C] or [N, C, …]. Training (`train: true`) normalises with the batch mean and biased variance and returns a record: `y`, `mean`, `var`, and the updated `running_mean`, `running_var` (momentum-weighted, unbiased variance m/(m−1)). Evaluation (`train: false`) returns y normalised with `running_mean`/`running_var` (default 0 and 1).",
                example: "batchnorm([[1, 2], [3, 6], [5, 10]]).y", group: "layers") { _, args in
            let x = try args.tensor("x")
            guard x.rank >= 2 else {
                throw ScriptError("batchnorm needs a batch [N, C] or [N, C, …], got shape \(Display.shapeText(x.shape))", at: args.position("x"), code: "tensor-shape")
            }
            var state = try BatchNormState(channels: x.shape[1], momentum: try args.double("momentum"), epsilon: try args.double("eps"))
            if let m = try args.optionalTensor("running_mean") { state.runningMean = m }
            if let v = try args.optionalTensor("running_var") { state.runningVariance = v }
            let training = try args.bool("train")
            let y = try batchNorm(x, gamma: try args.optionalTensor("gamma"), beta: try args.optionalTensor("beta"), state: &state, training: training)
            guard training else { return .tensor(y) }
            let axes = [0] + Array(2..<x.rank)
            return record([("y", y), ("mean", try x.mean(axes: axes)), ("var", try x.variance(axes: axes)),
                           ("running_mean", state.runningMean), ("running_var", state.runningVariance)])
        },
        Builtin(name: "layernorm", parameters: [.required("x"), .optional("gamma"), .optional("beta"), .optional("eps", 1e-5)],
                summary: "Layer normalisation of each sample over its last axis.",
                example: "layernorm([[1, 2, 3], [2, 4, 12]])", group: "layers") { _, args in
            .tensor(try layerNorm(try args.tensor("x"), gamma: try args.optionalTensor("gamma"), beta: try args.optionalTensor("beta"), epsilon: try args.double("eps")))
        },
        Builtin(name: "instancenorm", parameters: [.required("x"), .optional("eps", 1e-5)],
                summary: "Instance normalisation: each (sample, channel) plane of [N, C, H, W] on its own.",
                example: "instancenorm([[[[1, 2], [3, 4]]]])", group: "layers") { _, args in
            .tensor(try instanceNorm(try args.tensor("x"), epsilon: try args.double("eps")))
        },
        Builtin(name: "groupnorm", parameters: [.required("x"), .required("groups"), .optional("eps", 1e-5)],
                summary: "Group normalisation: the channels of [N, C, …] in `groups` groups, each normalised per sample.",
                example: "groupnorm([[1, 2, 3, 4]], 2)", group: "layers") { _, args in
            .tensor(try groupNorm(try args.tensor("x"), groups: try args.int("groups", minimum: 1), epsilon: try args.double("eps")))
        },
        Builtin(name: "dropout", parameters: [.required("x"), .optional("p", 0.5), .optional("train", .bool(true))],
                summary: "Inverted dropout: in training each value is zeroed with probability p and survivors are scaled by 1/(1−p), so the mean is kept; with `train: false` it is the identity. Uses the seeded generator.",
                example: "dropout(ones(8), p: 0.5)", group: "layers") { context, args in
            .tensor(try dropout(try args.tensor("x"), p: try args.double("p"), training: try args.bool("train"), rng: &context.rng))
        },
        Builtin(name: "rnn_cell", parameters: [.required("x"), .required("h"), .optional("wx"), .optional("wh"), .optional("b")],
                summary: "One Elman RNN step tanh(x·Wxᵀ + h·Whᵀ + b). Weights default to a seeded PyTorch-style initialisation.",
                example: "rnn_cell([1, 0], [0, 0, 0])", group: "layers") { context, args in
            let (x, h) = (try args.tensor("x"), try args.tensor("h"))
            return .tensor(try rnnCell(x, hidden: h, weights: try recurrentWeights(context, args, x: x, h: h, gates: 1)))
        },
        Builtin(name: "lstm_cell", parameters: [.required("x"), .required("h"), .required("c"), .optional("wx"), .optional("wh"), .optional("b")],
                summary: "One LSTM step (gates i, f, g, o in PyTorch order; wx [4H, I], wh [4H, H], b [4H]). Returns a record: new `h` and `c`, and the gates `i`, `f`, `g`, `o`. Weights default to a seeded initialisation.",
                example: "lstm_cell([1, 0.5], [0, 0], [0, 0]).c", group: "layers") { context, args in
            let (x, h) = (try args.tensor("x"), try args.tensor("h"))
            let step = try lstmCell(x, hidden: h, cell: try args.tensor("c"), weights: try recurrentWeights(context, args, x: x, h: h, gates: 4))
            return record([("h", step.hidden), ("c", step.cell), ("i", step.inputGate), ("f", step.forgetGate), ("g", step.candidate), ("o", step.outputGate)])
        },
        Builtin(name: "gru_cell", parameters: [.required("x"), .required("h"), .optional("wx"), .optional("wh"), .optional("b")],
                summary: "One GRU step (gates r, z, n; wx [3H, I], wh [3H, H]). Weights default to a seeded initialisation.",
                example: "gru_cell([1, 0.5], [0, 0])", group: "layers") { context, args in
            let (x, h) = (try args.tensor("x"), try args.tensor("h"))
            return .tensor(try gruCell(x, hidden: h, weights: try recurrentWeights(context, args, x: x, h: h, gates: 3)))
        },
        Builtin(name: "attention", parameters: [.required("q"), .required("k"), .required("v"), .optional("mask")],
                summary: "Scaled dot-product attention softmax(QKᵀ/√d + mask)·V. Returns a record: `output` and `weights` (each row sums to 1). In `mask`, 0 means \"may not attend\".",
                example: "attention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]).weights", group: "layers") { _, args in
            let r = try scaledDotProductAttention(query: try args.tensor("q"), key: try args.tensor("k"), value: try args.tensor("v"), mask: try args.optionalTensor("mask"))
            return record([("output", r.output), ("weights", r.weights)])
        },
        Builtin(name: "causal_mask", parameters: [.required("n")], summary: "The n×n lower-triangular mask: position i may attend to positions ≤ i.",
                example: "causal_mask(3)", group: "layers") { _, args in
            .tensor(try causalMask(try args.int("n", minimum: 0)))
        },
    ]

    /// A per-axis setting from a number or a vector [h, w].
    static func pair(_ args: BoundArguments, _ name: String) throws -> Pair2D {
        let t = try args.tensor(name)
        let values = t.scalars
        guard (values.count == 1 || values.count == 2), values.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < 1e6 }) else {
            throw ScriptError("'\(name)' of \(args.functionName) must be a whole number or [h, w]", at: args.position(name), code: "tensor-type")
        }
        return values.count == 1 ? Pair2D(Int(values[0])) : Pair2D(Int(values[0]), Int(values[1]))
    }

    private static func pooled(_ args: BoundArguments, _ pool: (Tensor, Pair2D, Pair2D?, Pair2D) throws -> Tensor) throws -> Value {
        var x = try args.tensor("x")
        let plain = x.rank == 2
        if plain { x = try x.reshape([1, 1] + x.shape) }
        let stride = args.isGiven("stride") ? try pair(args, "stride") : nil
        let y = try pool(x, try pair(args, "kernel"), stride, try pair(args, "padding"))
        return .tensor(plain ? try y.reshape(Array(y.shape.suffix(2))) : y)
    }

    private static func recurrentWeights(_ context: EvaluationContext, _ args: BoundArguments, x: Tensor, h: Tensor, gates: Int) throws -> RecurrentWeights {
        guard let inputSize = x.shape.last, let hiddenSize = h.shape.last else {
            throw ScriptError("x and h must be vectors or batches of vectors", at: args.callPosition, code: "tensor-shape")
        }
        var weights = try RecurrentWeights(inputSize: inputSize, hiddenSize: hiddenSize, gates: gates, rng: &context.rng)
        if let wx = try args.optionalTensor("wx") { weights.inputWeight = wx }
        if let wh = try args.optionalTensor("wh") { weights.hiddenWeight = wh }
        if args.isGiven("wx") || args.isGiven("wh") || args.isGiven("b") {
            weights.inputBias = try args.optionalTensor("b")
            weights.hiddenBias = nil
        }
        return weights
    }
}
