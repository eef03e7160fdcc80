import Testing
@testable import TensorScript

/// A block that runs past its time limit is stopped cooperatively with an error at the running statement;
/// the statements after it do not run.
@Suite struct TimeLimitTests {
    @Test func aLongMinimizeStopsBetweenSteps() {
        let source = "A = ones(1000, 500);\nf(w) = sum((A @ w)^2)\nm = minimize(f, ones(500), lr: 1e-7, steps: 7000);\nafter = 1"
        let start = ContinuousClock.now
        let result = BlockRunner.run(source, timeLimit: .seconds(2))
        #expect(ContinuousClock.now - start < .seconds(45), "without the limit this runs for minutes")
        #expect(result.timedOut)
        #expect(result.errors.map(\.code) == ["tensor-time-limit"])
        #expect((result.errors.first?.line, result.errors.first?.column) == (3, 1))
        #expect(result.errors.first?.message.hasPrefix("stopped after 2 s, the time limit of a block, while this statement was running") == true)
        #expect(result.outcomes.map(\.line) == [1, 2, 3], "the statement after the stopped one does not run")
    }

    @Test func oneLongMatrixProductStopsInsideTheKernel() {
        let start = ContinuousClock.now
        let result = BlockRunner.run("a = ones(2000, 2000);\nb = a @ a;", timeLimit: .seconds(2))
        #expect(ContinuousClock.now - start < .seconds(45), "the product alone takes minutes in a debug build")
        #expect(result.errors.map(\.code) == ["tensor-time-limit"])
        #expect(result.errors.first?.line == 2)
    }

    @Test func aQuickBlockIsUnaffected() {
        let result = BlockRunner.run("x = softmax([1, 2, 3])\nsum(x)  # => 1", timeLimit: .seconds(60))
        #expect(result.errors.isEmpty && !result.timedOut)
    }
}
