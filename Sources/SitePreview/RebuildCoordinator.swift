import Foundation

/// Turns file events into rebuilds, one at a time.
///
/// An editor's save is a burst of events (write a temporary file, rename it, change attributes); the
/// coordinator waits until the files have been quiet for `quietPeriod` (at most `longestWait` after the
/// first event of the burst) and then rebuilds once for the whole burst. Events that arrive during a
/// rebuild are collected and rebuilt together right after it: rebuilds never overlap and none is lost.
public final class RebuildCoordinator: @unchecked Sendable {
    private let rebuilder: any SiteRebuilder
    private let quietPeriod: Double
    private let longestWait: Double
    private let onRebuild: @Sendable (_ outcome: RebuildOutcome, _ changedPaths: Set<String>) -> Void
    private let condition = NSCondition()
    private var pending: Set<String> = []
    private var firstEvent: Date?
    private var lastEvent = Date.distantPast
    private var building = false
    private var stopped = false
    private var thread: Thread?

    /// `onRebuild` is called on the coordinator's thread after every rebuild, before the next one starts.
    public init(rebuilder: any SiteRebuilder, quietPeriod: Double = 0.01, longestWait: Double = 0.25,
                onRebuild: @escaping @Sendable (_ outcome: RebuildOutcome, _ changedPaths: Set<String>) -> Void) {
        self.rebuilder = rebuilder
        self.quietPeriod = quietPeriod
        self.longestWait = longestWait
        self.onRebuild = onRebuild
    }

    /// Starts the thread that runs the rebuilds.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard thread == nil else { return }
        let thread = Thread { [self] in run() }
        thread.name = "sitegen rebuild"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Records changed files; a rebuild follows once the burst is over.
    public func filesChanged(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        condition.lock()
        pending.formUnion(paths)
        let now = Date()
        if firstEvent == nil { firstEvent = now }
        lastEvent = now
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until no rebuild runs and none is waiting (or `seconds` pass); true when idle.
    @discardableResult
    public func waitUntilIdle(timeout seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while building || !pending.isEmpty {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Lets a running rebuild finish and runs no more.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped { break }
            // Wait for the burst to end.
            while !stopped, let first = firstEvent {
                let due = min(lastEvent.addingTimeInterval(quietPeriod), first.addingTimeInterval(longestWait))
                if Date() >= due || !condition.wait(until: due) { break }
            }
            if stopped { break }
            let batch = pending
            pending = []
            firstEvent = nil
            building = true
            condition.unlock()
            let outcome = rebuilder.rebuild(changedPaths: batch)
            onRebuild(outcome, batch)
            condition.lock()
            building = false
            condition.broadcast()
        }
        condition.unlock()
    }
}
