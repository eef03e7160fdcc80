import Foundation
import SiteCore

/// The notes as the last build read them (text split from its front matter), by path in the notes folder,
/// with the size, modification time and inode of the file they were read from, so a rebuild reads again
/// only the notes whose files changed (`sitegen serve`).
///
/// A file modified shortly before it was read is read again until a read happens well after its last
/// modification: a file system's clock ticks coarsely, so a second save within the same tick, keeping the
/// size, would otherwise go unseen (git's "racily clean" entries).
public final class NoteSourceCache: @unchecked Sendable {
    struct Entry {
        var stamp: OutputLedger.Stamp
        /// The page read and split, before the build's own fields (index role, reuse) are set.
        var page: Page
    }

    /// How long after its last modification a file's stamp is trusted.
    static let settleNanoseconds: Int64 = 2_000_000_000

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var hits = 0

    public init() {}

    /// How many notes the last build took from the cache without reading their files.
    public var lastBuildHits: Int { lock.withLock { hits } }

    func begin() { lock.withLock { hits = 0 } }

    /// The note at `relative` as it was read last, when its file (`stamp`) has not changed since.
    func page(_ relative: String, displayPath: String, stamp: OutputLedger.Stamp?) -> Page? {
        guard let stamp else { return nil }
        return lock.withLock {
            guard let entry = entries[relative], entry.stamp == stamp, entry.page.displayPath == displayPath else { return nil }
            hits += 1
            return entry.page
        }
    }

    /// Keeps `page` (read and split from a file with `stamp`, `readAt` nanoseconds since 1970) unless the
    /// file was modified too shortly before it was read for its stamp to be trusted.
    func remember(_ page: Page, stamp: OutputLedger.Stamp?, readAt: Int64) {
        guard case .file(_, _, let modified, _)? = stamp, readAt - modified > Self.settleNanoseconds else {
            lock.withLock { entries[page.sourcePath] = nil }
            return
        }
        lock.withLock { entries[page.sourcePath] = Entry(stamp: stamp!, page: page) }
    }

    /// Drops the notes that are no longer in the notes folder.
    func keepOnly(_ paths: Set<String>) {
        lock.withLock { entries = entries.filter { paths.contains($0.key) } }
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
