import Foundation
import SiteCore
import SiteMarkdown
import SiteTopics

/// Each note's topic work kept between builds of one process (`sitegen serve`): its `NoteTopics` summary
/// and its tree with wikilinks and topic links, so the topics step matches topics only in the notes that
/// changed. A summary is reused for the same note text (index role, navigation title) and topic registry;
/// a rewritten tree also needs the same topic pages and every wikilink in it resolving as before.
public final class NoteTopicsStore: @unchecked Sendable {
    struct Entry {
        var text: String
        var isIndex: Bool
        var navigationTitle: String?
        var summary: NoteTopics?
        var summaryDiagnostics: [Diagnostic]
        var rewrite: Rewrite?
        /// What topic pages show of the note's sections (`TopicPageModel.faces`), for its title and URL.
        var faces: (title: String, url: String, faces: [String])?
    }

    struct Rewrite {
        var document: MarkdownNode
        /// A hash of `document`, for `Page.topicInputsHash`.
        var documentHash: Int
        var diagnostics: [Diagnostic]
        var topicLinks: Int
        var wikilinks: Int
        /// Each wikilink of the note with what it resolved to.
        var resolutions: [(wikilink: Wikilink, resolution: String)]
    }

    /// What each link of the last build named (`LinkTable.linkedPath`), by the note's path and the link's
    /// destination joined by NUL. Used by the topics step alone.
    var linkedPaths: [String: LinkTable.LinkedPath?] = [:]
    /// The joins of the last build, with `TopicIndex.inputsKey` of what they were made from.
    private var index: (key: Int, index: TopicIndex)?
    private let lock = NSLock()
    private var registry = 0
    private var topicURLs: [String?] = []
    private var entries: [String: Entry] = [:]
    private var reused = 0

    /// The registry loaded last, with what it was loaded from and its diagnostics.
    private var loaded: (sources: String, registry: TopicRegistry, diagnostics: [Diagnostic], key: Int)?

    public init() {}

    /// The registry for the built-in topics (or not) and the site's file text, loaded again only when they changed.
    func registry(builtIn: Bool, site: (text: String, path: String)?, policy: SiteConfig.TopicLinks) -> (TopicRegistry, [Diagnostic]) {
        let sources = "\(builtIn)\u{0}\(policy)\u{0}" + (site.map { $0.text + "\u{0}" + $0.path } ?? "")
        if let loaded = lock.withLock({ loaded }), loaded.sources == sources {
            begin(registry: loaded.key)
            return (loaded.registry, loaded.diagnostics)
        }
        let (registry, diagnostics) = TopicRegistryLoader.load(builtIn: builtIn, site: site)
        let key = BuildStep.registryKey(registry, policy: policy)
        lock.withLock { loaded = (sources, registry, diagnostics, key) }
        begin(registry: key)
        return (registry, diagnostics)
    }

    /// Whether the last build kept the joins of the one before.
    public private(set) var lastBuildKeptJoins = false

    /// The joins made last from inputs with the key `key`.
    func index(key: Int) -> TopicIndex? {
        lock.withLock {
            lastBuildKeptJoins = index?.key == key
            return index.flatMap { $0.key == key ? $0.index : nil }
        }
    }

    func rememberIndex(_ index: TopicIndex, key: Int) {
        lock.withLock { self.index = (key, index) }
    }

    /// How many notes the last build took their topic links from the store for.
    public var lastBuildReused: Int { lock.withLock { reused } }

    /// Starts the topics step: entries hold only for the same registry and link policy (`registry`, a hash).
    func begin(registry: Int) {
        lock.withLock {
            if registry != self.registry { entries = [:] }
            self.registry = registry
            reused = 0
        }
    }

    func removeAll() {
        lock.withLock {
            entries = [:]
            loaded = nil
            index = nil
        }
    }

    private func entry(_ page: Page) -> Entry? {
        lock.withLock { entries[page.sourcePath] }
            .flatMap { $0.text == page.text && $0.isIndex == page.isIndex && $0.navigationTitle == page.navigationTitle ? $0 : nil }
    }

    /// What topic pages show of the sections of `page` (whose summary the topics step of this build took
    /// from or gave to the store): kept for the same title and URL, else made with `make`.
    func faces(_ page: Page, make: () -> [String]) -> [String] {
        if let known = entry(page)?.faces, known.title == page.title, known.url == page.url { return known.faces }
        let faces = make()
        lock.withLock {
            guard entries[page.sourcePath]?.text == page.text else { return }
            entries[page.sourcePath]?.faces = (page.title, page.url, faces)
        }
        return faces
    }

    /// The summary made last for an equal note.
    func summary(_ page: Page) -> (NoteTopics?, [Diagnostic])? {
        entry(page).map { ($0.summary, $0.summaryDiagnostics) }
    }

    func rememberSummaries(_ pages: [Page], _ summaries: [(NoteTopics?, [Diagnostic])]) {
        lock.withLock {
            var kept: [String: Entry] = [:]
            for (page, summary) in zip(pages, summaries) {
                var entry = Entry(text: page.text, isIndex: page.isIndex, navigationTitle: page.navigationTitle, summary: summary.0,
                                  summaryDiagnostics: summary.1)
                if let known = entries[page.sourcePath], known.text == page.text, known.isIndex == page.isIndex,
                   known.navigationTitle == page.navigationTitle
                {
                    entry.rewrite = known.rewrite
                    entry.faces = known.faces
                }
                kept[page.sourcePath] = entry
            }
            entries = kept
        }
    }

    /// Whether the rewritten trees kept may be reused: true when the topics with pages are those of the last build.
    func beginRewrites(topicURLs: [String?]) -> Bool {
        lock.withLock {
            defer { self.topicURLs = topicURLs }
            if topicURLs != self.topicURLs {
                for key in entries.keys { entries[key]?.rewrite = nil }
                return false
            }
            return true
        }
    }

    /// The tree rewritten last for an equal note whose wikilinks all resolve as they did (`resolve`).
    func rewrite(_ page: Page, resolve: (Wikilink) -> String) -> Rewrite? {
        guard let rewrite = entry(page)?.rewrite,
              rewrite.resolutions.allSatisfy({ resolve($0.wikilink) == $0.resolution }) else { return nil }
        lock.withLock { reused += 1 }
        return rewrite
    }

    func remember(_ page: Page, _ rewrite: Rewrite) {
        lock.withLock { entries[page.sourcePath]?.rewrite = rewrite }
    }
}

extension TopicLinker.Resolution {
    /// The resolution as text, for comparing two.
    var recorded: String { "\(url ?? "")\u{1}\(topic.map(String.init) ?? "")\u{1}\(problem ?? "")" }
}
