import Testing
@testable import TensorScript

/// Large tensors are shown numpy-style: the first and last three items of each long axis around `...`,
/// with their statistics; only the values shown are formatted.
@Suite struct SummaryTests {
    @Test func aLargeMatrixShowsItsCornersAndStatistics() {
        let values = (0..<4_000_000).map(Double.init)
        guard case .grid(let shape, let rows, let stats) = Display.tensor(shape: [2000, 2000], scalars: values) else {
            Issue.record("a matrix is a grid"); return
        }
        #expect(shape == [2000, 2000])
        #expect(rows.count == 7 && rows[3] == ["..."])
        #expect(rows[0] == ["0", "1", "2", "...", "1997", "1998", "1999"])
        #expect(rows[6] == ["3998000", "3998001", "3998002", "...", "3999997", "3999998", "3999999"])
        let mean = values.reduce(0, +) / 4_000_000
        let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4_000_000).squareRoot()
        #expect(stats == [.init(name: "mean", value: NumberFormat.compact(mean)), .init(name: "std", value: NumberFormat.compact(std)),
                          .init(name: "min", value: "0"), .init(name: "max", value: NumberFormat.compact(3_999_999))])
    }

    @Test func theStyleComesFromTheShownValues() {
        var values = [Double](repeating: 0.5, count: 10_000)
        values[5_000] = 1e12
        guard case .grid(_, let rows, let stats) = Display.tensor(shape: [10_000], scalars: values) else {
            Issue.record("a vector is a grid"); return
        }
        #expect(rows == [["0.5", "0.5", "0.5", "...", "0.5", "0.5", "0.5"]])
        #expect(stats.last == .init(name: "max", value: "1e+12"))
    }

    @Test func aLongStackOfMatricesShowsTheFirstAndLastThree() {
        guard case .slices(let shape, let slices, let stats) = Display.tensor(shape: [20, 2, 2], scalars: (0..<80).map(Double.init)) else {
            Issue.record("a rank-3 tensor is slices"); return
        }
        #expect(shape == [20, 2, 2] && !stats.isEmpty)
        #expect(slices.map(\.label) == ["[0, :, :]", "[1, :, :]", "[2, :, :]", "...", "[17, :, :]", "[18, :, :]", "[19, :, :]"])
        #expect(slices[6].rows == [["76", "77"], ["78", "79"]])
    }

    @Test func smallTensorsAreShownInFull() {
        guard case .grid(_, let rows, let stats) = Display.tensor(shape: [12, 12], scalars: (0..<144).map(Double.init)) else {
            Issue.record("a matrix is a grid"); return
        }
        #expect(rows.count == 12 && rows.allSatisfy { $0.count == 12 && !$0.contains("...") } && stats.isEmpty)
        guard case .slices(_, let slices, _) = Display.tensor(shape: [16, 2, 2], scalars: Array(repeating: 1, count: 64)) else {
            Issue.record("a rank-3 tensor is slices"); return
        }
        #expect(slices.count == 16)
    }

    @Test func theTerminalWritesGapsLikeNumpy() {
        let text = TextRenderer.render(Display.tensor(shape: [100, 100], scalars: (0..<10_000).map(Double.init)))
        #expect(text == """
            [[   0,    1,    2, ...,   97,   98,   99],
             [ 100,  101,  102, ...,  197,  198,  199],
             [ 200,  201,  202, ...,  297,  298,  299],
             ...,
             [9700, 9701, 9702, ..., 9797, 9798, 9799],
             [9800, 9801, 9802, ..., 9897, 9898, 9899],
             [9900, 9901, 9902, ..., 9997, 9998, 9999]]
            shape [100, 100]: mean 5000, std 2887, min 0, max 9999
            """)
    }

    @Test func pagesMarkTheGapsAndShowTheStatistics() throws {
        let html = ExampleEvaluator.evaluate("ones(2000, 2000)", path: "n.md", firstLine: 1, column: 1).html
        #expect(html.components(separatedBy: "<td class=\"tensor-gap\">...</td>").count - 1 == 6)
        #expect(html.contains("<tr class=\"tensor-gap\"><td colspan=\"7\">...</td></tr>"))
        #expect(html.contains("<span class=\"tensor-shape\">[2000, 2000]</span> <span class=\"tensor-stats\">"))
        #expect(html.contains("<span class=\"tensor-stat-name\">mean</span> 1</span>"))
    }

    @Test func aMismatchWithALargeTensorIsWrittenShort() {
        let result = errors("ones(2000, 2000)  # => 1")
        #expect(result.map(\.code) == ["tensor-expectation"])
        #expect(result.first?.message == "expected 1 (shape []) got a tensor of shape [2000, 2000]: [[1, 1, 1, ..., 1, 1, 1], [1, 1, 1, ..., 1, 1, 1], [1, 1, 1, ..., 1, 1, 1], ..., [1, 1, 1, ..., 1, 1, 1], [1, 1, 1, ..., 1, 1, 1], [1, 1, 1, ..., 1, 1, 1]]")
    }
}
