import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches a site's inputs and reports the paths that changed, in batches, on its own thread.
public protocol FileWatcher: AnyObject, Sendable {
    /// Stops watching; no batch is reported after it returns.
    func stop()
}

public enum FileWatching {
    /// inotify on Linux; polling every `interval` seconds where inotify is missing, fails (the system's
    /// watch limit), or `polling` asks for it (network file systems send no events).
    public static func start(_ inputs: WatchedInputs, polling: Bool = false, interval: Double = 0.5,
                             onChange: @escaping @Sendable (Set<String>) -> Void) -> any FileWatcher {
        #if os(Linux)
        if !polling, let watcher = InotifyWatcher(inputs, onChange: onChange) { return watcher }
        #endif
        return PollingWatcher(inputs, interval: interval, onChange: onChange)
    }

    /// Files the build never reads and editors leave behind: hidden files and folders (`.git`, `.x.md.swp`,
    /// `.sitegen-cache`) and backups (`x.md~`).
    static func isIgnored(name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }
}

/// Compares the watched files' size, modification time and inode every `interval` seconds.
final class PollingWatcher: FileWatcher, @unchecked Sendable {
    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    private let inputs: WatchedInputs
    private let onChange: @Sendable (Set<String>) -> Void
    private let condition = NSCondition()
    private var stopped = false

    init(_ inputs: WatchedInputs, interval: Double, onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.inputs = inputs
        self.onChange = onChange
        let first = Self.snapshot(inputs)
        let thread = Thread { [self] in run(interval: interval, previous: first) }
        thread.name = "sitegen watch (polling)"
        thread.start()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(interval: Double, previous: [String: Stamp]) {
        var previous = previous
        condition.lock()
        while !stopped {
            condition.wait(until: Date().addingTimeInterval(interval))
            if stopped { break }
            condition.unlock()
            let current = Self.snapshot(inputs)
            let changed = Set(current.filter { previous[$0.key] != $0.value }.keys)
                .union(previous.keys.filter { current[$0] == nil })
            previous = current
            condition.lock()
            if !changed.isEmpty && !stopped { onChange(changed) }
        }
        condition.unlock()
    }

    static func snapshot(_ inputs: WatchedInputs) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var pending = inputs.folders.map(\.path)
        while let folder = pending.popLast() {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where !FileWatching.isIgnored(name: name) {
                let path = folder + "/" + name
                guard let (stamp, isFolder) = stamp(path) else { continue }
                if isFolder { pending.append(path) } else { stamps[path] = stamp }
            }
        }
        for file in inputs.files {
            if let (stamp, isFolder) = stamp(file.path), !isFolder { stamps[file.path] = stamp }
        }
        return stamps
    }

    private static func stamp(_ path: String) -> (Stamp, isFolder: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return (Stamp(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino)),
                (info.st_mode & S_IFMT) == S_IFDIR)
    }
}

#if os(Linux)
/// inotify watches on every folder under the watched folders (new folders are added as they appear) and on
/// the folders of the watched files; reports each `read` of events as one batch.
final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    private let descriptor: Int32
    /// Written to wake the thread for `stop()`.
    private let wake: (read: Int32, write: Int32)
    private let onChange: @Sendable (Set<String>) -> Void
    private let lock = NSLock()
    private var stopped = false
    /// The folder of each watch.
    private var folders: [Int32: String] = [:]
    /// Watches of a watched file's folder report only these names (nil: the folder is watched whole).
    private var onlyNames: [Int32: Set<String>] = [:]
    private let roots: [String]
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)

    init?(_ inputs: WatchedInputs, onChange: @escaping @Sendable (Set<String>) -> Void) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        wake = (pipeEnds[0], pipeEnds[1])
        self.onChange = onChange
        roots = inputs.folders.map(\.path)
        var ok = true
        for folder in inputs.folders { ok = addTree(folder.path, found: nil) && ok }
        for file in inputs.files {
            let folder = file.deletingLastPathComponent().path
            let wd = inotify_add_watch(descriptor, folder, Self.mask)
            if wd < 0 { ok = errno == ENOENT && ok; continue }
            if folders[wd] == nil || onlyNames[wd] != nil {
                folders[wd] = folder
                onlyNames[wd, default: []].insert(file.lastPathComponent)
            }
        }
        // Out of watches (fs.inotify.max_user_watches): fall back to polling.
        guard ok else {
            close(descriptor)
            close(wake.read)
            close(wake.write)
            return nil
        }
        let thread = Thread { [self] in run() }
        thread.name = "sitegen watch (inotify)"
        thread.start()
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Watches `folder` and every folder under it; files met on the way go into `found`. False when the
    /// system refused a watch for another reason than the folder having gone.
    private func addTree(_ folder: String, found: UnsafeMutablePointer<Set<String>>?) -> Bool {
        var pending = [folder]
        var ok = true
        while let path = pending.popLast() {
            let wd = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
            if wd < 0 {
                if errno != ENOENT && errno != ENOTDIR { ok = false }
                continue
            }
            folders[wd] = path
            onlyNames[wd] = nil
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            where !FileWatching.isIgnored(name: name) {
                let child = path + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue { pending.append(child) } else { found?.pointee.insert(child) }
            }
        }
        return ok
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            lock.lock()
            let stopping = stopped
            lock.unlock()
            if ready < 0 || stopping || descriptors[1].revents != 0 { break }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let changed = events(in: buffer, count: count)
            lock.lock()
            if !changed.isEmpty && !stopped { onChange(changed) }
            lock.unlock()
        }
        close(descriptor)
        close(wake.read)
        close(wake.write)
    }

    /// The changed paths of the `struct inotify_event` records in `buffer[0..<count]`.
    private func events(in buffer: [UInt8], count: Int) -> Set<String> {
        var changed: Set<String> = []
        var offset = 0
        let header = 16  // wd, mask, cookie, len: four 32-bit fields
        while offset + header <= count {
            let field = { (at: Int) in
                buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self) }
            }
            let wd = Int32(bitPattern: field(0)), mask = field(4), length = Int(field(12))
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            offset += header + length
            let name = String(decoding: nameBytes, as: UTF8.self)
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: treat every watched folder as changed.
                changed.formUnion(roots)
                continue
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[wd] = nil
                onlyNames[wd] = nil
                continue
            }
            guard let folder = folders[wd], !name.isEmpty, !FileWatching.isIgnored(name: name) else { continue }
            if let names = onlyNames[wd], !names.contains(name) { continue }
            let path = folder + "/" + name
            changed.insert(path)
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, onlyNames[wd] == nil {
                _ = addTree(path, found: &changed)
            }
        }
        return changed
    }
}
#endif
