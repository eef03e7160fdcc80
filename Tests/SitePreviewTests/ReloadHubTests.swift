import Foundation
import SiteCore
@testable import SitePreview
import Testing

@Suite struct ReloadHubTests {
    static func outcome(succeeded: Bool, diagnostics: [Diagnostic] = [], root: URL = URL(fileURLWithPath: "/")) -> RebuildOutcome {
        RebuildOutcome(succeeded: succeeded, diagnostics: diagnostics, summary: "", site: ServedSite(folder: root, basePath: "/"),
                       inputs: WatchedInputs(folders: [], files: []), root: root)
    }

    @Test func pagesHearOfRebuildsAndFailures() async throws {
        let hub = ReloadHub()
        let generation = hub.generation
        var events = hub.subscribe().makeAsyncIterator()
        #expect(await events.next() == "event: hello\ndata: {\"generation\":\"\(generation)\",\"problems\":[]}\n\n")
        #expect(hub.subscriberCount == 1)

        hub.publish(Self.outcome(succeeded: true))
        #expect(hub.generation != generation)
        #expect(await events.next() == "event: reload\ndata: {\"generation\":\"\(hub.generation)\"}\n\n")

        let broken = Diagnostic.error("invalid YAML: 缺少 ]", code: "yaml-syntax", at: SourceLocation(path: "/nonexistent/x.md", line: 2, column: 8))
        let afterSuccess = hub.generation
        hub.publish(Self.outcome(succeeded: false, diagnostics: [broken, .warning("a warning", code: "w")]))
        #expect(hub.generation == afterSuccess)
        let problems = try #require(await events.next())
        #expect(problems.hasPrefix("event: problems\ndata: {\"problems\":[{"))
        #expect(problems.contains(#""location":"/nonexistent/x.md:2:8""#))
        #expect(problems.contains(#""message":"invalid YAML: 缺少 ]""#))
        #expect(!problems.contains("a warning"))
        #expect(problems.hasSuffix("}]}\n\n") && problems.filter { $0 == "\n" }.count == 3)

        var late = hub.subscribe().makeAsyncIterator()
        #expect(await late.next()?.contains("invalid YAML") == true)
    }

    @Test func closeEndsEveryStream() async {
        let hub = ReloadHub()
        var open = hub.subscribe().makeAsyncIterator()
        _ = await open.next()
        hub.close()
        #expect(await open.next() == nil)
        #expect(hub.subscriberCount == 0)
        var later = hub.subscribe().makeAsyncIterator()
        #expect(await later.next()?.hasPrefix("event: hello") == true)
        #expect(await later.next() == nil)
    }

    @Test func aClosedPageIsForgotten() async {
        let hub = ReloadHub()
        do {
            let stream = hub.subscribe()
            #expect(hub.subscriberCount == 1)
            _ = stream
        }
        #expect(hub.subscriberCount == 0)
    }

    @Test func reloadTagNamesTheGeneration() {
        #expect(ReloadScript.tag(generation: "abc-3") == #"<script src="/__sitegen/reload.js" data-generation="abc-3"></script>"#)
    }
}

@Suite struct ShownProblemTests {
    @Test func sourceLineAndCaretUnderTheColumn() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-problem-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("---\n标题: [未闭合\n---\n".utf8).write(to: root.appendingPathComponent("notes/x.md"))
        var files: [String: [Substring]] = [:]
        let problem = ShownProblem(.error("invalid YAML", code: "yaml-syntax", at: SourceLocation(path: "notes/x.md", line: 2, column: 5)),
                                   root: root, files: &files)
        #expect(problem.sourceLine == "标题: [未闭合")
        #expect(problem.line == 2 && problem.column == 5)
        #expect(problem.terminalLines == [
            "notes/x.md:2:5: error: invalid YAML [yaml-syntax]",
            "    2 | 标题: [未闭合",
            "      |       ^",
        ])

        let nowhere = ShownProblem(.error("node is missing", code: "math"), root: root, files: &files)
        #expect(nowhere.terminalLines == ["sitegen: error: node is missing [math]"])
        let pastTheEnd = ShownProblem(.error("x", code: "c", at: SourceLocation(path: "notes/x.md", line: 40, column: 1)), root: root, files: &files)
        #expect(pastTheEnd.sourceLine == nil)
        #expect(pastTheEnd.terminalLines.count == 1)
    }
}
