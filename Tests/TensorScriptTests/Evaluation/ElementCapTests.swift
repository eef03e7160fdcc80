import Testing
@testable import TensorScript

/// The kernel's one element cap reaches every builtin and operator, and its error names the operation,
/// its arguments' shapes and the shape it would have made.
@Suite struct ElementCapTests {
    @Test(arguments: [
        ("outer(ones(8000), ones(8000))", "outer(shape [8000], shape [8000]) would make a tensor of shape [8000, 8000] (64000000 elements); examples may use at most 4000000"),
        ("x = ones(1000, 1000)\nstack(x, x, x, x, x)", "stack(shape [1000, 1000], shape [1000, 1000], shape [1000, 1000], shape [1000, 1000], shape [1000, 1000]) would make a tensor of shape [5, 1000, 1000] (5000000 elements); examples may use at most 4000000"),
        ("x = ones(1000, 1000)\nconcat(x, x, x, x, x)", "concat(shape [1000, 1000], shape [1000, 1000], shape [1000, 1000], shape [1000, 1000], shape [1000, 1000]) would make a tensor of shape [5000, 1000] (5000000 elements); examples may use at most 4000000"),
        ("one_hot(arange(8000), 8000)", "one_hot(shape [8000], 8000) would make a tensor of shape [8000, 8000] (64000000 elements); examples may use at most 4000000"),
        ("ones(4000, 1) + ones(1, 4000)", "'+' of shapes [4000, 1] and [1, 4000] would make a tensor of shape [4000, 4000] (16000000 elements); examples may use at most 4000000"),
        ("ones(3000, 1) @ ones(1, 3000)", "'@' of shapes [3000, 1] and [1, 3000] would make a tensor of shape [3000, 3000] (9000000 elements); examples may use at most 4000000"),
        ("lstm_cell(ones(3000), zeros(3000), zeros(3000))", "lstm_cell(shape [3000], shape [3000], shape [3000]) would make a tensor of shape [12000, 3000] (36000000 elements); examples may use at most 4000000"),
        ("eye(3000)", "eye(3000) would make a tensor of shape [3000, 3000] (9000000 elements); examples may use at most 4000000"),
        ("zeros(100000, 100000)", "zeros(100000, 100000) would make a tensor of shape [100000, 100000] (10000000000 elements); examples may use at most 4000000"),
    ])
    func tooLargeResultsAreRefusedWithTheirOperation(source: String, message: String) {
        let result = errors(source)
        #expect(result.map(\.code) == ["tensor-too-large"])
        #expect(result.first?.message == message)
    }

    static let shapeTakingBuiltins = Builtins.all.filter { $0.group == "creation" && $0.parameters.contains { $0.kind == .variadic && $0.name == "shape" } }.map(\.name)

    @Test(arguments: shapeTakingBuiltins)
    func everyBuiltinThatTakesAShapeRefusesAHugeOne(name: String) {
        let call = name == "full" ? "full(1, 5000, 5000)" : "\(name)(5000, 5000)"
        #expect(errors(call).map(\.code) == ["tensor-too-large"])
        let atTheCap = name == "full" ? "full(1, 2000, 2000);" : "\(name)(2000, 2000);"
        #expect(BlockRunner.run(atTheCap, timeLimit: .seconds(600)).errors.isEmpty, "the cap itself is allowed")
    }

    @Test func aMinimizeTrajectoryCountsAgainstTheCap() {
        let result = errors("f(w) = sum(w^2)\nminimize(f, ones(1000, 1000), steps: 1000)")
        #expect(result.map(\.code) == ["tensor-too-large"])
        #expect(result.first?.message.hasPrefix("minimize keeps x after every step, 1001 × 1000000 numbers") == true)
        #expect(errors("f(w) = sum(w^2)\nminimize(f, ones(1000), steps: 3);").isEmpty)
    }
}
