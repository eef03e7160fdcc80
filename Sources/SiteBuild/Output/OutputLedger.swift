import Foundation
import SiteCore
import SiteMath
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the builds of one process (`sitegen serve`) wrote into the output folder, so that a rebuild writes
/// only the files whose bytes changed, in place, and removes the ones no longer produced.
///
/// The first build with a ledger is staged and swapped in as usual; it records a stamp per file (a hash of
/// a generated file's bytes, the size, modification time and inode of a copied file's source). Later builds
/// write into the output folder itself, each changed file under a hidden temporary name renamed over the
/// old one (a reader never sees half a file), as long as the folder is still the one recorded (no other
/// build swapped it). A build that fails before writing writes nothing; one that fails while writing makes
/// the next build a staged one again.
public final class OutputLedger: @unchecked Sendable {
    enum Stamp: Hashable, Sendable {
        case bytes(count: Int, hash: Int)
        case file(source: String, size: Int64, modified: Int64, inode: UInt64)
    }

    /// One file of a build: its stamp and whether it was written (false: unchanged), or why it failed.
    enum Outcome: Sendable {
        case written(Stamp?, Bool)
        case failure(Diagnostic)
    }

    /// What one build wrote: stamps by path relative to the output folder, and the math assets' mode.
    struct Record: Sendable {
        var stamps: [String: Stamp] = [:]
        var mathMode: MathRenderingMode?
    }

    /// Held while a build of this process writes into the output folder in place, and while `PageRefresh`
    /// writes pages there.
    let writeLock = NSLock()
    private let lock = NSLock()
    private var holdsOutputLock = false
    private var current: Record?
    private var pending: Record?
    /// The output folder `current` describes (device and inode).
    private var folder: (device: UInt64, inode: UInt64)?
    private var lastCounts = (written: 0, removed: 0)
    private var lastChanged: [String]?

    public init() {}

    /// Files the last build wrote and removed (every file for a staged build).
    public var lastBuild: (written: Int, removed: Int) { lock.withLock { lastCounts } }

    /// A build of this process holds the output folder's `OutputLock` (so no other process writes there).
    var buildHoldsOutputLock: Bool {
        get { lock.withLock { holdsOutputLock } }
        set { lock.withLock { holdsOutputLock = newValue } }
    }

    /// The paths (relative to the output folder) the last build wrote or removed in place; nil after a
    /// staged build (every file is new).
    public var lastChangedPaths: [String]? { lock.withLock { lastChanged } }

    /// True when `output` is the folder the recorded build wrote: the next build may update it in place.
    func describes(_ output: URL) -> Bool {
        guard let identity = Self.identity(output.path) else { return false }
        return lock.withLock { current != nil && folder.map { $0 == identity } == true }
    }

    /// The record of the build that wrote the output folder as it is now (nil: none, or unknown).
    var record: Record? { lock.withLock { current } }

    /// Keeps what a build wrote until `confirm` (it succeeded) or `forget`: the record, how many files it
    /// wrote, and the paths it wrote or removed (`inPlace`: into the output folder itself).
    func propose(_ record: Record, written: Int, changed: [String], inPlace: Bool) {
        lock.withLock {
            pending = record
            lastCounts = (written, changed.count - written)
            lastChanged = inPlace ? changed : nil
        }
    }

    /// The proposed record now describes `output`.
    func confirm(_ output: URL) {
        let identity = Self.identity(output.path)
        lock.withLock {
            current = identity == nil ? nil : pending
            folder = identity
            pending = nil
        }
    }

    /// The output folder's state is unknown (a write failed): the next build is staged.
    func forget() {
        lock.withLock {
            current = nil
            pending = nil
            folder = nil
        }
    }

    /// The bytes of the files the last build wrote, with their stamps: a file whose bytes are the very same
    /// buffer (a page the artifact store kept) is not hashed again.
    private var stamped: [String: (data: Data, stamp: Stamp)] = [:]

    /// The stamp of `data` to be written at `path`.
    func stamp(_ path: String, _ data: Data) -> Stamp {
        // Small `Data` keeps its bytes inline (no buffer of its own to compare): those are hashed.
        if data.count > 64, let known = lock.withLock({ stamped[path] }), known.data.count == data.count,
           known.data.withUnsafeBytes({ $0.baseAddress }) == data.withUnsafeBytes({ $0.baseAddress }) {
            return known.stamp
        }
        return Self.stamp(data)
    }

    /// Keeps the stamps of this build's generated files for `stamp(_:_:)`.
    func rememberStamps(_ files: [(path: String, data: Data, stamp: Stamp)]) {
        var kept: [String: (data: Data, stamp: Stamp)] = [:]
        for file in files { kept[file.path] = (file.data, file.stamp) }
        lock.withLock { stamped = kept }
    }

    static func stamp(_ data: Data) -> Stamp {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return .bytes(count: data.count, hash: hasher.finalize())
    }

    static func stamp(source url: URL) -> Stamp? {
        FileIdentity(path: url.path).map { .file(source: url.path, size: $0.size, modified: $0.modified, inode: $0.inode) }
    }

    private static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Writes `files` (paths relative to `output`, the folder the ledger describes) in place, each one whose
    /// bytes differ from those recorded, and records them, so the next build finds them written; returns the
    /// paths written. Used by `PageRefresh`, holding `writeLock`.
    func replaceFiles(_ files: [(path: String, data: Data)], in output: URL, fileSystem: FileSystem) throws -> [String] {
        var written: [String] = []
        for file in files {
            let stamp = Self.stamp(file.data)
            guard lock.withLock({ current?.stamps[file.path] }) != stamp else { continue }
            try Self.replace(output.appendingPathComponent(file.path)) { try fileSystem.write(file.data, $0) }
            lock.withLock {
                current?.stamps[file.path] = stamp
                stamped[file.path] = (file.data, stamp)
            }
            written.append(file.path)
        }
        return written
    }

    /// Writes through `write` to a hidden temporary file beside `target`, then renames it over `target`.
    static func replace(_ target: URL, _ write: (URL) throws -> Void) throws {
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).sitegen-new")
        try? FileManager.default.removeItem(at: temporary)
        try write(temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let number = errno
            try? FileManager.default.removeItem(at: temporary)
            throw FileSystem.posixError(number, path: target.path)
        }
    }
}
