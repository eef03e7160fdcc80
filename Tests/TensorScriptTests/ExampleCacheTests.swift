import Foundation
import Testing
import SiteCore
@testable import TensorScript

@Suite struct ExampleCacheTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tensor-cache-\(UUID().uuidString)")
    }

    @Test func aHitReturnsTheSameHTMLAndRelocatesDiagnostics() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ExampleCache(directory: directory)
        let source = "x = [1, 2]\nsum(x)   # => 4"
        #expect(!cache.contains(source))
        let first = cache.output(for: source, path: "notes/a.md", firstLine: 5, column: 1)
        #expect(cache.contains(source))
        #expect(first.diagnostics.first?.location == SourceLocation(path: "notes/a.md", line: 6, column: 15))

        // the same block elsewhere: loaded, not evaluated, and its error placed at the new position
        let second = cache.output(for: source, path: "notes/b.md", firstLine: 40, column: 3)
        #expect(second.html == first.html)
        #expect(second.diagnostics.first?.location == SourceLocation(path: "notes/b.md", line: 41, column: 17))
        #expect(second.diagnostics.first?.message == first.diagnostics.first?.message)
        #expect(second == ExampleEvaluator.evaluate(source, path: "notes/b.md", firstLine: 40, column: 3))
    }

    @Test func theStoredFileIsWhatIsServed() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ExampleCache(directory: directory)
        let source = "sigmoid(0)"
        _ = cache.output(for: source, path: "a.md", firstLine: 1, column: 1)
        let file = directory.appendingPathComponent(ExampleCache.key(for: source) + ".json")
        // Tamper with the stored HTML: a hit must return the stored text, proving no re-evaluation.
        var stored = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] ?? [:]
        stored["html"] = "<p>cached</p>"
        try JSONSerialization.data(withJSONObject: stored).write(to: file)
        #expect(cache.output(for: source, path: "a.md", firstLine: 1, column: 1).html == "<p>cached</p>")
        // A corrupt file is ignored and the block evaluated again.
        try Data("not json".utf8).write(to: file)
        #expect(cache.output(for: source, path: "a.md", firstLine: 1, column: 1).html.contains("0.5"))
    }

    @Test func keysDependOnSourceNotOnPlace() {
        #expect(ExampleCache.key(for: "sigmoid(0)") == ExampleCache.key(for: "sigmoid(0)"))
        #expect(ExampleCache.key(for: "sigmoid(0)") != ExampleCache.key(for: "sigmoid(1)"))
        #expect(ExampleCache.key(for: "a").count == 64)
    }

    @Test func aBlockStoppedByTheTimeLimitIsNotStored() {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ExampleCache(directory: directory, timeLimit: .milliseconds(100))
        let slow = "a = ones(2000, 2000);\na @ a;"
        #expect(cache.output(for: slow, path: "a.md", firstLine: 1, column: 1).diagnostics.map(\.code) == ["tensor-time-limit"])
        #expect(!cache.contains(slow), "whether it finishes depends on the machine, so the next build tries again")
        // finished results are stored, errors included
        for source in ["1 + 1", "zeros(2) @ ones(3)"] {
            _ = cache.output(for: source, path: "a.md", firstLine: 1, column: 1)
            #expect(cache.contains(source))
        }
    }

    @Test func noDirectoryMeansNoCaching() {
        let cache = ExampleCache(directory: nil)
        #expect(!cache.contains("1"))
        #expect(cache.output(for: "1 + 1", path: "a.md", firstLine: 1, column: 1).html.contains("<td>2</td>"))
    }
}
