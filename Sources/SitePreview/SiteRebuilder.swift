import Foundation
import SiteBuild
import SiteCore
import SiteMath

/// What the preview needs from the build: bring the site up to date after some files changed.
///
/// The preview server, its watcher and its coordinator know the build only through this protocol, so a
/// build that redoes only what an edit touches replaces `FullSiteRebuilder` without changing them.
/// `rebuild` is never called concurrently (`RebuildCoordinator` runs one at a time).
public protocol SiteRebuilder: Sendable {
    /// Updates the site after `changedPaths` (absolute file paths; empty: everything) changed.
    func rebuild(changedPaths: Set<String>) -> RebuildOutcome

    /// `rebuild(changedPaths:)`, which may stop without writing anything and return nil when
    /// `isSuperseded` says newer changes wait (they are rebuilt together with these).
    func rebuild(changedPaths: Set<String>, isSuperseded: @escaping @Sendable () -> Bool) -> RebuildOutcome?

    /// Brings the pages of edited notes up to date at once, before `rebuild` does the rest of the site
    /// (`PageRefresh`); nil when it cannot (then `rebuild` does all).
    func refresh(changedPaths: Set<String>) -> RebuildOutcome?
}

extension SiteRebuilder {
    public func rebuild(changedPaths: Set<String>, isSuperseded: @escaping @Sendable () -> Bool) -> RebuildOutcome? {
        rebuild(changedPaths: changedPaths)
    }

    public func refresh(changedPaths: Set<String>) -> RebuildOutcome? { nil }
}

/// Where a built site is and the URL path it is served under.
public struct ServedSite: Sendable, Hashable {
    /// The folder of the site's files (the output folder).
    public var folder: URL
    /// The path prefix of every URL: `/` or `/notes/` (from `baseURL`).
    public var basePath: String

    public init(folder: URL, basePath: String) {
        self.folder = folder
        self.basePath = basePath
    }
}

/// The files and folders a build read, which the watcher watches.
public struct WatchedInputs: Sendable, Hashable {
    /// Watched with everything under them (notes, templates); folders that do not exist are left out.
    public var folders: [URL]
    /// Watched one by one (the settings file, which may not exist yet).
    public var files: [URL]

    public init(folders: [URL], files: [URL]) {
        self.folders = folders
        self.files = files
    }
}

/// The result of one rebuild, as the preview shows it.
public struct RebuildOutcome: Sendable {
    /// The site was brought up to date and is served; false: the previous site is still served.
    public var succeeded: Bool
    /// The output folder may not be replaced at all (`OutputSafety`): serving cannot start.
    public var refused: Bool
    /// Every diagnostic of the build, by location.
    public var diagnostics: [Diagnostic]
    /// `built 23 pages, 2 warnings, 0 errors in 0.41 s`
    public var summary: String
    /// The site this build is for (its output folder and base path).
    public var site: ServedSite
    public var inputs: WatchedInputs
    /// The folder diagnostic paths are relative to.
    public var root: URL
    /// Seconds per build step.
    public var timings: [BuildResult.Timing]
    /// The URL paths of the pages that changed, which the open ones among them reload; nil: every page reloads.
    public var changedPages: [String]?
    /// The edited notes' pages alone are up to date (`SiteRebuilder.refresh`); a rebuild follows.
    public var isRefresh: Bool

    public init(succeeded: Bool, refused: Bool = false, diagnostics: [Diagnostic], summary: String, site: ServedSite,
                inputs: WatchedInputs, root: URL, timings: [BuildResult.Timing] = [], changedPages: [String]? = nil,
                isRefresh: Bool = false) {
        self.succeeded = succeeded
        self.refused = refused
        self.diagnostics = diagnostics
        self.summary = summary
        self.site = site
        self.inputs = inputs
        self.root = root
        self.timings = timings
        self.changedPages = changedPages
        self.isRefresh = isRefresh
    }

    /// What the author must fix when the build failed: its errors, or under `--strict` its warnings.
    public var problems: [Diagnostic] {
        guard !succeeded else { return [] }
        let errors = diagnostics.filter { $0.severity == .error }
        return errors.isEmpty ? diagnostics.filter { $0.severity == .warning } : errors
    }
}

extension RebuildOutcome {
    /// The outcome of a whole-site build.
    public init(_ result: BuildResult) {
        let context = result.context
        self.init(succeeded: result.committed, refused: result.refused, diagnostics: result.diagnostics,
                  summary: result.summary, site: ServedSite(context), inputs: WatchedInputs(context),
                  root: context.root, timings: result.timings)
    }
}

extension ServedSite {
    public init(_ context: BuildContext) {
        self.init(folder: context.outputURL, basePath: context.config.basePath)
    }
}

extension WatchedInputs {
    /// The notes folder, the templates folder and the settings file of `context`.
    public init(_ context: BuildContext) {
        self.init(folders: [context.notesURL, context.templatesURL], files: context.configFile.map { [$0] } ?? [])
    }
}

/// Rebuilds the site with `SiteBuilder`, keeping between builds what makes a rebuild redo only what an
/// edit touches (docs/incremental.md): each note's parsed and rendered artifacts (`NoteArtifactStore`), what
/// was written into the output folder (`OutputLedger`: later builds write only changed files, in place) and
/// the running KaTeX workers. The settings are read again for every build (`makeContext`), so an edit of
/// `sitegen.yml` takes effect (a changed setting empties the artifact store).
public final class IncrementalRebuilder: SiteRebuilder, @unchecked Sendable {
    public let builder: SiteBuilder
    /// The context a build starts from; throws when the settings cannot be read at all.
    public let makeContext: @Sendable () throws -> BuildContext
    /// The site and inputs to report when `makeContext` throws.
    public let fallback: BuildContext
    public let artifacts = NoteArtifactStore()
    public let ledger = OutputLedger()
    private let lock = NSLock()
    private var math: (any MathRendering)?
    /// The context the last complete build ended with, for `refresh`; nil after a failed build.
    private var lastComplete: BuildContext?

    public init(builder: SiteBuilder, fallback: BuildContext, makeContext: @escaping @Sendable () throws -> BuildContext) {
        self.builder = builder
        self.fallback = fallback
        self.makeContext = makeContext
    }

    /// Builds `context` with the kept artifacts, ledger and math renderer. Not to be called concurrently.
    public func build(_ context: BuildContext,
                      progress: (_ index: Int, _ count: Int, _ step: String) -> Void = { _, _, _ in }) -> BuildResult {
        var context = context
        context.artifacts = artifacts
        context.outputLedger = ledger
        if context.math == nil { context.math = lock.withLock { math } }
        let result = builder.build(context, progress: progress)
        if let used = result.context.math { lock.withLock { math = used } }
        if !result.superseded {
            var complete = result.committed ? result.context : nil
            complete?.outputFiles = [:]
            lock.withLock { lastComplete = complete }
        }
        return result
    }

    public func rebuild(changedPaths: Set<String>) -> RebuildOutcome {
        rebuild(changedPaths: changedPaths) { false } ?? failure("the rebuild stopped")
    }

    public func rebuild(changedPaths: Set<String>, isSuperseded: @escaping @Sendable () -> Bool) -> RebuildOutcome? {
        var context: BuildContext
        do {
            context = try makeContext()
        } catch {
            lock.withLock { lastComplete = nil }
            return failure("\(error)")
        }
        context.isSuperseded = isSuperseded
        let result = build(context)
        if result.superseded { return nil }
        var outcome = RebuildOutcome(result)
        if result.committed { outcome.changedPages = Self.pageURLs(ledger.lastChangedPaths, basePath: context.config.basePath) }
        return outcome
    }

    /// The URL paths of the pages among `paths` (written or removed, relative to the output folder); nil when
    /// a file that pages show changed (an asset, an image), or `paths` is nil. The search index is left out:
    /// the search box reads it when asked.
    static func pageURLs(_ paths: [String]?, basePath: String) -> [String]? {
        guard let paths else { return nil }
        var urls: [String] = []
        for path in paths where !path.hasPrefix("search/") && !HostFiles.names.contains(path) {
            guard path.hasSuffix(".html") else { return nil }
            urls.append(basePath + (path == "index.html" || path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path))
        }
        return urls.sorted()
    }

    public func refresh(changedPaths: Set<String>) -> RebuildOutcome? {
        guard let last = lock.withLock({ lastComplete }),
              let refreshed = PageRefresh.refresh(changedPaths, after: last, strict: builder.strict)
        else { return nil }
        let milliseconds = Int((refreshed.seconds * 1000).rounded())
        let pages = refreshed.written.count == 1 ? "1 page" : "\(refreshed.written.count) pages"
        return RebuildOutcome(succeeded: true, diagnostics: [],
                              summary: "refreshed \(pages) in \(milliseconds) ms; updating the rest of the site…",
                              site: ServedSite(last), inputs: WatchedInputs(last), root: last.root,
                              timings: refreshed.timings,
                              changedPages: Self.pageURLs(refreshed.written, basePath: last.config.basePath), isRefresh: true)
    }

    private func failure(_ message: String) -> RebuildOutcome {
        RebuildOutcome(succeeded: false, diagnostics: [.error(message, code: "config")],
                       summary: "build failed, \(fallback.outputURL.lastPathComponent)/ left as it was",
                       site: ServedSite(fallback), inputs: WatchedInputs(fallback), root: fallback.root)
    }
}
