import Testing
@testable import Tensor

/// Identities with known closed forms, the numbers the notes quote, and the gradient checker itself.
@Suite struct ClosedFormTests {
    let grid = (try? Tensor.linspace(-6, 6, 25)) ?? Tensor(0)

    @Test func sigmoidDerivativeIsSTimesOneMinusS() throws {
        let s = grid.sigmoid()
        expectClose(try grad({ $0.sigmoid() }, grid), try s * (1 - s), relative: 1e-12, "σ'")
        #expect(try grad({ $0.sigmoid() }, Tensor(0)).scalar == 0.25)
        #expect(try grad({ $0.sigmoid() }, Tensor(-800)).scalar == 0)
        #expect(Tensor(-800).sigmoid().scalar == 0 && Tensor(800).sigmoid().scalar == 1)
    }

    @Test func tanhDerivativeIsOneMinusSquare() throws {
        let t = grid.tanh()
        expectClose(try grad({ $0.tanh() }, grid), 1 - t.square(), relative: 1e-12, absolute: 1e-15, "tanh'")
        #expect(try grad({ $0.tanh() }, Tensor(0)).scalar == 1)
        expectClose(Tensor(1e-10).tanh(), Tensor(1e-10), relative: 1e-15, "tanh near 0")
    }

    @Test func reluDerivativeIsAStep() throws {
        let g = try grad({ $0.relu() }, Tensor([-2, -0.5, 0, 0.5, 2]))
        #expect(g.scalars == [0, 0, 0, 1, 1])
    }

    @Test func vanishingGradientThroughStackedSigmoidsIsAtMostQuarterPerLayer() throws {
        for depth in 1...8 {
            let g = try grad({ x in (0..<depth).reduce(x) { h, _ in h.sigmoid() } }, Tensor(0.3))
            let bound = (0..<depth).reduce(1.0) { p, _ in p * 0.25 }
            #expect(try #require(g.scalar) <= bound, "depth \(depth)")
            #expect(try #require(g.scalar) > 0)
        }
    }

    @Test func softmaxMatchesTheNoteExampleAndIsShiftInvariant() throws {
        let p = try Tensor([2.0, 1.0, 0.1]).softmax()
        expectClose(p, Tensor([0.6590011388859679, 0.24243297070471392, 0.09856589040931818]), "softmax([2,1,0.1])")
        expectClose(try Tensor([1002.0, 1001.0, 1000.1]).softmax(), p, relative: 1e-12, "shifted")
        #expect(Swift.abs(p.sum().scalar! - 1) < 1e-15)
        let big = try Tensor([1000.0, -1000.0]).logSoftmax()
        #expect(big.scalars[0] == 0 && big.scalars[1] == -2000)
    }

    @Test func crossEntropyGradientIsSoftmaxMinusOneHot() throws {
        let logits = Inputs.normal([4, 5], seed: 40)
        let g = try grad({ try crossEntropyLoss(logits: $0, labels: [1, 0, 4, 2]) }, logits)
        let expected = try (logits.softmax() - Tensor.oneHot([1, 0, 4, 2], classes: 5)) / 4
        expectClose(g, expected, relative: 1e-12, absolute: 1e-15, "dCE/dlogits")
        let uniform = try crossEntropyLoss(logits: Tensor.zeros([1, 10]), labels: [3])
        expectClose(uniform, Tensor(10.0).log(), "CE of uniform logits = ln 10")
    }

    @Test func convolutionOutputSizesAndParameterCounts() throws {
        #expect(try convOutputSize(input: 224, kernel: 7, stride: 2, padding: 3) == 112)
        #expect(try convOutputSize(input: 32, kernel: 3, padding: 1) == 32)
        #expect(try convOutputSize(input: 32, kernel: 3, padding: 2, dilation: 2) == 32)
        #expect(try convOutputSize(input: 7, kernel: 3, stride: 2) == 3)
        #expect(try convTransposeOutputSize(input: 16, kernel: 4, stride: 2, padding: 1) == 32)
        #expect(conv2dParameterCount(inChannels: 3, outChannels: 64, kernelHeight: 3, kernelWidth: 3) == 1792)
        #expect(conv2dParameterCount(inChannels: 32, outChannels: 32, kernelHeight: 3, kernelWidth: 3, groups: 32, bias: false) == 288)
        #expect(linearParameterCount(inFeatures: 784, outFeatures: 10) == 7850)
        let y = try conv2d(Tensor.zeros([1, 3, 224, 224]).slice(axis: 2, end: 9).slice(axis: 3, end: 11),
                           weight: .zeros([8, 3, 3, 3]), stride: Pair2D(2), padding: Pair2D(1))
        #expect(y.shape == [1, 8, 5, 6])
        #expect(throws: TensorError.self) { try convOutputSize(input: 2, kernel: 5) }
    }

    @Test func batchNormTrainUsesBatchStatisticsAndUpdatesRunningAveragesUnbiased() throws {
        let x = try Tensor([[1.0], [2.0], [3.0], [6.0]])
        var state = try BatchNormState(channels: 1, momentum: 0.1)
        let y = try batchNorm(x, state: &state, training: true)
        let variance = 3.5
        expectClose(y, try Tensor([[-1.0], [-0.5], [0.0], [1.5]]) * (2 / (variance + 1e-5).squareRoot()), "train output")
        expectClose(state.runningMean, Tensor([0.3]), "running mean = 0.9·0 + 0.1·3")
        expectClose(state.runningVariance, Tensor([0.9 + 0.1 * 14.0 / 3.0]), "running var uses m/(m−1)")
        let eval = try batchNorm(x, state: &state, training: false)
        expectClose(eval, (x - 0.3) / (state.runningVariance.scalars[0] + 1e-5).squareRoot(), "eval output")
        #expect(state.batchesTracked == 1)
        let fresh = try batchNorm(x, state: &state, training: false)
        #expect(fresh.scalars == eval.scalars, "eval mode does not update the statistics")
    }

    @Test func dropoutIsInvertedSeededAndIdentityInEval() throws {
        let x = try Tensor.ones([1000])
        let a = try dropout(x, p: 0.3, training: true, seed: 11)
        let b = try dropout(x, p: 0.3, training: true, seed: 11)
        #expect(a.scalars == b.scalars)
        #expect(a.scalars.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.7) < 1e-15 })
        let kept = a.scalars.filter { $0 != 0 }.count
        #expect(kept > 650 && kept < 750)
        #expect(try dropout(x, p: 0.3, training: false, seed: 11).scalars == x.scalars)
        #expect(try dropout(x, p: 1, training: true, seed: 1).scalars.allSatisfy { $0 == 0 })
        #expect(throws: TensorError.self) { try dropout(x, p: 1.5, training: true, seed: 1) }
    }

    @Test func causalAttentionWeightsAreLowerTriangularRowsSummingToOne() throws {
        let q = Inputs.normal([4, 3], seed: 41), k = Inputs.normal([4, 3], seed: 42), v = Inputs.normal([4, 2], seed: 43)
        let r = try scaledDotProductAttention(query: q, key: k, value: v, mask: causalMask(4))
        for i in 0..<4 {
            var rowSum = 0.0
            for j in 0..<4 {
                let w = try r.weights.value(at: [i, j])
                if j > i { #expect(w == 0) }
                rowSum += w
            }
            #expect(Swift.abs(rowSum - 1) < 1e-14)
        }
        expectClose(try r.output.select(axis: 0, index: 0), try v.select(axis: 0, index: 0), "first query sees only the first key")
    }

    @Test func optimisersOnAQuadraticBowl() throws {
        func run(_ optimizer: inout some Optimizer, steps: Int) throws -> Double {
            var p = [Tensor([3.0, -2.0]).requiringGrad()]
            for _ in 0..<steps {
                let loss = try (p[0].square() * Tensor([1.0, 10.0])).sum()
                p = try optimizer.step(p, gradients: loss.backward().gradients(of: p))
            }
            return p[0].l2Norm().scalar ?? .nan
        }
        var sgd = SGD(learningRate: 0.05)
        var momentum = SGD(learningRate: 0.05, momentum: 0.9)
        var nesterov = SGD(learningRate: 0.05, momentum: 0.9, nesterov: true)
        var adam = Adam(learningRate: 0.1)
        var rms = RMSprop(learningRate: 0.01)
        for distance in [try run(&sgd, steps: 100), try run(&momentum, steps: 100), try run(&nesterov, steps: 100),
                         try run(&adam, steps: 300), try run(&rms, steps: 400)] {
            #expect(distance < 0.05)
        }
        var first = Adam(learningRate: 0.01)
        let moved = try first.step([Tensor([1.0, 1.0])], gradients: [Tensor([5.0, -0.001])])[0]
        expectClose(moved, Tensor([0.99, 1.01]), relative: 1e-6, "first Adam step is lr·sign(g)")
    }

    @Test func clippingByNormRescalesToMaxNorm() throws {
        let (clipped, norm) = try clipGradientsByNorm([Tensor([3.0, 0]), Tensor([[0, 4.0]])], maxNorm: 1)
        #expect(norm == 5)
        let total = clipped.reduce(0) { $0 + $1.square().sum().scalar! }.squareRoot()
        #expect(Swift.abs(total - 1) < 1e-6)
        let (kept, _) = try clipGradientsByNorm([Tensor([0.3])], maxNorm: 1)
        #expect(kept[0].scalars == [0.3])
    }

    @Test func gradientCheckerDetectsAWrongGradient() throws {
        let wrong = GradientCheck("x·stop_gradient(x)", Tensor([1.5, -2])) { try $0 * $0.detached() }
        #expect(try wrong.mismatch() != nil)
    }

    @Test func deepGraphsDoNotOverflowTheStack() throws {
        let g = try grad({ x in (0..<20_000).reduce(x) { h, _ in h + 0.0 } }, Tensor([1.0]))
        #expect(g.scalars == [1])
    }

    @Test func gradientsAccumulateOverSharedSubexpressions() throws {
        let x = Tensor(3.0).requiringGrad()
        let y = try x * x * x + x
        #expect(try y.backward()[x]?.scalar == 28)
        #expect(try y.backward()[Tensor(1.0).requiringGrad()] == nil)
    }

    @Test func float32RoundingPath() {
        let t = Tensor([0.1, 1e-50, 3.0])
        #expect(t.roundedToFloat32().scalars == [Double(Float(0.1)), 0, 3])
    }
}

@Suite struct ActivationRegistryTests {
    @Test(arguments: ActivationFunction.allCases)
    func derivativeMatchesCentralDifferences(_ f: ActivationFunction) throws {
        let x = try Tensor.linspace(-3.05, 2.95, 13)
        let h = 1e-6
        let numeric = try (f.apply(x + h) - f.apply(x - h)) / (2 * h)
        expectClose(try f.derivative(x), numeric, relative: 1e-6, absolute: 1e-8, f.rawValue)
        #expect(ActivationFunction(rawValue: f.rawValue) == f)
    }
}

@Suite struct Float32Tests {
    @Test func float32RoundsEveryResultAndOverflowsLikeFloat() throws {
        let x = Tensor([88.0, 89.0, 100.0])
        #expect(x.exp().scalars.allSatisfy { $0.isFinite })
        let single = x.converted(to: .float32).exp()
        #expect(single.precision == .float32)
        #expect(single.scalars[0].isFinite && single.scalars[1].isInfinite && single.scalars[2].isInfinite)
        #expect((Tensor([1.0]).converted(to: .float32) + 1e-8).scalars == [1])
        #expect((Tensor([1.0]) + 1e-8).scalars != [1])
        let stable = try x.converted(to: .float32).softmax()
        #expect(stable.scalars.allSatisfy { $0.isFinite })
        let mixed = try Tensor([0.1]).converted(to: .float32) + Tensor([0.2])
        #expect(mixed.precision == .float32 && mixed.scalars == [Double(Float(0.1) + Float(0.2))])
    }
}
