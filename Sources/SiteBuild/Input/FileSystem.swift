import Foundation

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
            try data.write(to: url)
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
