import Foundation
import Testing
@testable import TensorScript

/// Values checked against closed forms computed here, independently of the kernel.
@Suite struct EvaluatorTests {
    @Test func arithmeticPrecedenceAndBroadcasting() {
        expectClose(lastNumbers("1 + 2 * 3 ^ 2"), [19])
        expectClose(lastNumbers("-2 ^ 2"), [-4])
        expectClose(lastNumbers("[1, 2, 3] * 2 - 1"), [1, 3, 5])
        expectClose(lastNumbers("[[1], [2]] + [10, 20]"), [11, 21, 12, 22])
        expectClose(lastNumbers("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]]"), [19, 22, 43, 50])
        expectClose(lastNumbers("x = [1, 2, 3]\nx[1:]"), [2, 3])
        expectClose(lastNumbers("m = [[1, 2, 3],\n     [4, 5, 6]]\nm[1, -1]"), [6])
        expectClose(lastNumbers("m = [[1, 2], [3, 4]]\nm.T"), [1, 3, 2, 4])
    }

    @Test func sigmoidAndItsDerivative() {
        let xs = [-6.0, -4, -2, 0, 2, 4, 6]
        expectClose(lastNumbers("x = linspace(-6, 6, 7)\nsigmoid(x)"), xs.map(sigmoid))
        expectClose(lastNumbers("grad(sigmoid, linspace(-6, 6, 7))"), xs.map { sigmoid($0) * (1 - sigmoid($0)) })
        expectClose(lastNumbers("d = grad(tanh)\nd([0, 1])"), [1, 1 - pow(tanh(1.0), 2)])
    }

    @Test func vanishingGradientThroughAStackOfSigmoids() {
        // d/dx σ(σ(σ(x))) = σ'(σ(σ(x)))·σ'(σ(x))·σ'(x), by the chain rule
        func ds(_ v: Double) -> Double { sigmoid(v) * (1 - sigmoid(v)) }
        let x = 0.5
        let want = ds(sigmoid(sigmoid(x))) * ds(sigmoid(x)) * ds(x)
        expectClose(lastNumbers("grad(compose(sigmoid, sigmoid, sigmoid), 0.5)"), [want])
        expectClose(lastNumbers("grad(repeat(sigmoid, 3), 0.5)"), [want])
        expectClose(lastNumbers("deep(x) = sigmoid(sigmoid(sigmoid(x)))\ngrad(deep, 0.5)"), [want])
        #expect(want < pow(0.25, 3) + 1e-12)
    }

    @Test func softmaxAndCrossEntropyByHand() {
        let z = [2.0, 1.0, 0.1]
        let total = z.map(exp).reduce(0, +)
        let p = z.map { exp($0) / total }
        expectClose(lastNumbers("softmax([2.0, 1.0, 0.1])"), p)
        expectClose(lastNumbers("cross_entropy([2.0, 1.0, 0.1], 0)"), [-log(p[0])])
        expectClose(lastNumbers("cross_entropy([2.0, 1.0, 0.1], [0, 1, 0])"), [-log(p[1])])
        // gradient of the loss with respect to the logits is p − onehot
        expectClose(lastNumbers("loss(z) = cross_entropy(z, 0)\ngrad(loss, [2.0, 1.0, 0.1])"), [p[0] - 1, p[1], p[2]])
    }

    @Test func batchNormTrainingAndEvaluation() {
        let column = [1.0, 3, 5]
        let mean = column.reduce(0, +) / 3
        let biased = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
        let y = column.map { ($0 - mean) / (biased + 1e-5).squareRoot() }
        let value = lastValue("batchnorm([[1], [3], [5]], momentum: 0.1)")
        expectClose(value?.field("y")?.scalars ?? [], y)
        expectClose(value?.field("running_mean")?.scalars ?? [], [0.1 * mean])
        expectClose(value?.field("running_var")?.scalars ?? [], [0.9 * 1 + 0.1 * biased * 3 / 2])
        expectClose(lastNumbers("batchnorm([[1], [3], [5]], train: false, running_mean: [2], running_var: [4])"), column.map { ($0 - 2) / (4 + 1e-5).squareRoot() })
    }

    @Test func dropoutScalesSurvivorsAndIsIdentityInEvaluation() {
        let values = lastNumbers("seed(3)\ndropout(ones(200), p: 0.25)")
        #expect(values.count == 200)
        #expect(values.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-12 })
        let kept = values.filter { $0 != 0 }.count
        #expect(kept > 120 && kept < 180)
        expectClose(lastNumbers("dropout([1, 2, 3], p: 0.5, train: false)"), [1, 2, 3])
        #expect(lastNumbers("seed(3)\ndropout(ones(200), p: 0.25)") == values)
    }

    @Test func convolutionSizesAndParameterCounts() {
        for (input, kernel, stride, padding) in [(32, 3, 1, 1), (224, 7, 2, 3), (28, 5, 1, 0), (7, 3, 2, 0)] {
            let want = Double((input + 2 * padding - kernel) / stride + 1)
            expectClose(lastNumbers("conv_output_size(\(input), \(kernel), stride: \(stride), padding: \(padding))"), [want])
        }
        expectClose(lastNumbers("conv_params(3, 64, 3)"), [Double(64 * 3 * 9 + 64)])
        expectClose(lastNumbers("conv_params(64, 64, 3, groups: 64, bias: false)"), [Double(64 * 9)])
        expectClose(lastNumbers("linear_params(512, 10)"), [5130])
        // a 2×2 kernel [[1, 0], [0, -1]] over a 3×3 ramp: x[i][j] − x[i+1][j+1] = −4 everywhere
        expectClose(lastNumbers("conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])"), [-4, -4, -4, -4])
        #expect(lastValue("conv2d(ones(1, 3, 8, 8), ones(16, 3, 3, 3), padding: 1, stride: 2)")?.shape == [1, 16, 4, 4])
    }

    @Test func oneLSTMStepWithGivenWeights() {
        // input size 1, hidden size 1: gates = wx·x + wh·h + b, in order i, f, g, o
        let x = 0.5, h = 0.2, c = -0.3
        let wx = [0.1, 0.2, 0.3, 0.4], wh = [0.5, -0.5, 0.25, -0.25], b = [0.0, 1.0, 0.0, 0.0]
        let pre = (0..<4).map { wx[$0] * x + wh[$0] * h + b[$0] }
        let i = sigmoid(pre[0]), f = sigmoid(pre[1]), g = tanh(pre[2]), o = sigmoid(pre[3])
        let newC = f * c + i * g
        let newH = o * tanh(newC)
        let step = lastValue("lstm_cell([0.5], [0.2], [-0.3], wx: [[0.1], [0.2], [0.3], [0.4]], wh: [[0.5], [-0.5], [0.25], [-0.25]], b: [0, 1, 0, 0])")
        expectClose(step?.field("c")?.scalars ?? [], [newC])
        expectClose(step?.field("h")?.scalars ?? [], [newH])
        expectClose(step?.field("f")?.scalars ?? [], [f])
    }

    @Test func attentionWeightsAreASoftmaxOfScaledScores() {
        let q = [1.0, 0.0], keys = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
        let scores = keys.map { ($0[0] * q[0] + $0[1] * q[1]) / 2.0.squareRoot() }
        let total = scores.map(exp).reduce(0, +)
        let weights = scores.map { exp($0) / total }
        let value = lastValue("attention([[1, 0]], [[1, 0], [0, 1], [1, 1]], [[1], [2], [3]])")
        expectClose(value?.field("weights")?.scalars ?? [], weights)
        expectClose(value?.field("output")?.scalars ?? [], [weights[0] + 2 * weights[1] + 3 * weights[2]])
        let masked = lastValue("attention([[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1], [2]], mask: causal_mask(2)).weights")
        // row 0 may only see key 0; row 1 sees scores 0 and 1/√2
        let second = 1 / (1 + exp(-1 / 2.0.squareRoot()))
        expectClose(masked?.scalars ?? [], [1, 0, 1 - second, second])
    }

    @Test func gradientDescentFollowsItsClosedForm() {
        // f(x) = x², x ← x − lr·2x, so x_t = (1 − 2·lr)^t · x0
        let trajectory = lastValue("minimize(square, 1, lr: 0.1, steps: 5)")
        guard case .trajectory(let t)? = trajectory else { Issue.record("expected a trajectory"); return }
        expectClose(t.parameters.flatMap { $0.scalars }, (0...5).map { pow(0.8, Double($0)) })
        expectClose(t.losses, (0...5).map { pow(0.64, Double($0)) })
        // Adam's first step moves each coordinate by lr (up to ε), whatever the gradient's size
        let adam = lastValue("f(w) = sum([1, 100] * w^2)\nminimize(f, [1, 1], optimizer: \"adam\", lr: 0.1, steps: 1).final")
        expectClose(adam?.scalars ?? [], [0.9, 0.9], tolerance: 1e-6)
        // momentum: v₁ = g₀, x₁ = x₀ − lr·g₀; v₂ = μv₁ + g₁, x₂ = x₁ − lr·v₂
        let x0 = 1.0, lr = 0.1, mu = 0.9
        let g0 = 2 * x0, x1 = x0 - lr * g0
        let x2 = x1 - lr * (mu * g0 + 2 * x1)
        expectClose(lastValue("minimize(square, 1, optimizer: \"momentum\", lr: 0.1, steps: 2).final")?.scalars ?? [], [x2])
    }

    @Test func seededRandomnessIsReproducible() {
        let a = lastNumbers("seed(7)\nrandn(2, 3)")
        let b = lastNumbers("seed(7)\nrandn(2, 3)")
        let c = lastNumbers("seed(8)\nrandn(2, 3)")
        #expect(a.count == 6 && a == b && a != c)
        let u = lastNumbers("seed(1)\nrand(1000)")
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.reduce(0, +) / 1000 - 0.5) < 0.05)
    }

    @Test func errorsPointAtTheFailingPart() {
        let shape = errors("a = [[1, 2, 3], [4, 5, 6]]\nb = ones(4, 5)\nc = a @ b")
        #expect(shape.count == 1)
        #expect(shape.first?.message == "cannot matmul [2,3] and [4,5]")
        #expect((shape.first?.line, shape.first?.column) == (3, 7))

        let name = errors("x = 1\nsigmod(x)")
        #expect(name.first?.message == "unknown name 'sigmod'; did you mean 'sigmoid'?")
        #expect((name.first?.line, name.first?.column) == (2, 1))

        let label = errors("plot(sigmoid, frm: -5)")
        #expect(label.first?.message.contains("plot has no argument 'frm'") == true)
        #expect((label.first?.line, label.first?.column) == (1, 15))

        let ragged = errors("[[1, 2], [3]]")
        #expect((ragged.first?.line, ragged.first?.column) == (1, 10))
    }

    @Test func aFailedAssignmentIsReportedOnceNotAtEveryUse() {
        let result = errors("x = zeros(2) @ ones(3)\ny = x + 1\nz = y * 2\nw = 5")
        #expect(result.count == 1)
        #expect(result.first?.line == 1)
    }

    @Test func runawayExamplesStopWithAnError() {
        #expect(errors("f(x) = f(x) + 1\nf(1)").first?.code == "tensor-recursion")
        #expect(errors("zeros(100000, 100000)").first?.code == "tensor-too-large")
        #expect(errors("ones(3000, 1) + ones(1, 3000)").first?.code == "tensor-too-large")
        #expect(errors("minimize(square, 1, steps: 1000000)").first?.code == "tensor-arguments")
    }

    @Test func userFunctionsTakeLabelsAndCheckArity() {
        expectClose(lastNumbers("f(a, b) = a - b\nf(b: 1, a: 5)"), [4])
        #expect(errors("f(a, b) = a - b\nf(1)").first?.code == "tensor-arguments")
    }
}

@Suite struct UserFunctionErrorTests {
    @Test func anErrorInsideADefinitionIsReportedAtTheCall() {
        let e = errors("f(x) = x @ ones(3)\ny = 1\nf(ones(2))")
        #expect(e.count == 1)
        #expect(e.first?.message == "in f: cannot matmul [2] and [3]")
        #expect((e.first?.line, e.first?.column) == (3, 1))
    }
}
