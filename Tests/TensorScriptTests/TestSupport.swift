import Foundation
import Testing
@testable import TensorScript

/// Runs a block and returns the value of its last statement, recording an issue for any error.
func lastValue(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> Value? {
    let (result, values) = BlockRunner.runCollectingValues(source)
    #expect(result.errors.isEmpty, "unexpected errors: \(result.errors.map { "\($0.line):\($0.column) \($0.message)" })", sourceLocation: sourceLocation)
    return values.last ?? nil
}

/// The numbers of the last statement's value.
func lastNumbers(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Double] {
    lastValue(source, sourceLocation: sourceLocation)?.scalars ?? []
}

/// The errors of a block as `line:col message`.
func errors(_ source: String) -> [BlockError] {
    BlockRunner.run(source).errors
}

func expectClose(_ got: [Double], _ want: [Double], tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == want.count, "got \(got.count) values, want \(want.count)", sourceLocation: sourceLocation)
    for (g, w) in zip(got, want) {
        #expect(abs(g - w) <= tolerance * max(1, abs(w)), "got \(g), want \(w)", sourceLocation: sourceLocation)
    }
}

func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// The stack of a Dispatch worker thread on macOS: blocks are evaluated from such threads during a build.
let smallStack = 512 * 1024
