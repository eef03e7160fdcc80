import Foundation
import SiteCore
import SitePublish
@testable import sitegen
import Testing

@Suite struct PublishOptionsTests {
    @Test func optionsParseWithGitHubPagesDefaults() throws {
        let publish = try #require(try Sitegen.parseAsRoot(["publish", "--branch", "site", "--remote", "up", "--message", "周末更新",
                                                            "--base-url", "https://x.org/", "--dry-run"]) as? PublishCommand)
        #expect(publish.branch == "site" && publish.remote == "up" && publish.message == "周末更新" && publish.baseURL == "https://x.org/" && publish.dryRun)
        let defaults = try #require(try Sitegen.parseAsRoot(["publish"]) as? PublishCommand)
        #expect(defaults.branch == "gh-pages" && defaults.remote == "origin" && defaults.message == nil && !defaults.dryRun)
        #expect(try #require(try Sitegen.parseAsRoot(["init", "my notes"]) as? InitCommand).folder == "my notes")
        #expect(try #require(try Sitegen.parseAsRoot(["init"]) as? InitCommand).folder == ".")
    }

    /// Only a GitHub project page without a base URL is an error; elsewhere a missing absolute URL costs the
    /// sitemap, feed and canonical links, which one warning says.
    @Test func theBaseURLIsJudgedAgainstTheRemote() throws {
        var config = SiteConfig()
        #expect(throws: (any Error).self) { try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "git@github.com:me/notes.git") }
        let userPage = try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "git@github.com:me/me.github.io.git")
        #expect(userPage?.contains("set `baseURL: https://me.github.io/` in sitegen.yml") == true)
        let elsewhere = try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "/srv/git/notes.git")
        #expect(elsewhere?.hasPrefix("the base URL is not set, so the site has no sitemap.xml, feed.xml or canonical links") == true)
        config.cname = "notes.example.org"
        let custom = try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "git@github.com:me/notes.git")
        #expect(custom?.contains("https://notes.example.org/") == true, "a custom domain serves the project at its root")
        config.baseURL = "/notes/"
        #expect(try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "/srv/git/notes.git")?.contains("'/notes/' is not an absolute http(s) URL") == true)
        config.baseURL = "https://notes.example.org/"
        #expect(try PublishCommand.checkBaseURL(config, remote: "origin", remoteURL: "git@github.com:me/notes.git") == nil)
    }
}

/// `sitegen init` and `sitegen publish` through the real binary, against a local bare repository.
@Suite(.enabled(if: Git.locate() != nil, "needs git"))
struct PublishCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-cli-\(UUID().uuidString)")
    var work: URL { root.appendingPathComponent("work") }
    var remote: URL { root.appendingPathComponent("remote.git") }
    static let environment = [
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    func git(_ arguments: [String], in folder: URL? = nil) throws -> String {
        try Git(executable: try #require(Git.locate()), folder: folder ?? work, environment: Self.environment).run(arguments)
    }

    func sitegen(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CommandLineTests.runCapturingOutput(CommandLineTests.binary, arguments, in: work,
                                                environment: Self.environment.merging(environment) { $1 })
    }

    /// A notes repository made by `sitegen init`, with its remote.
    func makeRepository() throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try git(["init", "-q", "--bare", remote.path], in: root)
        try git(["init", "-q", "-b", "main"])
        let initRun = try sitegen(["init"])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(initRun.stdout.contains("created notes/梯度下降.md"))
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "notes"])
        try git(["remote", "add", "origin", remote.path])
    }

    func published() throws -> [String] {
        try git(["-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "gh-pages"], in: remote).split(separator: "\n").map(String.init)
    }

    @Test func publishingTwiceAddsOneCommitAndDropsARemovedNote() throws {
        try makeRepository()
        let second = work.appendingPathComponent("notes/第二篇.md")
        try Data("---\ndate: 2026-02-01\n---\n# 第二篇\n\n另一篇笔记。\n".utf8).write(to: second)
        let baseURL = ["--base-url", "https://notes.example.org/"]

        let dry = try sitegen(["publish", "--dry-run", "--quiet"] + baseURL)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would publish") && dry.stdout.contains("a new branch"))
        #expect((try? git(["rev-parse", "--verify", "-q", "gh-pages"], in: remote)) == nil, "a dry run pushes nothing")

        let first = try sitegen(["publish", "--quiet"] + baseURL)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("published") && first.stdout.contains("pushed to 'origin'"))
        let files = try published()
        for path in [".nojekyll", "index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "第二篇/index.html", "梯度下降/index.html"] {
            #expect(files.contains(path), "\(path) in \(files)")
        }
        #expect(files.contains { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") && $0 != "assets/style.css" })
        #expect(!files.contains(".sitegen-site") && !files.contains("notes/梯度下降.md"))
        let sitemap = try git(["show", "gh-pages:sitemap.xml"], in: remote)
        #expect(sitemap.contains("<loc>https://notes.example.org/%E7%AC%AC%E4%BA%8C%E7%AF%87/</loc>"))

        try FileManager.default.removeItem(at: second)
        let again = try sitegen(["publish", "--quiet", "--message", "second publish"] + baseURL)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try git(["rev-list", "--count", "gh-pages"], in: remote) == "2")
        #expect(try git(["log", "-1", "--format=%s", "gh-pages"], in: remote) == "second publish")
        #expect(!(try published()).contains("第二篇/index.html"))
        // The site was built elsewhere: the working tree is clean (the cache is git-ignored), no public/.
        #expect(try git(["status", "--porcelain"]) == "")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("public").path))
        #expect(try git(["symbolic-ref", "HEAD"]) == "refs/heads/main")
    }

    @Test func clearErrors() throws {
        try makeRepository()
        // A GitHub project page needs its base path.
        try git(["remote", "set-url", "origin", "git@github.com:me/notes.git"])
        let projectPage = try sitegen(["publish"])
        #expect(projectPage.status == 1)
        #expect(projectPage.stderr.contains("'origin' is a GitHub project page, served at https://me.github.io/notes/"))
        #expect(projectPage.stderr.contains("set `baseURL: https://me.github.io/notes/` in sitegen.yml"))

        let noGit = try sitegen(["publish"], environment: ["PATH": "/nonexistent"])
        #expect(noGit.status == 1 && noGit.stderr.contains("git is not installed"))

        let plain = root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let notRepository = try CommandLineTests.runCapturingOutput(CommandLineTests.binary, ["publish"], in: plain, environment: Self.environment)
        #expect(notRepository.status == 1 && notRepository.stderr.contains("is not in a git repository"))

        let initAgain = try sitegen(["init"])
        #expect(initAgain.status == 1 && initAgain.stderr.contains("writes nothing over existing files"))
    }
}
