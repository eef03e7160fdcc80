import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import SitePublish

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build the site afresh and commit it onto a branch (default: gh-pages), then push it.",
        discussion: """
        Like `mkdocs gh-deploy`: a clean build (drafts left out) into a temporary folder, one commit per \
        publish on the branch (created when missing; files no longer in the site are removed from it), and \
        a push to the remote. Your working tree, index and current branch are not touched. Needs git.
        """)

    @Option(help: "Branch that holds the published site.") var branch = "gh-pages"
    @Option(help: "Remote to push the branch to.") var remote = "origin"
    @Option(help: "Commit message (default: names the commit of the notes and the sitegen version).") var message: String?
    @Option(name: .customLong("base-url"), help: "URL the site is served from, e.g. https://me.github.io/notes/.") var baseURL: String?
    @Flag(name: .customLong("dry-run"), help: "Build and show what would change on the branch, without committing or pushing.") var dryRun = false
    @Option(help: "Folder of notes (.md, .markdown, .txt).") var notes: String?
    @Option(help: "Folder of templates that override the built-in theme file by file.") var templates: String?
    @Option(help: "Settings file (default: sitegen.yml, which may be absent).") var config: String?
    @Flag(help: "Fail on warnings too.") var strict = false
    @Flag(name: .shortAndLong, help: "Print only errors and warnings.") var quiet = false

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var (settings, configURL, configDiagnostics) = try BuildCommand.settings(config: config, root: root,
                                                                                 notes: notes, templates: templates)
        if let baseURL { settings.baseURL = baseURL }
        settings.includeDrafts = false

        guard let executable = Git.locate() else { throw Self.fail(PublishError.gitMissing.description) }
        let git = Git(executable: executable, folder: root)
        let publisher = BranchPublisher(git: git, branch: branch, remote: remote)
        let remoteURL: String
        do { remoteURL = try publisher.check() } catch { throw Self.fail("\(error)") }
        if let warning = try Self.checkBaseURL(settings, remote: remote, remoteURL: remoteURL) {
            FileHandle.standardError.write(Data("sitegen: warning: \(warning) [base-url-unset]\n".utf8))
            if strict { throw ExitCode(1) }
        }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let site = scratch.appendingPathComponent("site", isDirectory: true)
        settings.outputDirectory = site.path
        var context = BuildContext(config: settings, root: root)
        context.configFile = configURL
        context.diagnostics += configDiagnostics
        let result = SiteBuilder(strict: strict).build(context)
        BuildCommand.printOutcome(result, quiet: quiet)
        guard result.committed else { throw ExitCode(result.refused ? 2 : 1) }

        let source = try? git.run(["rev-parse", "--short", "HEAD"])
        let message = message ?? "Publish " + (source.map { "\($0) " } ?? "") + "with sitegen \(sitegenVersion)"
        let published: BranchPublisher.Result
        do { published = try publisher.publish(site: site, message: message, dryRun: dryRun) } catch { throw Self.fail("\(error)") }
        print(Self.summary(published, branch: branch, remote: remote, dryRun: dryRun))
    }

    /// The base URL judged against where the remote publishes: an error for a GitHub project page without
    /// one (its 404 page would point at the wrong folder), else a warning when sitemap, feed and canonical
    /// links must be left out for want of an absolute URL.
    static func checkBaseURL(_ settings: SiteConfig, remote: String, remoteURL: String) throws -> String? {
        guard settings.siteURL == nil else { return nil }
        let pages = GitHubPages(remoteURL: remoteURL)
        if settings.baseURL.isEmpty, settings.cname.isEmpty, let pages, pages.isProjectPage {
            throw fail("the base URL is not set, and '\(remote)' is a GitHub project page, served at \(pages.siteURL): "
                + "set `baseURL: \(pages.siteURL)` in sitegen.yml or pass --base-url \(pages.siteURL)")
        }
        let example = settings.cname.isEmpty ? pages?.siteURL ?? "https://me.github.io/notes/" : "https://\(settings.cname)/"
        let why = settings.baseURL.isEmpty ? "the base URL is not set" : "the base URL '\(settings.baseURL)' is not an absolute http(s) URL"
        return "\(why), so the site has no sitemap.xml, feed.xml or canonical links; set `baseURL: \(example)` in sitegen.yml or pass --base-url"
    }

    static func summary(_ result: BranchPublisher.Result, branch: String, remote: String, dryRun: Bool) -> String {
        let changes = "\(result.added) added, \(result.changed) changed, \(result.removed) removed"
        if result.unchanged {
            return dryRun ? "the site is unchanged: nothing to publish onto '\(branch)'"
                : "the site is unchanged: '\(branch)' keeps its last commit, pushed to '\(remote)'"
        }
        if dryRun {
            return "would publish \(result.files) files onto '\(branch)' (\(result.parent == nil ? "a new branch" : changes)) and push it to '\(remote)'"
        }
        let commit = String((result.commit ?? "").prefix(7))
        return "published \(result.files) files onto '\(branch)' as \(commit) (\(changes)), pushed to '\(remote)'"
    }

    /// An error line in the build's style and exit status 1.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("sitegen publish: error: \(message)\n".utf8))
        return ExitCode(1)
    }
}
