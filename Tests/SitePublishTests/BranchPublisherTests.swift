import Foundation
@testable import SitePublish
import Testing

@Suite(.enabled(if: GitSandbox.executable != nil, "needs git"))
struct BranchPublisherTests {
    @Test func firstPublishCreatesAnOrphanBranchAndPushesIt() throws {
        let sandbox = try GitSandbox()
        let publisher = BranchPublisher(git: try sandbox.git())
        #expect(try publisher.check() == sandbox.remote.path)
        let site = try sandbox.site(["index.html": "home", "基础/激活函数/index.html": "note", ".sitegen-site": "marker"])
        let result = try publisher.publish(site: site, message: "Publish 1")
        #expect(result.parent == nil && result.pushed && result.added == 3 && result.files == 3)
        #expect(try sandbox.publishedPaths() == [".nojekyll", "index.html", "基础/激活函数/index.html"])
        #expect(try sandbox.commitCount() == 1)
        let commit = try #require(result.commit)
        #expect(try sandbox.git(in: sandbox.remote).run(["rev-parse", "gh-pages"]) == commit)
        #expect(try sandbox.git(in: sandbox.remote).run(["log", "-1", "--format=%s", "gh-pages"]) == "Publish 1")
        // An orphan: nothing of the notes' history.
        #expect(try sandbox.git().run(["rev-list", "--count", commit]) == "1")
    }

    @Test func eachPublishAddsOneCommitAndRemovedFilesLeaveTheBranch() throws {
        let sandbox = try GitSandbox()
        let publisher = BranchPublisher(git: try sandbox.git())
        let first = try publisher.publish(site: try sandbox.site(["index.html": "home", "a/index.html": "A", "b/index.html": "B"]), message: "one")
        let second = try publisher.publish(site: try sandbox.site(["index.html": "home 2", "a/index.html": "A", "c/index.html": "C"]), message: "two")
        #expect(second.parent == first.commit)
        #expect(second.added == 1 && second.changed == 1 && second.removed == 1)
        #expect(try sandbox.commitCount() == 2)
        #expect(try sandbox.publishedPaths() == [".nojekyll", "a/index.html", "c/index.html", "index.html"])
        #expect(try sandbox.git(in: sandbox.remote).run(["show", "gh-pages:index.html"]) == "home 2")
    }

    @Test func anUnchangedSiteMakesNoCommit() throws {
        let sandbox = try GitSandbox()
        let publisher = BranchPublisher(git: try sandbox.git())
        let files = ["index.html": "home"]
        let first = try publisher.publish(site: try sandbox.site(files), message: "one")
        let again = try publisher.publish(site: try sandbox.site(files), message: "two")
        #expect(again.unchanged && again.commit == nil && again.parent == first.commit && again.pushed)
        #expect(try sandbox.commitCount() == 1)
    }

    @Test func theWorkingTreeIndexAndCurrentBranchStayAsTheyWere() throws {
        let sandbox = try GitSandbox()
        let git = try sandbox.git()
        // An uncommitted edit and a staged new file: a publish must not see or change either.
        try Data("# 笔记，改了\n".utf8).write(to: sandbox.work.appendingPathComponent("README.md"))
        try Data("new".utf8).write(to: sandbox.work.appendingPathComponent("staged.md"))
        try git.run(["add", "staged.md"])
        let status = try git.run(["status", "--porcelain"])
        let head = try git.run(["rev-parse", "HEAD"])
        _ = try BranchPublisher(git: git).publish(site: try sandbox.site(["index.html": "home"]), message: "one")
        #expect(try git.run(["status", "--porcelain"]) == status)
        #expect(try git.run(["rev-parse", "HEAD"]) == head)
        #expect(try git.run(["symbolic-ref", "HEAD"]) == "refs/heads/main")
        #expect(!FileManager.default.fileExists(atPath: sandbox.work.appendingPathComponent("index.html").path))
    }

    @Test func aDryRunCommitsAndPushesNothing() throws {
        let sandbox = try GitSandbox()
        let result = try BranchPublisher(git: try sandbox.git()).publish(site: try sandbox.site(["index.html": "home"]), message: "one", dryRun: true)
        #expect(result.commit == nil && !result.pushed && result.added == 2)
        #expect(try sandbox.git().output(["rev-parse", "--verify", "-q", "refs/heads/gh-pages"]).status != 0)
        #expect(try sandbox.git(in: sandbox.remote).output(["rev-parse", "--verify", "-q", "refs/heads/gh-pages"]).status != 0)
    }

    /// Published from another clone: the next publish starts from the remote's branch, so the push is a
    /// fast-forward.
    @Test func aPublishFromAnotherCloneFollowsTheRemotesBranch() throws {
        let sandbox = try GitSandbox()
        let other = sandbox.root.appendingPathComponent("other")
        try sandbox.git(in: sandbox.root).run(["clone", "-q", sandbox.remote.path, other.path])
        let elsewhere = try BranchPublisher(git: try sandbox.git(in: other)).publish(site: try sandbox.site(["index.html": "from other"]), message: "other")
        let here = try BranchPublisher(git: try sandbox.git()).publish(site: try sandbox.site(["index.html": "from here"]), message: "here")
        #expect(here.parent == elsewhere.commit && here.pushed)
        #expect(try sandbox.commitCount() == 2)
        // The same site again from the other clone, whose local branch lags behind: no commit, and its branch catches up.
        let again = try BranchPublisher(git: try sandbox.git(in: other)).publish(site: try sandbox.site(["index.html": "from here"]), message: "same")
        #expect(again.unchanged && again.pushed && again.parent == here.commit)
        #expect(try sandbox.git(in: other).run(["rev-parse", "gh-pages"]) == here.commit)
        #expect(try sandbox.commitCount() == 2)
    }

    /// A fresh clone has no local branch; an unchanged site still ends with the branch in place.
    @Test func anUnchangedSiteInAFreshCloneNeedsNoLocalBranch() throws {
        let sandbox = try GitSandbox()
        let first = try BranchPublisher(git: try sandbox.git()).publish(site: try sandbox.site(["index.html": "home"]), message: "one")
        let fresh = sandbox.root.appendingPathComponent("fresh")
        try sandbox.git(in: sandbox.root).run(["clone", "-q", sandbox.remote.path, fresh.path])
        let again = try BranchPublisher(git: try sandbox.git(in: fresh)).publish(site: try sandbox.site(["index.html": "home"]), message: "two")
        #expect(again.unchanged && again.pushed && again.parent == first.commit)
        #expect(try sandbox.commitCount() == 1)
    }

    @Test func problemsAreNamedWithWhatToDo() throws {
        let sandbox = try GitSandbox()
        let outside = sandbox.root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        #expect(throws: PublishError.notARepository(outside.path)) { try BranchPublisher(git: try sandbox.git(in: outside)).check() }
        #expect(throws: PublishError.noRemote("upstream", existing: ["origin"])) {
            try BranchPublisher(git: try sandbox.git(), remote: "upstream").check()
        }
        #expect(throws: PublishError.onPublishBranch("main")) { try BranchPublisher(git: try sandbox.git(), branch: "main").check() }
        #expect(throws: PublishError.badBranch("a..b")) { try BranchPublisher(git: try sandbox.git(), branch: "a..b").check() }

        // A remote that refuses every push (a pre-receive hook), as a protected branch or a denied token would.
        let hook = sandbox.remote.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'branch is protected' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        do {
            _ = try BranchPublisher(git: try sandbox.git()).publish(site: try sandbox.site(["index.html": "home"]), message: "one")
            Issue.record("the push was not rejected")
        } catch let error as PublishError {
            guard case .pushRejected(let remote, let branch, let message) = error else { throw error }
            #expect(remote == "origin" && branch == "gh-pages" && message.contains("branch is protected"))
            #expect(error.description.contains("'origin' rejected the push of 'gh-pages'"))
        }
    }

    @Test func gitIsFoundOnThePathOrNamedMissing() {
        #expect(Git.locate(path: "/nonexistent-\(UUID().uuidString)") == nil)
        #expect(PublishError.gitMissing.description.contains("git is not installed"))
    }
}
