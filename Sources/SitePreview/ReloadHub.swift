import Foundation

/// Tells the open pages about rebuilds, as server-sent events (`text/event-stream`):
///
/// - `hello` on connecting: `{"generation": "…", "problems": […]}`; a page built before the current
///   generation reloads, and the problems of a failed build show as an overlay;
/// - `reload` after a successful rebuild: `{"generation": "…"}`;
/// - `problems` after a failed one: `{"problems": […]}` (the page stays as it was, under the overlay).
public final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private let serverRun = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    private var count = 0
    private var problems: [ShownProblem] = []
    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextSubscriber = 0
    private var closed = false

    public init() {}

    /// Names the site's current build; pages carry the one they were served at.
    public var generation: String {
        lock.withLock { "\(serverRun)-\(count)" }
    }

    /// The number of open event streams.
    public var subscriberCount: Int {
        lock.withLock { subscribers.count }
    }

    /// The events for one page, starting with `hello`; finished by `close()`.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(16))
        lock.lock()
        defer { lock.unlock() }
        continuation.yield(Self.event("hello", Hello(generation: "\(serverRun)-\(count)", problems: problems)))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Records a rebuild and tells every page: reload after success, show the problems after failure.
    public func publish(_ outcome: RebuildOutcome) {
        let shown = ShownProblem.problems(of: outcome)
        lock.lock()
        let event: String
        if outcome.succeeded {
            count += 1
            problems = []
            event = Self.event("reload", Reload(generation: "\(serverRun)-\(count)", pages: outcome.changedPages))
        } else {
            problems = shown
            event = Self.event("problems", Problems(problems: shown))
        }
        let targets = Array(subscribers.values)
        lock.unlock()
        for subscriber in targets { subscriber.yield(event) }
    }

    /// Ends every event stream, and those opened later at once (the server is stopping).
    public func close() {
        lock.lock()
        closed = true
        let targets = Array(subscribers.values)
        subscribers = [:]
        lock.unlock()
        for subscriber in targets { subscriber.finish() }
    }

    private struct Hello: Encodable {
        var generation: String
        var problems: [ShownProblem]
    }

    private struct Reload: Encodable {
        var generation: String
        /// The URL paths of the pages to reload; absent: every page.
        var pages: [String]?
    }

    private struct Problems: Encodable {
        var problems: [ShownProblem]
    }

    /// One server-sent event: `event: NAME`, one `data:` line of JSON, a blank line.
    static func event(_ name: String, _ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: \(name)\ndata: \(json)\n\n"
    }
}
