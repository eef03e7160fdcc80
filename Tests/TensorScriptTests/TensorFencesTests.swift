import Testing
@testable import TensorScript

@Suite struct TensorFencesTests {
    let note = """
    # 激活函数 activation

    sigmoid 的导数最大是 0.25：

    ```tensor
    grad(sigmoid, 0)   # => 0.25
    ```

    ```python
    print("not ours")
    ```

    - 列表里的例子：
      ~~~tensor
      softmax([1, 1])  # => [0.5, 0.4]
      ~~~
    """

    @Test func findsTensorBlocksWithTheirPositions() {
        let blocks = TensorFences.find(in: note)
        #expect(blocks.count == 2)
        #expect(blocks[0].source == "grad(sigmoid, 0)   # => 0.25")
        #expect(blocks[0].firstLine == 6)
        #expect(blocks[0].column == 1)
        #expect(blocks[1].source == "softmax([1, 1])  # => [0.5, 0.4]")
        #expect(blocks[1].firstLine == 15)
        #expect(blocks[1].column == 3)
    }

    @Test func terminalEvaluationOfANoteReportsFileLines() {
        let (text, diagnostics) = ExampleEvaluator.evaluateForTerminal(note, path: "notes/act.md", firstLine: 1)
        #expect(diagnostics.map(\.description) == ["notes/act.md:15:25: error: expected [0.5, 0.4] got [0.5, 0.5] [tensor-expectation]"])
        #expect(text.contains("notes/act.md:6\n6 │ grad(sigmoid, 0)"))
        #expect(text.contains("⇒ 0.25  ✓"))
    }

    @Test func anUnclosedFenceRunsToTheEnd() {
        let blocks = TensorFences.find(in: "```tensor\n1 + 1\n2 + 2")
        #expect(blocks.map(\.source) == ["1 + 1\n2 + 2"])
    }
}
