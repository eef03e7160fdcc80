import Testing
@testable import TensorScript

/// Odd input gives diagnostics or values, never a crash.
@Suite struct RobustnessTests {
    @Test(arguments: [
        "", "# only a comment", "\n\n", "x =", "= 3", "f(", "f(x) =", ")", "]", "[,]", "[1,,2]", "x[", "x.", "1 +* 2",
        "\"unterminated", "a = b = 3", "sum([])", "1 / 0", "log(0)", "linspace(0, 1, 0)", "zeros(-1)", "eye(2.5)",
        "x = [1, 2]\nx[5]", "x = [1, 2]\nx[0, 0]", "plot()", "plot(softmax, from: 1, to: 1)", "seed(-1)",
        "minimize(sigmoid, [1, 2], optimizer: \"adamm\")", "grad(1, 2)", "grad(sigmoid)(1, 2, 3)", "sigmoid.x", "(1, 2)",
        "conv2d(ones(2, 2), ones(3, 3))", "batchnorm([1, 2])", "attention([1], [1], [1])", "reshape(ones(6), 4, 2)",
        "一 = 3\n一 + 1", "x　= 1", "lstm_cell([1], [0, 0], [0])", "repeat(sigmoid, 100)", "max_pool(ones(3, 3), 0)",
        String(repeating: "[", count: 5000), String(repeating: "-", count: 5000) + "1", String(repeating: "(", count: 3000) + "1",
        String(repeating: "2^", count: 3000) + "1", String(repeating: "sigmoid(", count: 3000) + "1",
        "reshape(ones(2), nan)", "reshape(ones(2), 1e30)", "reshape(1, ones(100000))  # => [1, 2]", "arange(1e308, -1e308, 1e-308)",
        String(repeating: "[", count: 33) + "1" + String(repeating: "]", count: 33),
    ])
    func oddInputDoesNotCrash(source: String) {
        let output = ExampleEvaluator.evaluate(source, path: "n.md", firstLine: 1, column: 1)
        #expect(output.html.hasPrefix("<figure"))
        for d in output.diagnostics {
            #expect((d.location?.line ?? 0) >= 1)
            #expect((d.location?.column ?? 0) >= 1)
        }
    }

    @Test func specificOddities() {
        #expect(errors("x = [1, 2]\nx[5]").first?.code == "tensor-index")
        #expect(errors(String(repeating: "[", count: 5000)).first?.code == "tensor-syntax")
        #expect(errors("reshape(ones(2), nan)").first?.message == "a shape needs whole non-negative sizes (one may be −1), got nan")
        #expect(errors("reshape(1, ones(100000))").first?.message == "cannot reshape [] to 100000 axes, more than the 32 allowed")
        #expect(errors("minimize(sigmoid, [1, 2], optimizer: \"adamm\")").first?.message.contains("did you mean \"adam\"?") == true)
        #expect(errors("").isEmpty)
        #expect(errors("# only a comment").isEmpty)
        expectClose(lastNumbers("一 = 3\n一 + 1"), [4])
    }

    @Test func derivativeOfADerivative() {
        // grad(grad(f)) needs the kernel to differentiate through a backward pass; whatever it gives must
        // either be right (σ'' = σ'(1 − 2σ)) or be reported, never silently wrong.
        let (result, values) = BlockRunner.runCollectingValues("grad(grad(sigmoid), 1)")
        if result.errors.isEmpty {
            let s = sigmoid(1.0)
            expectClose(values.last??.scalars ?? [], [s * (1 - s) * (1 - 2 * s)], tolerance: 1e-9)
        } else {
            #expect(result.errors.first?.code == "tensor-unsupported")
        }
    }
}

@Suite struct ConcurrencyTests {
    /// Pages are built in parallel: evaluating blocks concurrently gives exactly the sequential results.
    @Test func parallelEvaluationMatchesSequential() async {
        let sources = (0..<16).map { i in "seed(\(i))\nx = randn(8, 8)\nsoftmax(x @ x.T, axis: 1)\nplot(sigmoid, grad(repeat(tanh, \(i % 4 + 1))))\ndropout(ones(6), p: 0.5)" }
        let sequential = sources.map { ExampleEvaluator.evaluate($0, path: "n.md", firstLine: 1, column: 1) }
        let parallel = await withTaskGroup(of: (Int, ExampleOutput).self) { group in
            for (i, source) in sources.enumerated() {
                group.addTask { (i, ExampleEvaluator.evaluate(source, path: "n.md", firstLine: 1, column: 1)) }
            }
            var outputs = [ExampleOutput?](repeating: nil, count: sources.count)
            for await (i, output) in group { outputs[i] = output }
            return outputs
        }
        #expect(parallel == sequential.map { Optional($0) })
        #expect(Set(sequential.map(\.html)).count == sources.count)
    }
}

@Suite struct WorkBudgetTests {
    @Test func aBlockThatComputesTooMuchStops() throws {
        let context = EvaluationContext()
        context.workBudget = 10_000
        let program = Parser.parse("f(w) = sum(w^2)\nminimize(f, ones(100, 10), steps: 1000)")
        var outcomes: [StatementOutcome] = []
        for statement in program.statements { outcomes.append(BlockRunner.run(statement, in: context).0) }
        #expect(outcomes.last?.error?.code == "tensor-too-large")
        // the default budget lets the same example finish
        #expect(errors("f(w) = sum(w^2)\nminimize(f, ones(100, 10), steps: 10)").isEmpty)
    }
}
