import Testing
@testable import TensorScript

/// Long statements are refused at their position before they are parsed; long operator chains are one
/// flat node, so the statements that are accepted evaluate, print and are released without deep recursion.
@Suite struct StatementSizeTests {
    @Test func aThirtyThousandTermSumIsALocatedError() {
        let source = "x = 1\n" + "1" + String(repeating: " + 1", count: 29_999) + "\ny = x + 1"
        let result = EvaluationThread.run(stackSize: smallStack) { BlockRunner.run(source) }
        #expect(result.errors.count == 1)
        let error = result.errors.first
        #expect(error?.code == "tensor-syntax")
        #expect(error?.line == 2 && error?.column == 1)
        #expect(error?.message.hasPrefix("this statement is 59999 tokens long, more than the 10000") == true)
        #expect(result.outcomes.map(\.line) == [1, 3], "the statements around it still run")
    }

    @Test func longChainsAreFlatAndEvaluate() {
        expectClose(lastNumbers("1" + String(repeating: " + 1", count: 4_999)), [5000])
        expectClose(lastNumbers("64" + String(repeating: " / 2 * 2", count: 2_000) + " - 1"), [63])
        guard case .expression(let sum) = Parser.parse("1" + String(repeating: " - 1", count: 4_999)).statements.first?.kind,
              case .binary(_, let steps) = sum.kind else {
            Issue.record("expected one chain"); return
        }
        #expect(steps.count == 4_999)
        let printed = EvaluationThread.run(stackSize: smallStack) { sum.sourceText }
        #expect(printed == "1" + String(repeating: " - 1", count: 4_999))
    }

    @Test func chainedCallsIndicesAndFieldsCountAsNesting() {
        let deep = errors("x = [[1, 2], [3, 4]]\nx" + String(repeating: ".T", count: 120))
        #expect(deep.map(\.code) == ["tensor-syntax"])
        #expect(deep.first?.message == "expression nested more than 100 levels deep")
        expectClose(lastNumbers("x = [[1, 2], [3, 4]]\nx" + String(repeating: ".T", count: 3)), [1, 3, 2, 4])
    }

    @Test func aHugeExpectationIsRefused() {
        let expected = "[" + String(repeating: "1, ", count: 6_000) + "1]"
        let result = errors("ones(6001)  # => " + expected)
        #expect(result.map(\.code) == ["tensor-syntax"])
        #expect(result.first?.message.contains("tokens long") == true)
    }
}
