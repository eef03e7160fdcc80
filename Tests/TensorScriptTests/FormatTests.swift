import Testing
@testable import TensorScript

@Suite struct FormatTests {
    func formatted(_ values: [Double]) -> [String] {
        let format = NumberFormat.choose(for: values)
        return values.map(format.format)
    }

    @Test func integersHaveNoDecimals() {
        #expect(formatted([-6, -4, 0, 2, 6]) == ["-6", "-4", "0", "2", "6"])
        #expect(formatted([1792]) == ["1792"])
    }

    @Test func oneStyleForAllElementsWithCommonTrailingZerosDropped() {
        #expect(formatted([0.5, 0.25]) == ["0.50", "0.25"])
        #expect(formatted([0.659001, 0.242433, 0.098566]) == ["0.6590", "0.2424", "0.0986"])
        #expect(formatted([3.14159265]) == ["3.142"])
        #expect(formatted([1.5, 2.5]) == ["1.5", "2.5"])
    }

    @Test func tinyOrHugeValuesUseScientificNotation() {
        #expect(formatted([2.47e-5, 0.5]) == ["2.47e-05", "5.00e-01"])
        #expect(formatted([1.5e9]) == ["1.5e+09"])
    }

    @Test func negativeZeroAndNonFiniteValues() {
        #expect(NumberFormat(.fixed(2)).format(-0.0001) == "0.00")
        #expect(NumberFormat(.fixed(2)).format(.nan) == "nan")
        #expect(NumberFormat(.fixed(2)).format(-.infinity) == "-inf")
        #expect(formatted([.nan, 1, 2]) == ["nan", "1", "2"])
    }

    @Test func layoutBySize() {
        guard case .grid(let shape, let rows, let stats) = Display.tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6.5]) else {
            Issue.record("a small matrix is a grid"); return
        }
        #expect(shape == [2, 3])
        #expect(rows == [["1.0", "2.0", "3.0"], ["4.0", "5.0", "6.5"]])
        #expect(stats.isEmpty)
        guard case .slices(_, let slices, _) = Display.tensor(shape: [2, 1, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8]) else {
            Issue.record("a small 4-d tensor is shown as matrices"); return
        }
        #expect(slices.map(\.label) == ["[0, 0, :, :]", "[1, 0, :, :]"])
        #expect(slices[1].rows == [["5", "6"], ["7", "8"]])
        #expect(Display.tensor(shape: [], scalars: [0.25]) == .scalar("0.25"))
        guard case .grid(_, let long, let longStats) = Display.tensor(shape: [17], scalars: Array(repeating: 1, count: 17)) else {
            Issue.record("a long vector is a grid"); return
        }
        #expect(long == [["1", "1", "1", "...", "1", "1", "1"]])
        #expect(!longStats.isEmpty)
    }

    @Test func terminalMatricesAlignTheirColumns() {
        let text = TextRenderer.render(.grid(shape: [2, 2], rows: [["1.0", "-0.5"], ["10.0", "2.0"]], stats: []))
        #expect(text == "[[ 1.0, -0.5],\n [10.0,  2.0]]")
    }
}
