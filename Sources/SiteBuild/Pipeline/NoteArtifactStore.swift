import Foundation
import SiteCore
import SiteMarkdown
import SiteRender
import SiteSearch

/// Each note's expensive results kept between builds of one process (`sitegen serve`), so a rebuild redoes
/// only the notes that changed: see docs/incremental.md.
///
/// Per note (by its path in the notes folder) it keeps the note read and split (front matter), the note
/// parsed (normalised, math protected, outline, examples, with their diagnostics) and its final body
/// HTML (links rewritten, formulas typeset, with their diagnostics). Each is reused only when everything it
/// was made from is equal: the note's text, whether it is an index page and its navigation title, and for
/// the body the resolutions of its links against the current site. A change of the settings or of
/// sitegen's version (`fingerprint`) empties the store.
public final class NoteArtifactStore: @unchecked Sendable {
    struct Parsed {
        var text: String
        var isIndex: Bool
        var navigationTitle: String?
        /// The page after the parsing steps (fields that depend on the site, like its URL, are ignored).
        var page: Page
        /// The diagnostics the parsing steps added.
        var diagnostics: ArraySlice<Diagnostic>
        /// The diagnostics of splitting off the front matter.
        var splitDiagnostics: ArraySlice<Diagnostic>
    }

    struct Body {
        /// The hash of the link table the body was rendered with (within this process).
        var linkTable: Int
        var linkResolutions: String
        var html: String
        /// `TemplateInputs.key(of: html)`.
        var htmlKey: String
        /// The table of contents and questions with their formulas typeset along with the body's.
        var toc: [TOCEntry]
        var questions: [QuestionEntry]
        /// The diagnostics rendering the body added (links, formulas).
        var diagnostics: ArraySlice<Diagnostic>
    }

    private let lock = NSLock()
    private var fingerprint = ""
    private var parsed: [String: Parsed] = [:]
    private var bodies: [String: Body] = [:]
    /// Each note's search document and terms, for `searchNames`.
    private var searchEntries: [String: (text: String, url: String, document: SearchDocument, terms: DocumentTerms)] = [:]
    private var searchNames: SearchTokenizer.SynonymNames?
    /// Rendered pages by output path, with the template inputs they were rendered from (`TemplateInputs`).
    private var pages: [String: (key: String, data: Data)] = [:]
    /// The templates as the last build loaded them, by `BuildStep.fingerprint` of their files.
    private var templates: (key: Int, loaded: (TemplateSet?, [Diagnostic]))?
    /// The last template check of each step, with the key of its templates and samples (`PageRenderer.check`).
    private var templateChecks: [String: (key: String, diagnostics: [Diagnostic])] = [:]
    /// The pages of the build under way, which become `pages` when the next one begins.
    private var nextPages: [String: (key: String, data: Data)] = [:]
    /// What the last build reused and redid, by note path: see `Statistics`.
    private var current = Statistics()
    /// The notes' files as last read, so unchanged ones are not read again.
    public let sources = NoteSourceCache()
    /// The search index as the last build made it, updated by the next one for what changed.
    public let searchIndex = SearchIndexUpdater()
    /// Each note's topic summary and tree with topic links and wikilinks.
    public let topics = NoteTopicsStore()
    /// Each note's code blocks highlighted by Prism.
    public let highlights = HighlightedCodeStore()
    /// Each note's links and images, for resolving them again without walking its tree.
    public let outboundLinks = OutboundLinksStore()

    /// How many notes the last build took from the store and how many it parsed or rendered again.
    public struct Statistics: Sendable, Hashable {
        public var reusedParsed = 0
        public var parsed: [String] = []
        public var reusedBodies = 0
        public var rendered: [String] = []
        /// Pages (notes, the home page, section pages) whose template inputs were unchanged, so they were
        /// not rendered again.
        public var reusedPages = 0
        /// The output paths of the pages rendered again.
        public var renderedPages: [String] = []
    }

    public init() {}

    public var lastBuild: Statistics { lock.withLock { current } }

    /// Starts a build: forgets everything when `context`'s settings or sitegen's version changed.
    public func begin(_ context: BuildContext) {
        let fingerprint = Self.fingerprint(of: context.config)
        lock.withLock {
            if fingerprint != self.fingerprint {
                parsed = [:]
                bodies = [:]
                pages = [:]
                nextPages = [:]
                templateChecks = [:]
                searchEntries = [:]
                topics.removeAll()
                highlights.removeAll()
                outboundLinks.removeAll()
                self.fingerprint = fingerprint
            }
            if !nextPages.isEmpty { pages = nextPages }
            nextPages = [:]
            current = Statistics()
        }
    }

    /// What changes a note's artifacts: the settings (a folder's location only through the paths shown in
    /// diagnostics) and the versions of sitegen and its tools.
    static func fingerprint(of config: SiteConfig) -> String {
        let c = config
        return [sitegenVersion, c.baseURL, c.language, c.notesDirectory, String(c.allowRawHTML), String(c.includeDrafts),
                c.mathMacros.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}"),
                "\(c.mathErrors)", String(c.mathMarksLost), c.formats.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}"),
                String(c.exampleTimeout), c.cacheDirectory].joined(separator: "\u{0}")
    }

    /// `page` (just read) with the front matter, body and diagnostics of an equal note split before, or nil.
    func reuseSplit(_ page: Page) -> Page? {
        guard let found = lock.withLock({ parsed[page.sourcePath] }), found.text == page.text else { return nil }
        var reused = page
        reused.frontMatter = found.page.frontMatter
        reused.body = found.page.body
        reused.bodyLineMap = found.page.bodyLineMap
        reused.diagnostics += found.splitDiagnostics
        return reused
    }

    /// `page` with the parsing steps' results of an equal note, or nil.
    func reuseParsed(_ page: Page) -> Page? {
        lock.lock()
        let found = parsed[page.sourcePath]
        lock.unlock()
        guard let found, found.text == page.text, found.isIndex == page.isIndex,
              found.navigationTitle == page.navigationTitle else { return nil }
        var reused = page
        let from = found.page
        reused.normalized = from.normalized
        reused.protected = from.protected
        reused.document = from.document
        reused.headingIDs = from.headingIDs
        reused.toc = from.toc
        reused.questions = from.questions
        reused.description = from.description
        reused.title = from.title
        reused.contentShowsTitle = from.contentShowsTitle
        reused.liftedTitleHeading = from.liftedTitleHeading
        reused.examples = from.examples
        let start = reused.diagnostics.count
        reused.diagnostics += found.diagnostics
        reused.reuse.parsed = true
        reused.reuse.parsedDiagnostics = start..<reused.diagnostics.count
        return reused
    }

    func rememberParsed(_ pages: [Page]) {
        lock.lock()
        defer { lock.unlock() }
        for page in pages where page.protected != nil {
            guard !page.reuse.parsed else {
                current.reusedParsed += 1
                continue
            }
            current.parsed.append(page.sourcePath)
            let start = page.reuse.parsedDiagnostics.lowerBound
            let topics = page.reuse.topicDiagnostics.clamped(to: start..<page.diagnostics.count)
            let diagnostics = page.diagnostics[start..<topics.lowerBound] + page.diagnostics[topics.upperBound...]
            var kept = page
            if let unlinked = page.reuse.documentBeforeTopics { kept.document = unlinked }
            parsed[page.sourcePath] = Parsed(text: page.text, isIndex: page.isIndex, navigationTitle: page.navigationTitle,
                                            page: kept, diagnostics: diagnostics,
                                            splitDiagnostics: page.diagnostics[..<page.reuse.splitDiagnostics])
        }
        current.parsed.sort()
    }

    /// The final body of an equal note rendered against the same link resolutions, or nil.
    func reuseBody(_ page: Page) -> Body? {
        guard page.reuse.parsed else { return nil }
        return lock.withLock {
            guard let body = bodies[page.sourcePath], body.linkResolutions == page.reuse.linkResolutions else { return nil }
            return body
        }
    }

    /// The final body of an equal note rendered against an equal link table (its links need not be
    /// resolved again to know), or nil.
    func reuseBody(_ page: Page, linkTable: Int) -> Body? {
        guard page.reuse.parsed else { return nil }
        return lock.withLock {
            guard let body = bodies[page.sourcePath], body.linkTable == linkTable else { return nil }
            return body
        }
    }

    /// Keeps the bodies rendered in this build (pages with raw HTML are always sanitised again).
    func rememberBodies(_ pages: [Page]) {
        lock.lock()
        defer { lock.unlock() }
        for page in pages where page.protected != nil {
            guard !page.reuse.body else {
                current.reusedBodies += 1
                // Its links resolve the same against this build's table: the fast check holds next time.
                bodies[page.sourcePath]?.linkTable = page.reuse.linkTable
                continue
            }
            current.rendered.append(page.sourcePath)
            guard page.htmlSanitizer == nil else {
                bodies[page.sourcePath] = nil
                continue
            }
            bodies[page.sourcePath] = Body(linkTable: page.reuse.linkTable, linkResolutions: page.reuse.linkResolutions, html: page.bodyHTML,
                                           htmlKey: TemplateInputs.key(of: page.bodyHTML), toc: page.toc, questions: page.questions,
                                           diagnostics: page.diagnostics[page.reuse.bodyDiagnostics...])
        }
        current.rendered.sort()
    }

    /// `TemplateInputs.key(of: page.bodyHTML)` without hashing the body again, once `rememberBodies` has
    /// kept this build's bodies; nil for a page whose body is not kept.
    func bodyKey(_ page: Page) -> String? {
        guard page.protected != nil, page.htmlSanitizer == nil else { return nil }
        return lock.withLock { bodies[page.sourcePath]?.htmlKey }
    }

    /// The page rendered last at `path` when it was rendered from the same template inputs (`key`).
    func renderedPage(_ path: String, key: String) -> Data? {
        lock.withLock { pages[path].flatMap { $0.key == key ? $0.data : nil } }
    }

    /// Keeps this build's pages with their template inputs for the next build (which forgets the others).
    func rememberRenderedPages(_ rendered: [(path: String, key: String, data: Data)]) {
        lock.withLock {
            current.reusedPages += rendered.count { pages[$0.path]?.key == $0.key }
            current.renderedPages = (current.renderedPages + rendered.filter { pages[$0.path]?.key != $0.key }.map(\.path)).sorted()
            for page in rendered { nextPages[page.path] = (page.key, page.data) }
        }
    }

    /// The templates loaded last from files with the fingerprint `key`, with the diagnostics of loading them.
    func loadedTemplates(_ key: Int) -> (TemplateSet?, [Diagnostic])? {
        lock.withLock { templates.flatMap { $0.key == key ? $0.loaded : nil } }
    }

    func rememberLoadedTemplates(_ key: Int, _ loaded: (TemplateSet?, [Diagnostic])) {
        lock.withLock { templates = (key, loaded) }
    }

    func templateCheck(_ step: String, key: String) -> [Diagnostic]? {
        lock.withLock { templateChecks[step].flatMap { $0.key == key ? $0.diagnostics : nil } }
    }

    func rememberTemplateCheck(_ step: String, key: String, _ diagnostics: [Diagnostic]) {
        lock.withLock { templateChecks[step] = (key, diagnostics) }
    }

    /// Starts the search step: the kept search entries hold only for the same synonym names.
    func beginSearch(names: SearchTokenizer.SynonymNames) {
        lock.withLock {
            if searchNames != names { searchEntries = [:] }
            searchNames = names
        }
    }

    /// The search document and terms of a note whose parse was reused, as the last build made them for
    /// the same text and URL (a `PageRefresh` may have parsed the new text since).
    func searchEntry(_ page: Page) -> (SearchDocument, DocumentTerms)? {
        guard page.reuse.parsed, let known = lock.withLock({ searchEntries[page.sourcePath] }), known.url == page.url,
              known.text == page.text
        else { return nil }
        return (known.document, known.terms)
    }

    func rememberSearchEntries(_ pages: [Page], _ entries: [(SearchDocument, DocumentTerms)]) {
        var kept: [String: (text: String, url: String, document: SearchDocument, terms: DocumentTerms)] = [:]
        for (page, entry) in zip(pages, entries) { kept[page.sourcePath] = (page.text, page.url, entry.0, entry.1) }
        lock.withLock { searchEntries = kept }
    }

    /// Drops the notes that are no longer in the site.
    func keepOnly(_ pages: [Page]) {
        let present = Set(pages.map(\.sourcePath))
        lock.withLock {
            parsed = parsed.filter { present.contains($0.key) }
            bodies = bodies.filter { present.contains($0.key) }
        }
    }
}

extension Page {
    /// Takes the final body rendered before (with its typeset table of contents and questions).
    mutating func reuse(_ body: NoteArtifactStore.Body) {
        bodyHTML = body.html
        toc = body.toc
        questions = body.questions
        diagnostics += body.diagnostics
        reuse.body = true
    }
}

/// What of a page came from a `NoteArtifactStore`.
public struct ArtifactReuse: Sendable {
    /// The parsing steps' results were reused (the steps leave the page alone).
    public var parsed = false
    /// The final body HTML was reused (rendering and typesetting leave the page alone).
    public var body = false
    /// How many diagnostics reading the note and splitting its front matter made.
    var splitDiagnostics = 0
    /// Where the parsing steps' diagnostics are in `Page.diagnostics`.
    var parsedDiagnostics = 0..<0
    /// Where the body's diagnostics start in `Page.diagnostics`.
    var bodyDiagnostics = 0
    /// Every link of the body with what it resolved to, for reusing the body only when none changed.
    var linkResolutions = ""
    /// The hash of the link table the body was rendered with.
    var linkTable = 0
    /// A hash of the tree after the topics step (0: none).
    var topicDocumentHash = 0
    /// With an artifact store: the tree before the topics step linked it, and where the topics step's
    /// diagnostics are. A reused note is linked again against the site as it is then, so the store keeps
    /// neither the linked tree nor those diagnostics.
    var documentBeforeTopics: MarkdownNode?
    var topicDiagnostics = 0..<0
}

extension BuildStep {
    /// Takes the parsed notes that did not change from `context.artifacts` (nothing without a store).
    public static let reuseParsedNotes = BuildStep("reuse notes") { context in
        guard let store = context.artifacts else { return }
        context.pages = context.pages.parallelMap { page in
            if let reused = store.reuseParsed(page) { return reused }
            var page = page
            page.reuse.parsedDiagnostics = page.diagnostics.count..<page.diagnostics.count
            return page
        }
    }

    /// Keeps the notes parsed in this build in `context.artifacts`.
    public static let rememberParsedNotes = BuildStep("remember notes", perBatch: true) { context in
        guard let store = context.artifacts else { return }
        store.keepOnly(context.pages)
        store.rememberParsed(context.pages)
    }

    /// Keeps the bodies rendered in this build in `context.artifacts`.
    public static let rememberBodies = BuildStep("remember bodies", perBatch: true) { context in
        context.artifacts?.rememberBodies(context.pages)
    }
}
