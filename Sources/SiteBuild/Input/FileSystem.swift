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

    public init(
        read: @escaping @Sendable (URL) throws -> Data,
        write: @escaping @Sendable (Data, URL) throws -> Void,
        listFiles: @escaping @Sendable (URL) throws -> [URL]
    ) {
        self.read = read
        self.write = write
        self.listFiles = listFiles
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

/// Writes `data` with plain POSIX calls: Foundation's `Data.write` syncs every file to disk, which a
/// build of thousands of pages into a staging folder (swapped in only at the end) does not need.
func writeFile(_ data: Data, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(fd) }
    let written = data.withUnsafeBytes { buffer -> Int in
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            offset += n
        }
        return offset
    }
    guard written == data.count else {
        let code: CocoaError.Code = errno == ENOSPC ? .fileWriteOutOfSpace : .fileWriteUnknown
        throw CocoaError(code, userInfo: [NSFilePathErrorKey: path])
    }
}
