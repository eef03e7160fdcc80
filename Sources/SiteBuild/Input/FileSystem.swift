import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The file operations the build performs, injectable so tests can fail them on purpose.
public struct FileSystem: Sendable {
    public var read: @Sendable (URL) throws -> Data
    public var write: @Sendable (Data, URL) throws -> Void
    /// The regular files under a folder, as `/`-separated paths relative to it, in no particular order.
    public var listFiles: @Sendable (URL) throws -> [String]
    /// Copies a file (an image beside the notes, a theme asset) to a path whose folder exists.
    public var copy: @Sendable (_ from: URL, _ to: URL) throws -> Void
    /// Creates a folder whose parent exists; one that exists already is fine.
    public var createFolder: @Sendable (URL) throws -> Void

    public init(
        read: @escaping @Sendable (URL) throws -> Data,
        write: @escaping @Sendable (Data, URL) throws -> Void,
        listFiles: @escaping @Sendable (URL) throws -> [String],
        copy: @escaping @Sendable (_ from: URL, _ to: URL) throws -> Void = { try FileManager.default.copyItem(at: $0, to: $1) },
        createFolder: @escaping @Sendable (URL) throws -> Void = { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: true) }
    ) {
        self.read = read
        self.write = write
        self.listFiles = listFiles
        self.copy = copy
        self.createFolder = createFolder
    }

    /// The real disk.
    public static let disk = FileSystem(
        read: { try Data(contentsOf: $0) },
        write: { data, url in try writeFile(data, to: url.path, creatingFolder: true) },
        listFiles: { root in try listRegularFiles(under: root.path) },
        createFolder: { url in
            guard mkdir(url.path, 0o777) == 0 || errno == EEXIST else { throw FileSystem.posixError(errno, path: url.path) }
        })
}

/// The regular files under `root` (hidden files and folders skipped, symbolic links not followed), as paths
/// relative to it, with plain `readdir` calls: Foundation's enumerator builds a URL and its resource values
/// for every file, which costs seconds on ten thousand notes.
func listRegularFiles(under root: String, includingHidden: Bool = false) throws -> [String] {
    var files: [String] = []
    var folders: [String] = [""]
    var first = true
    while let folder = folders.popLast() {
        let path = folder.isEmpty ? root : "\(root)/\(folder)"
        guard let directory = opendir(path) else {
            if first { throw FileSystem.posixError(errno, path: path) }
            continue
        }
        first = false
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name != ".", name != "..", includingHidden || !name.hasPrefix(".") else { continue }
            let relative = folder.isEmpty ? name : "\(folder)/\(name)"
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat("\(root)/\(relative)", &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            if type == Int32(DT_DIR) {
                folders.append(relative)
            } else if type == Int32(DT_REG) {
                files.append(relative)
            }
        }
    }
    return files
}

extension FileSystem {
    /// What went wrong in a file operation, in words: the system's reason (`No space left on device`),
    /// never a bare `NSCocoaErrorDomain error 512`.
    public static func reason(for error: Error) -> String {
        var current: NSError? = error as NSError
        while let e = current {
            if e.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(e.code))) }
            current = e.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        let text = (error as NSError).localizedDescription
        let prefix = "The operation could not be completed. "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// A Foundation error carrying the system's error number, so `reason(for:)` can say what happened.
    static func posixError(_ number: Int32, path: String) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(number)),
        ])
    }
}

/// A file's size, modification time (nanoseconds) and inode: what changes when anything writes or replaces it.
struct FileIdentity: Hashable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// The identity of the file at `path` (symbolic links followed); nil when it does not exist.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
    }
}

/// Writes `data` with plain POSIX calls: Foundation's `Data.write` syncs every file to disk, which a
/// build of thousands of pages into a staging folder (swapped in only at the end) does not need.
/// With `creatingFolder`, a missing folder (and its parents) is created when the file cannot be opened for
/// that reason, rather than made sure of before every file.
func writeFile(_ data: Data, to path: String, creatingFolder: Bool = false) throws {
    let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
    var fd = open(path, flags, 0o644)
    if fd < 0, errno == ENOENT, creatingFolder {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = open(path, flags, 0o644)
    }
    guard fd >= 0 else { throw FileSystem.posixError(errno, path: path) }
    defer { close(fd) }
    var failure: Int32 = 0
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += n
        }
    }
    if failure != 0 { throw FileSystem.posixError(failure, path: path) }
}
