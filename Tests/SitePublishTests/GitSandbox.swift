import Foundation
import SitePublish

/// A throw-away folder with a bare repository (`remote.git`, the stand-in for GitHub) and a clone of it
/// (`work`, the notes repository) with one commit on `main`; git runs without the user's settings.
struct GitSandbox {
    let root: URL
    var work: URL { root.appendingPathComponent("work") }
    var remote: URL { root.appendingPathComponent("remote.git") }

    /// An identity and no global or system settings, so a developer's git config cannot change the tests.
    static let environment = [
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    static var executable: URL? { Git.locate() }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-git-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try git(in: root).run(["init", "-q", "--bare", "remote.git"])
        let git = try git()
        try git.run(["init", "-q", "-b", "main"])
        try Data("# 笔记\n".utf8).write(to: work.appendingPathComponent("README.md"))
        try git.run(["add", "README.md"])
        try git.run(["commit", "-q", "-m", "notes"])
        try git.run(["remote", "add", "origin", remote.path])
    }

    func git(in folder: URL? = nil) throws -> Git {
        guard let executable = Self.executable else { throw CocoaError(.executableNotLoadable) }
        return Git(executable: executable, folder: folder ?? work, environment: Self.environment)
    }

    /// Writes a site folder of `files` (path → text) and returns it.
    func site(_ files: [String: String]) throws -> URL {
        let site = root.appendingPathComponent("site-\(UUID().uuidString)")
        for (path, text) in files {
            let url = site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return site
    }

    /// The paths on `branch` of the bare repository.
    func publishedPaths(_ branch: String = "gh-pages") throws -> [String] {
        try git(in: remote).run(["-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", branch]).split(separator: "\n").map(String.init)
    }

    func commitCount(_ branch: String = "gh-pages") throws -> Int {
        Int(try git(in: remote).run(["rev-list", "--count", branch])) ?? -1
    }
}
