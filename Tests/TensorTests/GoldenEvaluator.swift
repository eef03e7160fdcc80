@testable import Tensor

/// Evaluates a golden case with the Swift kernel. `inputs` already has the differentiated inputs tracked.
enum GoldenEvaluator {
    static func evaluate(_ c: GoldenCase, _ inputs: [String: Tensor]) throws -> [String: Tensor] {
        func t(_ key: String) throws -> Tensor {
            guard let v = inputs[key] else { throw TensorError("case \(c.name) lacks input \(key)") }
            return v
        }
        func labels(_ key: String) throws -> [Int] { try t(key).scalars.map { Int($0) } }
        let alpha = c.number("alpha") ?? 0
        switch c.op {
        case "sigmoid": return ["y": try t("x").sigmoid()]
        case "tanh": return ["y": try t("x").tanh()]
        case "relu": return ["y": try t("x").relu()]
        case "leaky_relu": return ["y": try t("x").leakyRelu(alpha)]
        case "elu": return ["y": try t("x").elu(alpha)]
        case "softplus": return ["y": try t("x").softplus()]
        case "gelu": return ["y": try t("x").gelu()]
        case "gelu_tanh": return ["y": try t("x").geluTanh()]
        case "silu": return ["y": try t("x").silu()]
        case "softsign": return ["y": try t("x").softsign()]
        case "prelu": return ["y": try t("x").prelu(t("slope"))]
        case "softmax": return ["y": try t("x").softmax(axis: 1)]
        case "softmax_axis0": return ["y": try t("x").softmax(axis: 0)]
        case "log_softmax": return ["y": try t("x").logSoftmax(axis: -1)]
        case "cross_entropy": return ["y": try crossEntropyLoss(logits: t("x"), labels: labels("labels"))]
        case "mse": return ["y": try mseLoss(t("x"), t("target"))]
        case "mae": return ["y": try maeLoss(t("x"), t("target"))]
        case "huber": return ["y": try huberLoss(t("x"), t("target"))]
        case "bce": return ["y": try binaryCrossEntropyLoss(t("x"), t("target"))]
        case "bce_logits": return ["y": try binaryCrossEntropyWithLogitsLoss(t("x"), t("target"))]
        case "hinge": return ["y": try hingeLoss(t("x"), t("target"))]
        case "l1_norm": return ["y": try t("x").l1Norm()]
        case "l2_norm": return ["y": try t("x").l2Norm()]
        case "frobenius_norm": return ["y": try t("x").frobeniusNorm()]
        case "matmul": return ["y": try t("a").matmul(t("b"))]
        case "linear": return ["y": try linear(t("x"), weight: t("weight"), bias: t("bias"))]
        case "sum_axes_0_2": return ["y": try t("x").sum(axes: [0, 2])]
        case "mean_axis1_keepdims": return ["y": try t("x").mean(axes: [1], keepDims: true)]
        case "var_axis1_unbiased": return ["y": try t("x").variance(axes: [1], correction: 1)]
        case "max_axis1": return ["y": try t("x").max(axes: [1])]
        case "slice_strided": return ["y": try t("x").slice(axis: 0, start: 1, end: 4, step: 2).slice(axis: 1, start: 0, end: 6, step: 3)]
        case "permute": return ["y": try t("x").permute([2, 0, 1])]
        case "concat_axis1": return ["y": try Tensor.concatenate([t("a"), t("b")], axis: 1)]
        case "broadcast_mul": return ["y": try t("a") * t("b")]
        case "broadcast_div": return ["y": try t("a") / t("b")]
        case "conv2d":
            return ["y": try conv2d(t("x"), weight: t("weight"), bias: t("bias"), stride: c.pair("stride", default: 1),
                                    padding: c.pair("padding", default: 0), dilation: c.pair("dilation", default: 1),
                                    groups: Int(c.number("groups") ?? 1))]
        case "conv_transpose2d":
            return ["y": try convTranspose2d(t("x"), weight: t("weight"), bias: t("bias"), stride: c.pair("stride", default: 1),
                                             padding: c.pair("padding", default: 0),
                                             outputPadding: c.pair("output_padding", default: 0),
                                             dilation: c.pair("dilation", default: 1), groups: Int(c.number("groups") ?? 1))]
        case "max_pool2d":
            return ["y": try maxPool2d(t("x"), kernel: c.pair("kernel", default: 2), stride: c.pair("stride", default: 2),
                                       padding: c.pair("padding", default: 0))]
        case "avg_pool2d":
            return ["y": try avgPool2d(t("x"), kernel: c.pair("kernel", default: 2), stride: c.pair("stride", default: 2),
                                       padding: c.pair("padding", default: 0))]
        case "global_avg_pool2d": return ["y": try globalAvgPool2d(t("x"))]
        case "batch_norm_train", "batch_norm_eval":
            var state = try BatchNormState(channels: try t("gamma").count, momentum: c.number("momentum") ?? 0.1)
            state.runningMean = try t("running_mean")
            state.runningVariance = try t("running_var")
            let y = try batchNorm(t("x"), gamma: t("gamma"), beta: t("beta"), state: &state, training: c.op == "batch_norm_train")
            return ["y": y, "running_mean": state.runningMean, "running_var": state.runningVariance]
        case "layer_norm": return ["y": try layerNorm(t("x"), normalizedAxes: 1, gamma: t("gamma"), beta: t("beta"))]
        case "instance_norm": return ["y": try instanceNorm(t("x"), gamma: t("gamma"), beta: t("beta"))]
        case "group_norm": return ["y": try groupNorm(t("x"), groups: Int(c.number("groups") ?? 1), gamma: t("gamma"), beta: t("beta"))]
        case "rnn_cell", "lstm_cell", "gru_cell":
            let w = RecurrentWeights(inputWeight: try t("w_ih"), hiddenWeight: try t("w_hh"), inputBias: try t("b_ih"), hiddenBias: try t("b_hh"))
            if c.op == "rnn_cell" { return ["h": try rnnCell(t("x"), hidden: t("h"), weights: w)] }
            if c.op == "gru_cell" { return ["h": try gruCell(t("x"), hidden: t("h"), weights: w)] }
            let s = try lstmCell(t("x"), hidden: t("h"), cell: t("c"), weights: w)
            return ["h": s.hidden, "c": s.cell, "i": s.inputGate, "f": s.forgetGate, "g": s.candidate, "o": s.outputGate]
        case "attention":
            let r = try scaledDotProductAttention(query: t("q"), key: t("k"), value: t("v"), mask: t("mask"))
            return ["y": r.output, "weights": r.weights]
        case "f32_exp": return ["y": try t("x").converted(to: .float32).exp()]
        case "f32_sigmoid": return ["y": try t("x").converted(to: .float32).sigmoid()]
        case "f32_softmax": return ["y": try t("x").converted(to: .float32).softmax()]
        case "f32_mul_add": return ["y": try t("x").converted(to: .float32) * t("y").converted(to: .float32) + 0.1]
        case "f32_sqrt": return ["y": try t("x").converted(to: .float32).sqrt()]
        case "clip_grad_norm":
            let (clipped, norm) = try clipGradientsByNorm([t("g0"), t("g1")], maxNorm: c.number("max_norm") ?? 1)
            return ["g0": clipped[0], "g1": clipped[1], "norm": Tensor(norm)]
        default:
            return try optimizerTrajectory(c, t("p"), t("grads"))
        }
    }

    static func optimizerTrajectory(_ c: GoldenCase, _ p0: Tensor, _ grads: Tensor) throws -> [String: Tensor] {
        var optimizer: any Optimizer
        switch c.op {
        case "sgd": optimizer = SGD(learningRate: 0.1)
        case "sgd_momentum": optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        case "sgd_nesterov": optimizer = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
        case "sgd_weight_decay": optimizer = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        case "rmsprop": optimizer = RMSprop(learningRate: 0.01)
        case "adam": optimizer = Adam(learningRate: 0.01)
        case "adam_l2": optimizer = Adam(learningRate: 0.01, weightDecay: 0.1)
        case "adamw": optimizer = Adam.adamW(learningRate: 0.01, weightDecay: 0.1)
        default: throw TensorError("unknown golden op \(c.op)")
        }
        var p = p0
        var rows: [Tensor] = []
        for step in 0..<grads.shape[0] {
            p = try optimizer.step([p], gradients: [grads.select(axis: 0, index: step)])[0]
            rows.append(p)
        }
        return ["trajectory": try Tensor.stack(rows)]
    }
}
