import Testing
@testable import TensorScript

/// Deep or long input is either evaluated or refused with a located error, on a thread with a small stack.
@Suite struct DeepInputTests {
    static func deepPrograms() -> [String] {
        let definitions = (1...48).map { "f\($0)(x) = " + ($0 == 1 ? "x + 1" : "f\($0 - 1)(x) + 1") }.joined(separator: "\n")
        return [
            "1" + String(repeating: " + 1", count: 4_999),
            "2" + String(repeating: " * 1", count: 4_999),
            String(repeating: "(", count: 49) + "1" + String(repeating: ")", count: 49),
            String(repeating: "-", count: 99) + "1",
            String(repeating: "sigmoid(", count: 98) + "1" + String(repeating: ")", count: 98),
            String(repeating: "[", count: 32) + "1" + String(repeating: "]", count: 32),
            "x = [[1, 2], [3, 4]]\nx" + String(repeating: ".T", count: 99),
            definitions + "\nf48(1)",
            definitions + "\ng(x) = " + String(repeating: "sigmoid(", count: 20) + "f48(x)" + String(repeating: ")", count: 20) + "\ngrad(g, 1)",
            (1...47).map { "m\($0)(x) = " + ($0 == 1 ? "sum(x^2)" : "minimize(m\($0 - 1), x, steps: 0).loss[0]") }.joined(separator: "\n") + "\nminimize(m47, 1, steps: 0)",
            "grad(repeat(repeat(repeat(sigmoid, 40), 40), 10), 0)",
            "g = sigmoid\n" + String(repeating: "g = grad(g)\n", count: 60) + "g(1)",
            "h = sigmoid\n" + String(repeating: "h = compose(h, h)\n", count: 60) + "h(1)",
        ]
    }

    /// Each program is either evaluated or stopped by a limit (nesting, recursion, or, for the 16,000
    /// sigmoids, the time limit in a slow build); evaluated blocks are released without deep recursion.
    @Test(arguments: deepPrograms())
    func deepInputRunsOnASmallStack(source: String) {
        let result = EvaluationThread.run(stackSize: smallStack) { BlockRunner.run(source) }
        for error in result.errors {
            #expect(["tensor-syntax", "tensor-recursion", "tensor-time-limit"].contains(error.code), "\(error.code): \(error.message)")
            #expect(error.line >= 1 && error.column >= 1)
        }
    }
}
