import Testing
import SiteCore
@testable import TensorScript

@Suite struct ExpectationTests {
    @Test func matchWithinTheWrittenPrecision() {
        let output = ExampleEvaluator.evaluate("softmax([2.0, 1.0, 0.1])   # => [0.659, 0.242, 0.099]", path: "n.md", firstLine: 1, column: 1)
        #expect(output.diagnostics.isEmpty)
        #expect(output.html.contains("tensor-check"))
        // 0.0986 written as 0.10 (two decimals) still matches; as 0.1 with one decimal too
        #expect(errors("softmax([2.0, 1.0, 0.1])   # => [0.66, 0.24, 0.10]").isEmpty)
        #expect(errors("sum([0.5, 0.5]) # => 1").isEmpty)
        #expect(errors("\"adam\" # => \"adam\"").isEmpty)
    }

    @Test func mismatchIsAnErrorAtTheExpectationInTheOriginalFile() {
        // The block starts on line 20 of the note, indented by 4 columns (column 5).
        let source = "x = [2.0, 1.0, 0.1]\nsoftmax(x)   # => [0.659, 0.242, 0.199]"
        let output = ExampleEvaluator.evaluate(source, path: "notes/softmax.md", firstLine: 20, column: 5)
        #expect(output.diagnostics.count == 1)
        let d = output.diagnostics.first
        #expect(d?.severity == .error)
        #expect(d?.code == "tensor-expectation")
        // "softmax(x)   # => " is 18 characters, so the value starts at block column 19 → file column 23
        #expect(d?.location == SourceLocation(path: "notes/softmax.md", line: 21, column: 23))
        #expect(d?.message == "expected [0.659, 0.242, 0.199] got [0.659, 0.242, 0.099]")
        #expect(d?.description == "notes/softmax.md:21:23: error: expected [0.659, 0.242, 0.199] got [0.659, 0.242, 0.099] [tensor-expectation]")
    }

    @Test func justBeyondThePrecisionFails() {
        // sigmoid(0) = 0.5 exactly: 0.50 passes, 0.49 and 0.51 fail; 0.5004 passes at 3 decimals? no: 0.500 vs 0.5004 → |Δ| = 0.0004 < 0.0005
        #expect(errors("sigmoid(0) # => 0.50").isEmpty)
        #expect(errors("sigmoid(0) # => 0.49").first?.message == "expected 0.49 got 0.50")
        #expect(errors("sigmoid(0) # => 0.51").count == 1)
        #expect(errors("0.5004 # => 0.500").isEmpty)
        #expect(errors("0.5006 # => 0.500").count == 1)
        #expect(errors("1e-5 # => 1e-5").isEmpty)
        #expect(errors("2e-5 # => 1e-5").count == 1)
    }

    @Test func shapeMismatchNamesBothShapes() {
        let e = errors("ones(2, 2) # => [1, 1, 1]")
        #expect(e.count == 1)
        #expect(e.first?.message.contains("shape [3]") == true)
        #expect(e.first?.message.contains("shape [2, 2]") == true)
        #expect((e.first?.line, e.first?.column) == (1, 17))
    }

    @Test func expectationOnTheNextLineIsCheckedToo() {
        let e = errors("mean([1, 2, 3])\n# => 3")
        #expect(e.count == 1)
        #expect((e.first?.line, e.first?.column) == (2, 6))
        #expect(e.first?.message == "expected 3 got 2")
    }

    @Test func aNonNumericValueAgainstANumberFails() {
        #expect(errors("sigmoid # => 1").first?.message == "expected 1 got a function")
    }
}
