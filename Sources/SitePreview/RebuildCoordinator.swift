import Foundation

/// Turns file events into rebuilds.
///
/// An editor's save is a burst of events (write a temporary file, rename it, change attributes); the
/// coordinator waits until the files have been quiet for `quietPeriod` (at most `longestWait` after the
/// first event of the burst). Then the edited notes' pages are refreshed at once when the rebuilder can
/// (`SiteRebuilder.refresh`), and the whole site is rebuilt on a second thread. Whole-site rebuilds never
/// overlap and no change is lost: one that is under way when newer saves arrive stops before it writes
/// (the newer saves' pages are refreshed meanwhile), and the next one covers every change since the last
/// rebuild that finished.
public final class RebuildCoordinator: @unchecked Sendable {
    private let rebuilder: any SiteRebuilder
    private let quietPeriod: Double
    private let longestWait: Double
    private let onRebuild: @Sendable (_ outcome: RebuildOutcome, _ changedPaths: Set<String>) -> Void
    private let condition = NSCondition()
    private var pending: Set<String> = []
    /// Changes no finished whole-site rebuild has covered yet.
    private var unfinished: Set<String> = []
    private var firstEvent: Date?
    private var lastEvent = Date.distantPast
    /// Bursts taken so far; a whole-site rebuild started for an older one stops.
    private var bursts = 0
    /// The burst whose whole-site rebuild waits to start.
    private var siteRequest: Int?
    private var refreshing = false
    private var siteBuilding = false
    private var stopped = false
    private var threads: [Thread] = []

    /// `onRebuild` is called after every refresh and every whole-site rebuild that was not stopped, on the
    /// coordinator's threads.
    public init(rebuilder: any SiteRebuilder, quietPeriod: Double = 0.01, longestWait: Double = 0.25,
                onRebuild: @escaping @Sendable (_ outcome: RebuildOutcome, _ changedPaths: Set<String>) -> Void) {
        self.rebuilder = rebuilder
        self.quietPeriod = quietPeriod
        self.longestWait = longestWait
        self.onRebuild = onRebuild
    }

    /// Starts the threads that run the refreshes and the rebuilds.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard threads.isEmpty else { return }
        for (name, refreshes) in [("sitegen refresh", true), ("sitegen rebuild", false)] {
            let thread = Thread { [self] in if refreshes { takeBursts() } else { rebuildSites() } }
            thread.name = name
            thread.stackSize = 8 << 20  // as deep as the main thread's: a build walks nested Markdown
            threads.append(thread)
            thread.start()
        }
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
        while refreshing || siteBuilding || siteRequest != nil || !pending.isEmpty {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Lets a running refresh finish, stops a running rebuild before it writes, and runs no more.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for each burst of saves to end, refreshes the edited pages and asks for a whole-site rebuild.
    private func takeBursts() {
        condition.lock()
        while true {
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped { break }
            while !stopped, let first = firstEvent {
                let due = min(lastEvent.addingTimeInterval(quietPeriod), first.addingTimeInterval(longestWait))
                if Date() >= due || !condition.wait(until: due) { break }
            }
            if stopped { break }
            let saved = pending
            pending = []
            firstEvent = nil
            unfinished.formUnion(saved)
            let changed = unfinished
            bursts += 1  // from here a rebuild for older saves does not write
            refreshing = true
            condition.unlock()
            if let refreshed = rebuilder.refresh(changedPaths: changed) { onRebuild(refreshed, saved) }
            condition.lock()
            refreshing = false
            siteRequest = bursts
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Rebuilds the whole site for the newest burst, one rebuild at a time.
    private func rebuildSites() {
        condition.lock()
        while true {
            while siteRequest == nil && !stopped { condition.wait() }
            if stopped { break }
            let burst = siteRequest!
            let changed = unfinished
            siteRequest = nil
            siteBuilding = true
            condition.unlock()
            let outcome = rebuilder.rebuild(changedPaths: changed) { [self] in
                condition.withLock { bursts != burst || stopped }
            }
            if let outcome { onRebuild(outcome, changed) }
            condition.lock()
            if outcome != nil { unfinished.subtract(changed) }
            siteBuilding = false
            condition.broadcast()
        }
        condition.unlock()
    }
}
