import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds go into a staging folder beside the output and replace it in one step on success.
///
/// A failed or killed build leaves the previous output exactly as it was: the staging folder is a sibling
/// (`.public.staging`), removed at the start of the next build; the swap is one `renameat2(RENAME_EXCHANGE)`
/// on Linux, or two renames elsewhere, with the old copy restored by the next build if a kill fell between them.
/// The replaced site is renamed `.public.old-<id>` and deleted on a background thread by the next build,
/// while that build works, so removing thousands of old pages costs no wall time.
public enum StagedOutput {
    public static func stagingURL(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging")
    }

    static func previousURL(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    static func isOldCopy(_ name: String, of output: URL) -> Bool {
        name.hasPrefix(".\(output.lastPathComponent).old-")
    }

    /// Removes what an interrupted build left, creates an empty staging folder, and returns the deletion of
    /// the sites earlier builds replaced: `start()` it when convenient and `wait()` on it before exiting.
    @discardableResult
    public static func prepare(output: URL) throws -> BackgroundRemoval {
        let fm = FileManager.default
        let previous = previousURL(for: output)
        if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
            try fm.moveItem(at: previous, to: output)
        }
        try? fm.removeItem(at: previous)
        let staging = stagingURL(for: output)
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        let parent = output.deletingLastPathComponent()
        let old = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { isOldCopy($0, of: output) }
            .map { parent.appendingPathComponent($0) }
        return BackgroundRemoval(old)
    }

    /// Puts the staging folder, marked as sitegen's (`OutputSafety.markerName`), in place of the output folder.
    public static func commit(output: URL) throws {
        let fm = FileManager.default
        let staging = stagingURL(for: output)
        try writeFile(Data(OutputSafety.markerText.utf8), to: staging.appendingPathComponent(OutputSafety.markerName).path)
        if fm.fileExists(atPath: output.path) {
            if exchange(staging, output) {
                // The staging path now holds the previous site: set it aside for the next build to delete.
                let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(UUID().uuidString)")
                if (try? fm.moveItem(at: staging, to: old)) == nil { try? fm.removeItem(at: staging) }
                return
            }
            let previous = previousURL(for: output)
            try? fm.removeItem(at: previous)
            try fm.moveItem(at: output, to: previous)
            try fm.moveItem(at: staging, to: output)
            try? fm.removeItem(at: previous)
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Swaps two paths in one system call (Linux `renameat2` with `RENAME_EXCHANGE`); false where unsupported.
    private static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atWorkingDirectory: Int32 = -100, renameExchange: UInt32 = 2
        return renameat2(atWorkingDirectory, a.path, atWorkingDirectory, b.path, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Deletes folders on a background thread, once `start()` is called.
    public final class BackgroundRemoval: @unchecked Sendable {
        private let group = DispatchGroup()
        private let urls: [URL]
        private var started = false

        init(_ urls: [URL]) {
            self.urls = urls
        }

        /// Starts deleting (at most once). Called after the notes are read, so the two do not compete for the disk.
        public func start() {
            guard !started, !urls.isEmpty else { return }
            started = true
            let urls = urls
            DispatchQueue.global(qos: .utility).async(group: group) {
                for url in urls { try? FileManager.default.removeItem(at: url) }
            }
        }

        /// Blocks until a started deletion is done. One never started (the build stopped early) is left
        /// for the next build, so a failing build reports at once.
        public func wait() {
            if started { group.wait() }
        }
    }

    /// Throws the staging folder away after a failed build.
    public static func discard(output: URL) {
        try? FileManager.default.removeItem(at: stagingURL(for: output))
    }
}
