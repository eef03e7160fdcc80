import Foundation
import Testing
@testable import SiteMath

/// Markdown fixtures with a sibling `.expected` file: one line per formula, tab-separated fields,
/// newlines inside a formula written as `⏎`. `SITEGEN_UPDATE_GOLDENS=1` rewrites the `.expected`
/// files from the current output (into the source tree) for review.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    static func expectedLines(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func encode(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "⏎") }

    /// Compares `actual` with the golden lines of `name`, or rewrites the golden in the source tree.
    static func check(_ actual: [String], against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_GOLDENS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name)
            try (actual.joined(separator: "\n") + "\n").write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = try expectedLines(name)
        #expect(actual.count == expected.count, "formula count for \(name)", sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(a == e, "in \(name)", sourceLocation: sourceLocation)
        }
    }
}
