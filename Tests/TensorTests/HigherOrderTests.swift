import Testing
@testable import Tensor

private let x = Inputs.awayFromZero([2, 3], seed: 50)
private let w = Inputs.normal([3, 4], seed: 51)

/// grad of grad: second derivatives against closed forms and against finite differences of the gradient.
@Suite struct HigherOrderTests {
    @Test func secondDerivativesMatchClosedForms() throws {
        let grid = try Tensor.linspace(-4, 4, 17)
        let s = grid.sigmoid(), t = grid.tanh()
        let sigmoid2 = try grad({ x in try grad({ $0.sigmoid() }, x) }, grid)
        expectClose(sigmoid2, try s * (1 - s) * (1 - 2 * s), relative: 1e-10, absolute: 1e-15, "σ''")
        let tanh2 = try grad({ x in try grad({ $0.tanh() }, x) }, grid)
        expectClose(tanh2, try -2 * t * (1 - t.square()), relative: 1e-10, absolute: 1e-15, "tanh''")
        let cubic3 = try grad({ a in try grad({ b in try grad({ $0.pow(3) }, b) }, a) }, grid)
        expectClose(cubic3, try Tensor.full([17], value: 6), "(x³)''' = 6")
    }

    @Test func firstOrderResultsAreUnchangedByNesting() throws {
        let direct = try grad({ $0.sigmoid() }, x)
        let (value, nested) = try valueWithGrad({ try grad({ $0.sigmoid() }, $0) }, x)
        expectClose(value, direct, relative: 1e-15, "inner gradient value")
        #expect(nested.shape == x.shape)
    }

    static let checks: [GradientCheck] = [
        GradientCheck("d/dx grad sigmoid", x) { try grad({ $0.sigmoid() }, $0) },
        GradientCheck("d/dx grad softplus", x) { try grad({ $0.softplus() }, $0) },
        GradientCheck("d/dx grad gelu", x) { try grad({ $0.gelu() }, $0) },
        GradientCheck("d/dx grad elu", x) { try grad({ $0.elu() }, $0) },
        GradientCheck("d/dx grad log softmax weighted", x) { try grad({ try $0.logSoftmax() * Tensor([1, 2, 3]) }, $0) },
        GradientCheck("d/dx grad softmax weighted", x) { try grad({ try $0.softmax() * Tensor([1, -2, 3]) }, $0) },
        GradientCheck("d/dx grad tanh(x W)", x) { try grad({ try $0.matmul(w).tanh() }, $0) },
        GradientCheck("d/dx grad cross entropy", x) { try grad({ try crossEntropyLoss(logits: $0, labels: [2, 0]) }, $0) },
        GradientCheck("d/dx grad layer norm weighted", x) { try grad({ try layerNorm($0) * Tensor([1, 2, 3]) }, $0) },
        GradientCheck("d/dx grad strided slice", Inputs.normal([5, 4], seed: 52)) {
            try grad({ try $0.slice(axis: 0, start: 1, step: 2).slice(axis: 1, step: 3).square() }, $0)
        },
        GradientCheck("d/dx grad max pool", Inputs.normal([1, 1, 4, 4], seed: 53)) {
            try grad({ try maxPool2d($0, kernel: Pair2D(2)).square() }, $0)
        },
        GradientCheck("d/dx grad conv2d squared", Inputs.normal([1, 2, 4, 4], seed: 54)) {
            try grad({ try conv2d($0, weight: Inputs.normal([2, 2, 3, 3], seed: 55), padding: Pair2D(1)).square() }, $0)
        },
        GradientCheck("d/dx grad sqrt log reciprocal", Inputs.positive([2, 3], seed: 56)) {
            try grad({ try $0.sqrt() * $0.log() + $0.reciprocal() / $0.exp() }, $0)
        },
        GradientCheck("d/dx grad erf sin expm1 log1p", Inputs.positive([2, 3], seed: 57)) {
            try grad({ try $0.erf() * $0.sin() + $0.expm1() * $0.log1p() }, $0)
        },
    ]

    @Test(arguments: checks)
    func secondOrderMatchesFiniteDifferencesOfTheGradient(_ check: GradientCheck) throws {
        let problem = try check.mismatch(relative: 1e-5, absolute: 1e-6)
        #expect(problem == nil, "\(check.name): \(problem ?? "")")
    }
}
