import Foundation
import SiteMarkdown
import Testing

/// Hostile nesting (issue 8): cmark-gfm parses it, and the tree sitegen builds from it stays shallow enough for
/// every recursive walk, `==`, `hash` and deinit to run on a 512 KB stack (a Dispatch worker on macOS).
@Suite struct DeepNestingTests {
    static let hostile: [(name: String, text: String)] = [
        ("15,000 list markers", String(repeating: "- ", count: 15_000) + "最深处\n"),
        ("15,000 ordered list markers", String(repeating: "1. ", count: 15_000) + "最深处\n"),
        ("400 indented list levels", (0..<400).map { String(repeating: "  ", count: $0) + "- 层\n" }.joined() + String(repeating: "  ", count: 400) + "最深处\n"),
        ("30,000 quote markers", String(repeating: ">", count: 30_000) + " 最深处\n"),
        ("10,000 quoted list items", String(repeating: "> - ", count: 10_000) + "最深处\n"),
        ("60,000 asterisks", String(repeating: "*", count: 60_000) + "最深处" + String(repeating: "*", count: 60_000) + "\n"),
        ("20,000 strong words", String(repeating: "**强 ", count: 20_000) + "最深处" + String(repeating: "**", count: 20_000) + "\n"),
        ("20,000 nested images", String(repeating: "![", count: 20_000) + "最深处" + String(repeating: "](a.png)", count: 20_000) + "\n"),
        ("30,000 nested links", String(repeating: "[", count: 30_000) + "最深处" + String(repeating: "](a.md)", count: 30_000) + "\n"),
        ("10,000 images of emphasis", String(repeating: "![*", count: 10_000) + "最深处" + String(repeating: "*](a.png)", count: 10_000) + "\n"),
    ]

    /// How deep `node` nests, counted without recursion (the point is that the tree may be deep).
    static func depth(_ node: MarkdownNode) -> Int {
        var deepest = 0
        var pending: [(MarkdownNode, Int)] = [(node, 0)]
        while let (next, depth) = pending.popLast() {
            deepest = max(deepest, depth)
            pending += next.children.map { ($0, depth + 1) }
        }
        return deepest
    }

    /// Runs `body` on a thread with a 512 KB stack and waits for it.
    static func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
    }

    @Test(arguments: hostile.map(\.name))
    func deepNestingIsFlattenedAndWalksOnASmallStack(name: String) throws {
        let text = try #require(Self.hostile.first { $0.name == name }).text
        Self.onSmallStack {
            let parsed = MarkdownParser.parseDocument(text)
            let document = parsed.document
            #expect(Self.depth(document) <= MarkdownParser.maximumDepth + 3)
            #expect(document.plainText.contains("最深处"))
            #expect(HTMLRenderer().render(document).contains("最深处"))
            var nodes = 0
            document.walk { _ in
                nodes += 1
                return true
            }
            #expect(document.collect { _ in true }.count == nodes)
            let copy = document.rewritten { $0 }
            #expect(copy == document)
            #expect(copy?.hashValue == document.hashValue)
            // Value trees are freed here, on the small stack, too.
        }
    }

    @Test(arguments: hostile.map(\.name))
    func flatteningIsReportedWhereItStarts(name: String) throws {
        let text = try #require(Self.hostile.first { $0.name == name }).text
        let flattened = MarkdownParser.parseDocument(text).flattened
        guard name.contains("links") else {
            // A link cannot contain a link: 30,000 `[` nest nothing.
            #expect(!flattened.isEmpty)
            #expect(flattened.first?.startLine == (name.contains("indented") ? 50 : 1))
            return
        }
        #expect(flattened.isEmpty)
    }

    /// Up to the limit nothing changes: the HTML is cmark-gfm's, byte for byte. One list more flattens only
    /// the innermost paragraph, which renders the same when it holds only text.
    @Test func nestingUpToTheLimitIsKept() {
        let levels = (MarkdownParser.maximumDepth - 1) / 2
        for markers in [levels, levels + 1] {
            let text = String(repeating: "- ", count: markers) + "最深处\n"
            let parsed = MarkdownParser.parseDocument(text)
            #expect(parsed.flattened.isEmpty == (markers == levels))
            #expect(HTMLRenderer().render(parsed.document) == MarkdownParser.referenceHTML(text))
        }
        let quotes = String(repeating: ">", count: MarkdownParser.maximumDepth) + " 引用\n"
        #expect(HTMLRenderer().render(MarkdownParser.parse(quotes)) == MarkdownParser.referenceHTML(quotes))
    }

    @Test func flattenedBlocksKeepTheirTextOnSeparateLines() {
        let deep = String(repeating: "> ", count: MarkdownParser.maximumDepth + 5)
        let text = "\(deep)第一段\n\(deep)\n\(deep)- 列表项 `代码`\n"
        let html = HTMLRenderer().render(MarkdownParser.parse(text))
        #expect(html.contains("<p>第一段\n列表项 代码</p>"))
    }
}
