import Dispatch
import SiteMarkdown
import Testing

/// cmark-gfm keeps the characters that start extension inlines (`~`) in a process-wide table that every
/// parser adds to and removes from; parallel parses must not see each other's removals.
@Suite struct ConcurrentParsingTests {
    @Test func parallelParsesKeepEveryExtension() {
        let text = "| a | b |\n|---|---|\n| ~~x~~ | 2 |\n\n段落 ~~删除~~ 与 www.example.com\n"
        let count = 400
        let results = ResultBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let doc = MarkdownParser.parse(text)
            results.set(i, doc.collect { $0.kind == .strikethrough }.count)
        }
        #expect(results.values.allSatisfy { $0 == 2 }, "parses that lost strikethrough: \(results.values.filter { $0 != 2 }.count)")
    }
}

final class ResultBox: @unchecked Sendable {
    private var storage: [Int]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { storage = Array(repeating: -1, count: count) }
    func set(_ i: Int, _ value: Int) {
        lock.wait()
        storage[i] = value
        lock.signal()
    }
    var values: [Int] { storage }
}
