import Testing
@testable import Tensor

/// Values and gradients against the numpy references in Goldens/ (regenerate: python3 scripts/tensor-goldens.py).
@Suite struct GoldenTests {
    @Test(arguments: ["activations", "losses", "linalg", "convolution", "normalization", "recurrent", "optimizers", "float32"])
    func matchesNumpy(file: String) throws {
        let cases = try Goldens.load(file)
        #expect(!cases.isEmpty)
        for c in cases {
            var inputs = c.inputs
            for key in c.grads.keys { inputs[key] = inputs[key]?.requiringGrad() }
            let outputs = try GoldenEvaluator.evaluate(c, inputs)
            for (key, expected) in c.outputs {
                guard let actual = outputs[key] else {
                    Issue.record("\(c.name): no output \(key)")
                    continue
                }
                if c.op.hasPrefix("f32_") {
                    #expect(actual.precision == .float32, "\(c.name)")
                    expectClose(actual, expected, relative: 4e-7, "\(c.name) output \(key) (Float32: a few ulps)")
                } else {
                    expectClose(actual, expected, "\(c.name) output \(key)")
                }
            }
            guard !c.grads.isEmpty, let y = outputs["y"] else { continue }
            let loss = try (y * c.input("dy")).sum()
            let gradients = try loss.backward()
            for (key, expected) in c.grads {
                guard let tracked = inputs[key], let actual = gradients[tracked] else {
                    Issue.record("\(c.name): no gradient for \(key)")
                    continue
                }
                expectClose(actual, expected, "\(c.name) gradient \(key)")
            }
        }
    }

    @Test func rngMatchesReferenceSplitMix64AndBoxMuller() throws {
        let cases = try Goldens.rng()
        #expect(cases.count == 3)
        for c in cases {
            var rng = TensorRNG(seed: c.seed)
            #expect((0..<6).map { _ in String(rng.nextBits()) } == c.bits, "seed \(c.seed)")
            rng = TensorRNG(seed: c.seed)
            #expect((0..<6).map { _ in rng.uniform() } == c.uniform, "seed \(c.seed)")
            expectClose(try Tensor.normal([6], seed: c.seed), Tensor(c.normal), relative: 1e-14, "normal seed \(c.seed)")
        }
    }
}
