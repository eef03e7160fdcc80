import Foundation
@testable import SitePreview
import Testing

/// Collects the batches a watcher reports, and waits for a path to show up in one.
final class ChangeLog: @unchecked Sendable {
    private let condition = NSCondition()
    private var seen: Set<String> = []

    func add(_ paths: Set<String>) {
        condition.lock()
        seen.formUnion(paths)
        condition.broadcast()
        condition.unlock()
    }

    /// True when `path` was reported within `seconds`.
    func waitFor(_ path: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !seen.contains(path) {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    var paths: Set<String> {
        condition.lock()
        defer { condition.unlock() }
        return seen
    }
}

/// inotify and polling (where inotify is not available, and with `--poll`), on real folders.
@Suite struct FileWatcherTests {
    @Test(arguments: [false, true])
    func reportsChangedAddedAndRemovedFiles(polling: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let notes = root.appendingPathComponent("notes")
        let fm = FileManager.default
        try fm.createDirectory(at: notes.appendingPathComponent("基础"), withIntermediateDirectories: true)
        let note = notes.appendingPathComponent("基础/激活函数.md")
        try Data("第一版".utf8).write(to: note)
        let old = notes.appendingPathComponent("old.md")
        try Data("旧的".utf8).write(to: old)
        let settings = root.appendingPathComponent("sitegen.yml")

        let log = ChangeLog()
        let inputs = WatchedInputs(folders: [notes, root.appendingPathComponent("templates")], files: [settings])
        let watcher = FileWatching.start(inputs, polling: polling, interval: 0.1) { log.add($0) }
        defer { watcher.stop() }
        #if os(Linux)
        if !polling { #expect(watcher is InotifyWatcher) }
        #endif

        try Data("第二版，长一些".utf8).write(to: note)
        #expect(log.waitFor(note.path))

        // A folder made after the watch started, and a file in it; a note removed; the settings file created.
        let added = notes.appendingPathComponent("新章节/注意力.md")
        try fm.createDirectory(at: added.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("新的".utf8).write(to: added)
        #expect(log.waitFor(added.path))
        try Data("更新的".utf8).write(to: added)
        try fm.removeItem(at: old)
        #expect(log.waitFor(old.path))
        try Data("title: 笔记\n".utf8).write(to: settings)
        #expect(log.waitFor(settings.path))

        // Editors' swap files, hidden folders and backups, and other files beside the settings, are left out.
        try Data("x".utf8).write(to: notes.appendingPathComponent(".激活函数.md.swp"))
        try fm.createDirectory(at: notes.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: notes.appendingPathComponent(".git/index"))
        try Data("x".utf8).write(to: notes.appendingPathComponent("old.md~"))
        try Data("x".utf8).write(to: root.appendingPathComponent("other.txt"))
        let marker = notes.appendingPathComponent("marker.md")
        try Data("x".utf8).write(to: marker)
        #expect(log.waitFor(marker.path))
        let reported = log.paths
        #expect(!reported.contains { $0.contains(".swp") || $0.contains(".git") || $0.hasSuffix("~") || $0.hasSuffix("other.txt") })
    }

    @Test func stopEndsReporting() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let log = ChangeLog()
        let watcher = FileWatching.start(WatchedInputs(folders: [root], files: []), interval: 0.1) { log.add($0) }
        watcher.stop()
        let file = root.appendingPathComponent("a.md")
        try Data("x".utf8).write(to: file)
        #expect(!log.waitFor(file.path, seconds: 0.5))
    }
}
