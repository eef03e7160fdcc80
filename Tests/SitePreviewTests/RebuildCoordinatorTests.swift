import Foundation
import SiteBuild
import SiteCore
import SiteMath
@testable import SitePreview
import Testing

/// Records the batches it is asked to rebuild; can hold a build until released, and fail on request.
final class FakeRebuilder: SiteRebuilder, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var batches: [Set<String>] = []
    private var running = 0
    private(set) var mostAtOnce = 0
    let started = DispatchSemaphore(value: 0)
    var hold: DispatchSemaphore?
    var fails: (Set<String>) -> Bool = { _ in false }

    func rebuild(changedPaths: Set<String>) -> RebuildOutcome {
        lock.withLock {
            batches.append(changedPaths)
            running += 1
            mostAtOnce = max(mostAtOnce, running)
        }
        started.signal()
        hold?.wait()
        lock.withLock { running -= 1 }
        let site = ServedSite(folder: URL(fileURLWithPath: "/nonexistent"), basePath: "/")
        return RebuildOutcome(succeeded: !fails(changedPaths), diagnostics: [], summary: "", site: site,
                              inputs: WatchedInputs(folders: [], files: []), root: URL(fileURLWithPath: "/"))
    }

    var recorded: [Set<String>] { lock.withLock { batches } }
}

@Suite struct RebuildCoordinatorTests {
    @Test func aBurstOfSavesIsOneRebuild() {
        let fake = FakeRebuilder()
        let coordinator = RebuildCoordinator(rebuilder: fake, quietPeriod: 0.3, longestWait: 5) { _, _ in }
        coordinator.start()
        defer { coordinator.stop() }
        for i in 0..<30 { coordinator.filesChanged(["/notes/\(i % 3).md", "/notes/.\(i).swp"]) }
        #expect(coordinator.waitUntilIdle())
        #expect(fake.recorded.count == 1)
        #expect(fake.recorded.first?.count == 33)
    }

    @Test func changesDuringARebuildAreRebuiltTogetherAfterIt() {
        let fake = FakeRebuilder()
        let hold = DispatchSemaphore(value: 0)
        fake.hold = hold
        let outcomes = Counter()
        let coordinator = RebuildCoordinator(rebuilder: fake, quietPeriod: 0.001) { _, _ in outcomes.add() }
        coordinator.start()
        defer { coordinator.stop() }
        coordinator.filesChanged(["/notes/a.md"])
        fake.started.wait()
        for name in ["b", "c", "d", "b"] { coordinator.filesChanged(["/notes/\(name).md"]) }
        #expect(!coordinator.waitUntilIdle(timeout: 0.2))
        fake.hold = nil
        hold.signal()
        #expect(coordinator.waitUntilIdle())
        #expect(fake.recorded == [["/notes/a.md"], ["/notes/b.md", "/notes/c.md", "/notes/d.md"]])
        #expect(fake.mostAtOnce == 1)
        #expect(outcomes.value == 2)
    }

    @Test func stopRunsNoFurtherRebuilds() {
        let fake = FakeRebuilder()
        let coordinator = RebuildCoordinator(rebuilder: fake, quietPeriod: 0.5) { _, _ in }
        coordinator.start()
        coordinator.filesChanged(["/notes/a.md"])
        coordinator.stop()
        Thread.sleep(forTimeInterval: 0.7)
        #expect(fake.recorded.isEmpty)
    }

    /// A rebuilder that can refresh pages is asked to first; saves that arrive during a rebuild of the
    /// whole site are refreshed at once, that rebuild stops, and the next one covers both.
    @Test func pagesAreRefreshedFirstAndAStoppedRebuildIsDoneWithTheNextSave() {
        let fake = RefreshingRebuilder()
        let hold = DispatchSemaphore(value: 0)
        fake.hold = hold
        let outcomes = Recorder<(Bool, Set<String>)>()
        let coordinator = RebuildCoordinator(rebuilder: fake, quietPeriod: 0.001) { outcome, paths in
            outcomes.add((outcome.isRefresh, paths))
        }
        coordinator.start()
        defer { coordinator.stop() }
        coordinator.filesChanged(["/notes/a.md"])
        fake.started.wait()
        coordinator.filesChanged(["/notes/b.md"])
        fake.refreshed.wait()
        fake.refreshed.wait()
        fake.hold = nil
        hold.signal()
        #expect(coordinator.waitUntilIdle())
        #expect(fake.recorded == ["refresh a.md", "refresh a.md b.md", "stopped a.md", "rebuild a.md b.md"])
        #expect(outcomes.values.map(\.0) == [true, true, false])
        #expect(outcomes.values.map(\.1) == [["/notes/a.md"], ["/notes/b.md"], ["/notes/a.md", "/notes/b.md"]])
    }

    /// The real whole-site rebuilder: a note that breaks the build leaves the served site as it was, the
    /// hub shows the problem with its source line, and the fix brings the new page and clears it.
    @Test func aFailingBuildKeepsTheLastGoodSite() async throws {
        let project = try PreviewProject(notes: ["基础/激活函数.md": "# 激活函数\n\n第一版的正文。\n"])
        defer { project.delete() }
        let rebuilder = project.rebuilder()
        let hub = ReloadHub()
        let sites = ServedSiteHolder(ServedSite(project.context()))
        let coordinator = RebuildCoordinator(rebuilder: rebuilder, quietPeriod: 0.001) { outcome, _ in
            if outcome.succeeded { sites.site = outcome.site }
            hub.publish(outcome)
        }
        coordinator.start()
        defer { coordinator.stop() }
        let first = rebuilder.rebuild(changedPaths: [])
        #expect(first.succeeded)
        hub.publish(first)
        var events = hub.subscribe().makeAsyncIterator()
        #expect(await events.next()?.hasPrefix("event: hello") == true)
        let page = "/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/"
        func served() -> String {
            let handler = SiteRequestHandler(site: sites.site)
            return String(decoding: handler.respond(to: SiteRequest(method: "GET", target: page)).body, as: UTF8.self)
        }
        #expect(served().contains("第一版的正文。"))
        let before = try project.snapshot()

        let note = try project.write("基础/激活函数.md", "---\ntitle: 激活: 函数\n---\n第二版的正文。\n")
        coordinator.filesChanged([note.path])
        #expect(coordinator.waitUntilIdle())
        #expect(try project.snapshot() == before)
        #expect(served().contains("第一版的正文。"))
        let failed = try #require(await events.next())
        #expect(failed.hasPrefix("event: problems\n"))
        #expect(failed.contains(#""location":"notes/基础/激活函数.md:2:"#))
        #expect(failed.contains(#""sourceLine":"title: 激活: 函数""#))
        #expect(await Self.hello(hub)?.contains("title: 激活: 函数") == true)

        try project.write("基础/激活函数.md", "# 激活函数\n\n第三版的正文。\n")
        coordinator.filesChanged([note.path])
        #expect(coordinator.waitUntilIdle())
        #expect(served().contains("第三版的正文。"))
        let reload = try #require(await events.next())
        #expect(reload.hasPrefix("event: reload\ndata: {\"generation\":\"\(hub.generation)\",\"pages\":["))
        #expect(reload.contains(#""/基础/激活函数/""#))
        #expect(await Self.hello(hub)?.contains(#""problems":[]"#) == true)
    }

    /// The first event a page gets on connecting.
    static func hello(_ hub: ReloadHub) async -> String? {
        var events = hub.subscribe().makeAsyncIterator()
        return await events.next()
    }
}

/// Refreshes, then rebuilds (held until released, then stopping when newer saves wait); records each
/// call with the file names it was given.
final class RefreshingRebuilder: SiteRebuilder, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String] = []
    let started = DispatchSemaphore(value: 0)
    let refreshed = DispatchSemaphore(value: 0)
    var hold: DispatchSemaphore?

    private func record(_ call: String, _ paths: Set<String>) {
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
        lock.withLock { calls.append(([call] + names).joined(separator: " ")) }
    }

    private func outcome(refresh: Bool) -> RebuildOutcome {
        RebuildOutcome(succeeded: true, diagnostics: [], summary: "", site: ServedSite(folder: URL(fileURLWithPath: "/nonexistent"), basePath: "/"),
                       inputs: WatchedInputs(folders: [], files: []), root: URL(fileURLWithPath: "/"), isRefresh: refresh)
    }

    func rebuild(changedPaths: Set<String>) -> RebuildOutcome {
        record("rebuild", changedPaths)
        return outcome(refresh: false)
    }

    func rebuild(changedPaths: Set<String>, isSuperseded: @escaping @Sendable () -> Bool) -> RebuildOutcome? {
        started.signal()
        hold?.wait()
        if isSuperseded() {
            record("stopped", changedPaths)
            return nil
        }
        return rebuild(changedPaths: changedPaths)
    }

    func refresh(changedPaths: Set<String>) -> RebuildOutcome? {
        record("refresh", changedPaths)
        refreshed.signal()
        return outcome(refresh: true)
    }

    var recorded: [String] { lock.withLock { calls } }
}

final class Recorder<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Value] = []
    func add(_ value: Value) { lock.withLock { kept.append(value) } }
    var values: [Value] { lock.withLock { kept } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A throw-away project: notes, the built-in theme, output `public/`, formulas left to the browser (no node).
struct PreviewProject {
    let root: URL

    init(notes: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-preview-\(UUID().uuidString)")
        for (path, text) in notes { try write(path, text) }
    }

    @discardableResult
    func write(_ notePath: String, _ text: String) throws -> URL {
        let url = root.appendingPathComponent("notes").appendingPathComponent(notePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func context() -> BuildContext {
        var context = BuildContext(config: SiteConfig(), root: root)
        context.configFile = root.appendingPathComponent("sitegen.yml")
        context.math = ClientSideMathRenderer()
        return context
    }

    func rebuilder() -> IncrementalRebuilder {
        let project = self
        return IncrementalRebuilder(builder: SiteBuilder(), fallback: context()) { project.context() }
    }

    var output: URL { root.appendingPathComponent("public") }

    /// Every file of the output with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = output.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    func delete() {
        try? FileManager.default.removeItem(at: root)
    }
}
