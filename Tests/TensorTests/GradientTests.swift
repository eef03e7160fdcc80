import Testing
@testable import Tensor

private let x34 = Inputs.awayFromZero([3, 4], seed: 1)
private let positive34 = Inputs.positive([3, 4], seed: 2)
private let image = Inputs.normal([2, 4, 5, 5], seed: 3)
private let weight = Inputs.normal([6, 2, 3, 3], seed: 4)
private let other34 = Inputs.normal([3, 4], seed: 5)

/// Every primitive and composed op: backward() agrees with central finite differences.
@Suite struct GradientTests {
    static let primitives: [GradientCheck] = [
        GradientCheck("negate", x34) { -$0 },
        GradientCheck("exp", x34) { $0.exp() },
        GradientCheck("log", positive34) { $0.log() },
        GradientCheck("sqrt", positive34) { $0.sqrt() },
        GradientCheck("reciprocal", positive34) { $0.reciprocal() },
        GradientCheck("sin", x34) { $0.sin() },
        GradientCheck("cos", x34) { $0.cos() },
        GradientCheck("expm1", x34) { $0.expm1() },
        GradientCheck("log1p", positive34) { $0.log1p() },
        GradientCheck("erf", x34) { $0.erf() },
        GradientCheck("pow 3", x34) { $0.pow(3) },
        GradientCheck("pow 0.5", positive34) { $0.pow(0.5) },
        GradientCheck("square", x34) { $0.square() },
        GradientCheck("add broadcast", x34) { try $0 + Tensor([1, 2, 3, 4]) },
        GradientCheck("sub broadcast (rhs)", Inputs.normal([4], seed: 6)) { try x34 - $0 },
        GradientCheck("mul broadcast", Inputs.normal([3, 1], seed: 6)) { try $0 * x34 },
        GradientCheck("div numerator", x34) { try $0 / positive34 },
        GradientCheck("div denominator", positive34) { try x34 / $0 },
        GradientCheck("scalar ops", x34) { (2 - $0 * 3) / 4 + 1 },
        GradientCheck("maximum", x34) { try Tensor.maximum($0, other34) },
        GradientCheck("minimum", x34) { try Tensor.minimum($0, other34) },
        GradientCheck("select", x34) { try Tensor.select(other34.greater(Tensor(0)), $0.exp(), $0 * 2) },
        GradientCheck("sum axes", Inputs.normal([2, 3, 4], seed: 8)) { try $0.sum(axes: [0, 2]) },
        GradientCheck("sum all", x34) { $0.sum() },
        GradientCheck("mean keepdims", Inputs.normal([2, 3, 4], seed: 8)) { try $0.mean(axes: [1], keepDims: true) },
        GradientCheck("max axis", x34) { try $0.max(axes: [1]) },
        GradientCheck("max all", x34) { $0.max() },
        GradientCheck("min axis", x34) { try $0.min(axes: [0]) },
        GradientCheck("variance unbiased", x34) { try $0.variance(axes: [1], correction: 1) },
        GradientCheck("standard deviation", x34) { try $0.standardDeviation(axes: [0]) },
        GradientCheck("logsumexp", x34) { try $0.logSumExp(axes: [1]) },
        GradientCheck("reshape", x34) { try $0.reshape([2, -1]) * Tensor.arange(6) },
        GradientCheck("permute", Inputs.normal([2, 3, 4], seed: 9)) { try $0.permute([2, 0, 1]) },
        GradientCheck("transpose", x34) { try $0.transposed().matmul(other34) },
        GradientCheck("expand", Inputs.normal([3, 1], seed: 10)) { try $0.broadcast(to: [2, 3, 4]) },
        GradientCheck("pad", x34) { try $0.padded(before: [1, 0], after: [2, 3]) },
        GradientCheck("pad with value", x34) { try $0.padded(before: [1, 1], after: [0, 1], value: -2).exp() },
        GradientCheck("slice strided", Inputs.normal([5, 6], seed: 11)) { try $0.slice(axis: 1, start: 1, end: 6, step: 2) },
        GradientCheck("select index", x34) { try $0.select(axis: 1, index: -1) },
        GradientCheck("concatenate", x34) { try Tensor.concatenate([$0, $0.square(), other34], axis: 0) },
        GradientCheck("stack", x34) { try Tensor.stack([$0, other34], axis: 1) },
        GradientCheck("squeeze unsqueeze", x34) { try $0.unsqueezed(0).unsqueezed(-1).squeezed() },
        GradientCheck("matmul lhs", x34) { try $0.matmul(Inputs.normal([4, 5], seed: 12)) },
        GradientCheck("matmul rhs", Inputs.normal([4, 5], seed: 12)) { try x34.matmul($0) },
        GradientCheck("matmul batched", Inputs.normal([2, 3, 4], seed: 13)) { try $0.matmul(Inputs.normal([4, 2], seed: 14)) },
        GradientCheck("matmul vector", Inputs.normal([4], seed: 15)) { try x34.matmul($0) },
        GradientCheck("matmul tiles lhs", Inputs.normal([5, 6], seed: 16)) { try $0.matmul(Inputs.normal([6, 7], seed: 17)) },
        GradientCheck("matmul tiles rhs", Inputs.normal([6, 7], seed: 17)) { try Inputs.normal([5, 6], seed: 16).matmul($0) },
        GradientCheck("dot", Inputs.normal([4], seed: 15)) { try $0.dot(Tensor([1, -2, 3, 0.5])) },
        GradientCheck("outer", Inputs.normal([3], seed: 15)) { try $0.outer(Tensor([1, -2])) },
    ]

    static let composed: [GradientCheck] = [
        GradientCheck("sigmoid", x34 * 3) { $0.sigmoid() },
        GradientCheck("tanh", x34 * 2) { $0.tanh() },
        GradientCheck("relu", x34) { $0.relu() },
        GradientCheck("leaky relu", x34) { $0.leakyRelu(0.2) },
        GradientCheck("prelu input", Inputs.awayFromZero([2, 3, 2], seed: 16)) { try $0.prelu(Tensor([0.1, 0.2, 0.3])) },
        GradientCheck("prelu slope", Tensor([0.1, 0.2, 0.3])) { try Inputs.awayFromZero([2, 3, 2], seed: 16).prelu($0) },
        GradientCheck("elu", x34) { $0.elu(0.5) },
        GradientCheck("softplus", x34 * 3) { $0.softplus() },
        GradientCheck("gelu", x34) { $0.gelu() },
        GradientCheck("gelu tanh", x34) { $0.geluTanh() },
        GradientCheck("silu", x34) { $0.silu() },
        GradientCheck("softsign", x34) { $0.softsign() },
        GradientCheck("abs", x34) { $0.abs() },
        GradientCheck("clamp", x34) { $0.clamp(min: -0.5, max: 0.5) },
        GradientCheck("tensor power", positive34) { try $0.pow(other34) },
        GradientCheck("softmax", x34) { try $0.softmax(axis: 1) },
        GradientCheck("softmax axis 0", x34) { try $0.softmax(axis: 0) },
        GradientCheck("log softmax", x34 * 10) { try $0.logSoftmax() },
        GradientCheck("cross entropy labels", x34) { try crossEntropyLoss(logits: $0, labels: [0, 3, 1]) },
        GradientCheck("cross entropy probabilities", x34) { try crossEntropyLoss(logits: $0, probabilities: other34.softmax()) },
        GradientCheck("nll", x34) { try nllLoss(logProbabilities: $0.logSoftmax(), labels: [2, 2, 0]) },
        GradientCheck("binary cross entropy", Inputs.probabilities([6], seed: 17)) { try binaryCrossEntropyLoss($0, Tensor([1, 0, 1, 1, 0, 0])) },
        GradientCheck("bce with logits", Inputs.normal([6], seed: 17, scale: 4)) { try binaryCrossEntropyWithLogitsLoss($0, Tensor([1, 0, 1, 1, 0, 0])) },
        GradientCheck("mse", x34) { try mseLoss($0, other34) },
        GradientCheck("mae", x34) { try maeLoss($0, other34 * 3) },
        GradientCheck("huber", x34) { try huberLoss($0, other34 * 2, delta: 0.7) },
        GradientCheck("hinge", Inputs.normal([6], seed: 18, scale: 0.3)) { try hingeLoss($0, Tensor([1, -1, 1, -1, 1, 1])) },
        GradientCheck("l1 norm", x34) { $0.l1Norm() },
        GradientCheck("l2 norm", x34) { $0.l2Norm() },
        GradientCheck("frobenius norm", x34) { $0.frobeniusNorm() },
        GradientCheck("p-norm 3", x34) { try $0.norm(p: 3) },
        GradientCheck("linear input", x34) { try linear($0, weight: Inputs.normal([2, 4], seed: 19), bias: Tensor([1, -1])) },
        GradientCheck("linear weight", Inputs.normal([2, 4], seed: 19)) { try linear(x34, weight: $0, bias: Tensor([1, -1])) },
        GradientCheck("linear bias", Tensor([1, -1])) { try linear(x34, weight: Inputs.normal([2, 4], seed: 19), bias: $0) },
        GradientCheck("conv2d input, groups, stride, padding, dilation", image) {
            try conv2d($0, weight: weight, stride: Pair2D(2, 1), padding: Pair2D(1, 2), dilation: Pair2D(1, 2), groups: 2)
        },
        GradientCheck("conv2d weight", weight) { try conv2d(image, weight: $0, padding: Pair2D(1), groups: 2) },
        GradientCheck("conv2d bias", Tensor([1, 2, 3, 4, 5, 6])) { try conv2d(image, weight: weight, bias: $0, groups: 2) },
        GradientCheck("conv transpose input", Inputs.normal([1, 2, 3, 3], seed: 20)) {
            try convTranspose2d($0, weight: Inputs.normal([2, 3, 3, 2], seed: 21), stride: Pair2D(2), padding: Pair2D(1), outputPadding: Pair2D(1))
        },
        GradientCheck("conv transpose weight", Inputs.normal([2, 3, 3, 2], seed: 21)) {
            try convTranspose2d(Inputs.normal([1, 2, 3, 3], seed: 20), weight: $0, stride: Pair2D(2), padding: Pair2D(1))
        },
        GradientCheck("max pool", Inputs.normal([1, 2, 5, 5], seed: 22)) { try maxPool2d($0, kernel: Pair2D(3), stride: Pair2D(2), padding: Pair2D(1)) },
        GradientCheck("avg pool", Inputs.normal([1, 2, 5, 5], seed: 22)) { try avgPool2d($0, kernel: Pair2D(2), stride: Pair2D(1), padding: Pair2D(1)) },
        GradientCheck("global avg pool", image) { try globalAvgPool2d($0) },
        GradientCheck("batch norm train input", Inputs.normal([4, 3, 2], seed: 23)) {
            var state = try BatchNormState(channels: 3)
            return try batchNorm($0, gamma: Tensor([1, 2, 3]), beta: Tensor([0, 1, 0]), state: &state, training: true)
        },
        GradientCheck("batch norm train gamma", Tensor([1, 2, 3])) {
            var state = try BatchNormState(channels: 3)
            return try batchNorm(Inputs.normal([4, 3], seed: 23), gamma: $0, state: &state, training: true)
        },
        GradientCheck("batch norm eval", Inputs.normal([4, 3], seed: 23)) {
            var state = try BatchNormState(channels: 3)
            state.runningVariance = Tensor([0.5, 1, 2])
            return try batchNorm($0, gamma: Tensor([1, 2, 3]), state: &state, training: false)
        },
        GradientCheck("layer norm", Inputs.normal([3, 5], seed: 24)) { try layerNorm($0, gamma: Tensor([1, 2, 3, 4, 5])) },
        GradientCheck("instance norm", Inputs.normal([2, 2, 3, 2], seed: 25)) { try instanceNorm($0, gamma: Tensor([1, 2])) },
        GradientCheck("group norm", Inputs.normal([2, 4, 3], seed: 26)) { try groupNorm($0, groups: 2, gamma: Tensor([1, 2, 3, 4])) },
        GradientCheck("dropout", x34) { try dropout($0, p: 0.5, training: true, seed: 3) },
        GradientCheck("rnn cell hidden", Inputs.normal([2, 3], seed: 27)) {
            var rng = TensorRNG(seed: 1)
            return try rnnCell(Inputs.normal([2, 4], seed: 28), hidden: $0, weights: RecurrentWeights(inputSize: 4, hiddenSize: 3, gates: 1, rng: &rng))
        },
        GradientCheck("lstm cell input", Inputs.normal([2, 4], seed: 28)) {
            var rng = TensorRNG(seed: 2)
            let w = try RecurrentWeights(inputSize: 4, hiddenSize: 3, gates: 4, rng: &rng)
            let step = try lstmCell($0, hidden: Inputs.normal([2, 3], seed: 29), cell: Inputs.normal([2, 3], seed: 30), weights: w)
            return try Tensor.concatenate([step.hidden, step.cell], axis: 1)
        },
        GradientCheck("lstm cell weights", Inputs.normal([12, 3], seed: 31, scale: 0.5)) {
            let w = RecurrentWeights(inputWeight: Inputs.normal([12, 4], seed: 32), hiddenWeight: $0)
            return try lstmCell(Inputs.normal([2, 4], seed: 28), hidden: Inputs.normal([2, 3], seed: 29), cell: Inputs.normal([2, 3], seed: 30), weights: w).hidden
        },
        GradientCheck("gru cell", Inputs.normal([2, 3], seed: 33)) {
            var rng = TensorRNG(seed: 3)
            return try gruCell(Inputs.normal([2, 4], seed: 28), hidden: $0, weights: RecurrentWeights(inputSize: 4, hiddenSize: 3, gates: 3, rng: &rng))
        },
        GradientCheck("attention query", Inputs.normal([2, 3, 4], seed: 34)) {
            try scaledDotProductAttention(query: $0, key: Inputs.normal([2, 3, 4], seed: 35), value: Inputs.normal([2, 3, 2], seed: 36), mask: causalMask(3)).output
        },
        GradientCheck("attention key", Inputs.normal([2, 3, 4], seed: 35)) {
            try scaledDotProductAttention(query: Inputs.normal([2, 3, 4], seed: 34), key: $0, value: Inputs.normal([2, 3, 2], seed: 36), mask: causalMask(3)).output
        },
        GradientCheck("attention value", Inputs.normal([2, 3, 2], seed: 36)) {
            try scaledDotProductAttention(query: Inputs.normal([2, 3, 4], seed: 34), key: Inputs.normal([2, 3, 4], seed: 35), value: $0).output
        },
    ]

    @Test(arguments: primitives)
    func primitiveGradientMatchesFiniteDifferences(_ check: GradientCheck) throws {
        let problem = try check.mismatch()
        #expect(problem == nil, "\(check.name): \(problem ?? "")")
    }

    @Test(arguments: composed)
    func composedGradientMatchesFiniteDifferences(_ check: GradientCheck) throws {
        let problem = try check.mismatch()
        #expect(problem == nil, "\(check.name): \(problem ?? "")")
    }
}
