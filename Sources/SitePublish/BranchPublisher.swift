import Foundation

/// Commits a built site onto a branch of the repository (`gh-pages`) and pushes it, with git plumbing only:
/// the site's files go into a temporary index (`GIT_INDEX_FILE`), `write-tree` and `commit-tree` make one
/// commit whose parent is the branch's last one (none for a new, orphan branch), `update-ref` moves the
/// branch. The working tree, the real index and the current branch are never touched.
public struct BranchPublisher: Sendable {
    public let git: Git
    public var branch = "gh-pages"
    public var remote = "origin"

    public init(git: Git, branch: String = "gh-pages", remote: String = "origin") {
        self.git = git
        self.branch = branch
        self.remote = remote
    }

    /// Checks, before anything is built, that the folder is in a repository with the remote and that the
    /// branch is not the one checked out. Returns the remote's URL.
    public func check() throws -> String {
        let inside = try git.output(["rev-parse", "--is-inside-work-tree"])
        guard inside.status == 0 else { throw PublishError.notARepository(git.folder.path) }
        let ref = try git.output(["check-ref-format", "--branch", branch])
        guard ref.status == 0, !branch.isEmpty else { throw PublishError.badBranch(branch) }
        if try git.output(["symbolic-ref", "-q", "HEAD"]).text == "refs/heads/\(branch)" {
            throw PublishError.onPublishBranch(branch)
        }
        let url = try git.output(["remote", "get-url", remote])
        guard url.status == 0 else {
            let remotes = try git.output(["remote"]).text.split(separator: "\n").map(String.init)
            throw PublishError.noRemote(remote, existing: remotes)
        }
        return url.text
    }

    /// What a publish did (or, in a dry run, would do).
    public struct Result: Equatable, Sendable {
        /// The new commit; `nil` when the site is unchanged or in a dry run.
        public var commit: String?
        /// The branch's commit the new one follows; `nil` when the branch is new.
        public var parent: String?
        public var files = 0
        public var added = 0
        public var changed = 0
        public var removed = 0
        public var pushed = false
        public var unchanged: Bool { parent != nil && added + changed + removed == 0 }
    }

    /// Commits every file under `site` (plus an empty `.nojekyll`, so GitHub Pages serves the files as they
    /// are) onto the branch with `message`, then pushes it unless `dryRun`.
    public func publish(site: URL, message: String, dryRun: Bool = false) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-index-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let index = ["GIT_INDEX_FILE": scratch.appendingPathComponent("index").path]

        var result = Result()
        result.parent = try parentCommit()
        var files = try Self.files(in: site)
        let nojekyll = scratch.appendingPathComponent("nojekyll")
        FileManager.default.createFile(atPath: nojekyll.path, contents: Data())
        files.removeAll { $0.path == ".nojekyll" }
        files.append((".nojekyll", nojekyll))
        result.files = files.count

        if let bad = files.first(where: { $0.path.contains("\n") || $0.url.path.contains("\n") }) {
            throw PublishError.unpublishableName(bad.path)
        }
        let hashes = try git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"],
                                 input: Data(files.map { $0.url.path + "\n" }.joined().utf8)).split(separator: "\n")
        guard hashes.count == files.count else {
            throw GitError.failed(command: "git hash-object --stdin-paths", message: "\(hashes.count) hashes for \(files.count) files")
        }
        var entries = Data()
        for (file, hash) in zip(files, hashes) { entries.append(Data("100644 \(hash)\t\(file.path)\u{0}".utf8)) }
        try git.run(["update-index", "--add", "-z", "--index-info"], input: entries, environment: index)
        let tree = try git.run(["write-tree"], environment: index)

        if let parent = result.parent {
            let changes = try git.run(["diff-tree", "-r", "--no-renames", "--name-status", "-z", parent, tree])
            for status in changes.split(separator: "\u{0}").enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
                switch status {
                case "A": result.added += 1
                case "D": result.removed += 1
                default: result.changed += 1
                }
            }
            if result.unchanged {
                if dryRun { return result }
                // The local branch may lag behind the remote's, or not exist in a fresh clone.
                try moveBranch(to: parent)
                return try push(result)
            }
        } else {
            result.added = files.count
        }
        if dryRun { return result }
        let commit = try git.run(["commit-tree", tree, "-m", message] + (result.parent.map { ["-p", $0] } ?? []))
        try moveBranch(to: commit)
        result.commit = commit
        return try push(result)
    }

    /// Points the branch at `commit`; the old value makes the update fail if the branch moved meanwhile
    /// (40 zeros: it must not exist).
    private func moveBranch(to commit: String) throws {
        let old = try git.output(["rev-parse", "--verify", "-q", "refs/heads/\(branch)"]).text
        guard old != commit else { return }
        try git.run(["update-ref", "-m", "sitegen publish", "refs/heads/\(branch)", commit,
                     old.isEmpty ? String(repeating: "0", count: 40) : old])
    }

    private func push(_ result: Result) throws -> Result {
        let push = try git.output(["push", "--porcelain", remote, "refs/heads/\(branch):refs/heads/\(branch)"])
        guard push.status == 0 else {
            throw PublishError.pushRejected(remote: remote, branch: branch, message: push.stderr.isEmpty ? push.text : push.stderr)
        }
        var result = result
        result.pushed = true
        return result
    }

    /// The branch's commit, or the remote's copy of it unless the local branch is ahead of that (each commit
    /// holds the whole site, so the remote's history wins over local commits never pushed); `nil` when
    /// neither exists. The remote's branch is fetched first when it can be.
    func parentCommit() throws -> String? {
        let tracking = "refs/remotes/\(remote)/\(branch)"
        _ = try git.output(["fetch", "-q", remote, "+refs/heads/\(branch):\(tracking)"])
        let local = try git.output(["rev-parse", "--verify", "-q", "refs/heads/\(branch)^{commit}"])
        let remoteCopy = try git.output(["rev-parse", "--verify", "-q", "\(tracking)^{commit}"])
        switch (local.status == 0 ? local.text : nil, remoteCopy.status == 0 ? remoteCopy.text : nil) {
        case (let local?, let remote?):
            let ahead = try git.output(["merge-base", "--is-ancestor", remote, local]).status == 0
            return ahead ? local : remote
        case (let local, let remote): return local ?? remote
        }
    }

    /// Every regular file under `site` by its path relative to it, in path order; sitegen's output marker
    /// (`.sitegen-site`) stays out of the branch.
    static func files(in site: URL) throws -> [(path: String, url: URL)] {
        let root = site.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: site.path])
        }
        var files: [(path: String, url: URL)] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(prefix.count))
            if path != ".sitegen-site" { files.append((path, url)) }
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// Why a publish stopped; each says what to do.
public enum PublishError: Error, CustomStringConvertible, Equatable {
    case gitMissing
    case notARepository(String)
    case badBranch(String)
    case onPublishBranch(String)
    case noRemote(String, existing: [String])
    case unpublishableName(String)
    case pushRejected(remote: String, branch: String, message: String)

    public var description: String {
        switch self {
        case .gitMissing:
            "git is not installed (no `git` on PATH); install it (e.g. `apt-get install git`) and publish again"
        case .notARepository(let folder):
            "'\(folder)' is not in a git repository; publish runs in the repository that holds your notes (`git init` and `git remote add origin URL` make one)"
        case .badBranch(let branch):
            "'\(branch)' is not a valid branch name; pass another with --branch"
        case .onPublishBranch(let branch):
            "the branch '\(branch)' is checked out here; switch to the branch of your notes (`git switch main`) and publish again"
        case .noRemote(let remote, let existing):
            "the repository has no remote '\(remote)'" + (existing.isEmpty
                ? "; add one with `git remote add \(remote) URL`"
                : " (it has \(existing.map { "'\($0)'" }.joined(separator: ", "))); pass one with --remote")
        case .unpublishableName(let path):
            "cannot publish '\(path)': its name holds a line break; rename it"
        case .pushRejected(let remote, let branch, let message):
            "'\(remote)' rejected the push of '\(branch)': \(message)\n"
                + "The new commit is on your local '\(branch)'. If access was denied, check the remote's URL and your credentials; "
                + "if its branch moved meanwhile, publish again (publish starts from the remote's branch)."
        }
    }
}
