import Testing
@testable import TensorScript

@Suite struct ParserTests {
    func expression(_ source: String) -> Expr? {
        let program = Parser.parse(source)
        guard program.errors.isEmpty, let first = program.statements.first, case .expression(let e) = first.kind else { return nil }
        return e
    }

    @Test func precedenceAndAssociativity() {
        #expect(expression("1 + 2 * 3")?.sourceText == "1 + 2 * 3")
        #expect(expression("(1 + 2) * 3")?.sourceText == "(1 + 2) * 3")
        // unary minus binds looser than ^: -x^2 is -(x^2)
        guard case .negate(let inner)? = expression("-x^2")?.kind, case .binary(_, let steps) = inner.kind, steps.map(\.op) == [.power] else {
            Issue.record("-x^2 should parse as -(x^2)")
            return
        }
        // ^ is right-associative
        guard case .binary(_, let steps)? = expression("2^3^2")?.kind, steps.count == 1,
              case .binary(_, let inner) = steps[0].operand.kind, inner.map(\.op) == [.power] else {
            Issue.record("2^3^2 should parse as 2^(3^2)")
            return
        }
        #expect(expression("a - b - c")?.sourceText == "a - b - c")
        #expect(expression("a - (b - c)")?.sourceText == "a - (b - c)")
        #expect(expression("(2^3)^2")?.sourceText == "(2 ^ 3) ^ 2")
        #expect(expression("2^3^2")?.sourceText == "2 ^ 3 ^ 2")
        #expect(expression("a / (b * c) @ d - -e")?.sourceText == "a / (b * c) @ d - -e")
    }

    @Test func operatorChainsAreFlat() {
        guard case .binary(let first, let steps)? = expression("1 + 2 - 3 * 4 + 5")?.kind else {
            Issue.record("expected a chain"); return
        }
        #expect(first.sourceText == "1")
        #expect(steps.map(\.op) == [.add, .subtract, .add])
        #expect(steps.map(\.operand.sourceText) == ["2", "3 * 4", "5"])
        #expect(steps.map(\.position.column) == [3, 7, 15])
    }

    @Test func everyNodeHasAPosition() {
        guard let e = expression("sigmoid(x) @ w"), case .binary(let lhs, let steps) = e.kind, steps.map(\.op) == [.matmul] else {
            Issue.record("expected a matmul")
            return
        }
        let rhs = steps[0].operand
        #expect(e.position == ScriptPosition(line: 1, column: 12))
        #expect(lhs.position == ScriptPosition(line: 1, column: 1))
        #expect(rhs.position == ScriptPosition(line: 1, column: 14))
        guard case .call(_, let args) = lhs.kind else { Issue.record("expected a call"); return }
        #expect(args.first?.value.position == ScriptPosition(line: 1, column: 9))
    }

    @Test func labelledArgumentsAndStatements() {
        let program = Parser.parse("x = linspace(-6, 6, 7)\nf(a, b) = a * b\nplot(sigmoid, from: -5, to: 5);")
        #expect(program.errors.isEmpty)
        #expect(program.statements.count == 3)
        guard case .assignment("x", _) = program.statements[0].kind else { Issue.record("assignment"); return }
        guard case .function("f", let parameters, _) = program.statements[1].kind else { Issue.record("definition"); return }
        #expect(parameters == ["a", "b"])
        #expect(program.statements[2].isSilent)
        guard case .expression(let call) = program.statements[2].kind, case .call(_, let args) = call.kind else { Issue.record("call"); return }
        #expect(args.map(\.label) == [nil, "from", "to"])
        #expect(args[1].position == ScriptPosition(line: 3, column: 15))
    }

    @Test func expectationOnTheSameOrTheNextLine() {
        let program = Parser.parse("softmax([1, 1])   # => [0.5, 0.5]\nsum([1, 2])\n# => 3")
        #expect(program.errors.isEmpty)
        #expect(program.statements[0].expectation?.position == ScriptPosition(line: 1, column: 24))
        #expect(program.statements[1].expectation?.text == "3")
        #expect(program.statements[1].expectation?.position == ScriptPosition(line: 3, column: 6))
        #expect(program.statements[1].lastLine == 3)
    }

    @Test func multiLineMatrixStatementEndsOnItsLastLine() {
        let program = Parser.parse("m = [[1, 2],\n     [3, 4]]\nm")
        #expect(program.statements.count == 2)
        #expect(program.statements[0].lastLine == 2)
        #expect(program.statements[1].position.line == 3)
    }

    @Test func syntaxErrorsAreReportedAndParsingContinues() {
        let program = Parser.parse("x = (1 + 2\ny = 3 +\nz = 4\nw = [1, 2")
        #expect(program.statements.count == 1)
        let positions = program.errors.map(\.position)
        #expect(positions.contains(ScriptPosition(line: 1, column: 11)))
        #expect(positions.contains(ScriptPosition(line: 2, column: 8)))
        #expect(program.errors.count == 3)
        #expect(program.errors.allSatisfy { $0.code == "tensor-syntax" })
    }

    @Test func aLoneExpectationIsAnError() {
        let program = Parser.parse("# => 3")
        #expect(program.errors.first?.position == ScriptPosition(line: 1, column: 6))
    }

    @Test func indexingMembersAndSlices() {
        #expect(expression("x[0, 1:3, :]")?.sourceText == "x[0, 1:3, :]")
        #expect(expression("lstm_cell(x, h, c).h")?.sourceText == "lstm_cell(x, h, c).h")
    }
}
