import Testing
@testable import TensorScript

@Suite struct LexerTests {
    func kinds(_ source: String) -> [Token.Kind] { Lexer(source).tokenize().tokens.map(\.kind) }

    @Test func tokensCarryLineAndColumn() {
        let tokens = Lexer("x = 1.5\n  y=[2, 3]").tokenize().tokens
        let positions = tokens.filter { $0.kind != .newline && $0.kind != .end }.map { "\($0.text)@\($0.position)" }
        #expect(positions == ["x@1:1", "=@1:3", "1.5@1:5", "y@2:3", "=@2:4", "[@2:5", "2@2:6", ",@2:7", "3@2:9", "]@2:10"])
    }

    @Test func numbersRememberTheirWrittenPrecision() {
        let halves = Lexer("0.659 16 1e-3 2.50 .5").tokenize().tokens.compactMap { token -> Double? in
            if case .number(_, let half) = token.kind { return half }
            return nil
        }
        expectClose(halves, [0.0005, 0.5, 0.0005, 0.005, 0.05])
        #expect(kinds("2.5e2").first == .number(250, halfUnit: 5))
    }

    @Test func commentsAreDroppedButExpectationsKept() {
        let tokens = Lexer("softmax(x)   # => [0.5, 0.5]\n# just a note").tokenize().tokens
        let expectation = tokens.first { if case .expectation = $0.kind { true } else { false } }
        #expect(expectation?.kind == .expectation("[0.5, 0.5]"))
        #expect(expectation?.position == ScriptPosition(line: 1, column: 19))
        #expect(!tokens.contains { $0.text.contains("note") })
    }

    @Test func newlinesInsideBracketsDoNotEndAStatement() {
        let k = kinds("m = [[1, 2],\n     [3, 4]]\nm")
        #expect(k.filter { $0 == .newline }.count == 2)
    }

    @Test func powerOperatorSpellings() {
        #expect(kinds("a ** 2").contains(.symbol("^")))
        #expect(kinds("a ^ 2").contains(.symbol("^")))
    }

    @Test func badCharacterIsAnErrorAtItsColumn() {
        let (_, errors) = Lexer("x = 3 $ 4").tokenize()
        #expect(errors.count == 1)
        #expect(errors.first?.position == ScriptPosition(line: 1, column: 7))
    }

    @Test func offsetLexingStartsAtTheGivenColumn() {
        let tokens = Lexer("[1, 2]", firstLine: 4, firstColumn: 20).tokenize().tokens
        #expect(tokens.first?.position == ScriptPosition(line: 4, column: 20))
        #expect(tokens[1].position == ScriptPosition(line: 4, column: 21))
    }
}

@Suite struct FullWidthPunctuationTests {
    @Test func fullWidthPunctuationGetsAHint() {
        let e = errors("softmax([1，2])")
        #expect(e.first?.message == "unexpected character '，' (a full-width character? write ',')")
        #expect((e.first?.line, e.first?.column) == (1, 11))
    }
}
