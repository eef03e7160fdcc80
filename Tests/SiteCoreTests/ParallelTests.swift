import Foundation
import SiteCore
import Testing

@Suite struct ParallelTests {
    /// Counts the instances alive.
    final class Tracked: Sendable {
        static let alive = Counter()
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive.add(1)
        }
        deinit { Self.alive.add(-1) }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add(_ n: Int) { lock.withLock { count += n } }
        var value: Int { lock.withLock { count } }
    }

    @Test func keepsOrderAndReleasesWhatItMade() {
        let before = Tracked.alive.value
        do {
            let made = Array(0..<1_000).parallelMap { Tracked($0 * 2) }
            #expect(made.map(\.value) == Array(0..<1_000).map { $0 * 2 })
            #expect(Tracked.alive.value - before == 1_000)
        }
        // Once the results are gone, nothing the map made is left.
        #expect(Tracked.alive.value == before)
    }
}
