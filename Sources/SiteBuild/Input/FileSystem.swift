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
    public var listFiles: @Sendable (URL) throws -> [URL]
    /// Copies a file (an image beside the notes, a theme asset) to a path whose folder exists.
    public var copy: @Sendable (_ from: URL, _ to: URL) throws -> Void

    public init(
        read: @escaping @Sendable (URL) throws -> Data,
        write: @escaping @Sendable (Data, URL) throws -> Void,
        listFiles: @escaping @Sendable (URL) throws -> [URL],
        copy: @escaping @Sendable (_ from: URL, _ to: URL) throws -> Void = { try FileManager.default.copyItem(at: $0, to: $1) }
    ) {
        self.read = read
        self.write = write
        self.listFiles = listFiles
        self.copy = copy
    }

    /// The real disk.
    public static let disk = FileSystem(
        read: { try Data(contentsOf: $0) },
        write: { data, url in
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try writeFile(data, to: url.path)
        },
        listFiles: { root in
            guard let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { return [] }
            var files: [URL] = []
            for case let url as URL in enumerator
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
            return files
        })
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

/// Writes `data` with plain POSIX calls: Foundation's `Data.write` syncs every file to disk, which a
/// build of thousands of pages into a staging folder (swapped in only at the end) does not need.
func writeFile(_ data: Data, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
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
