import Foundation
import SiteCore
import SiteMarkdown
import SiteTopics

extension BuildStep {
    /// Reads the topic registry (with the first batch) and finds each note's topics, links and wikilinks: a
    /// pure summary of its sections (kept in the note cache), and the topic names in its texts (the memo),
    /// which `linkTrees` reuses instead of matching the texts again. A build of more than one batch lets each
    /// note's tree go here, and `linkTrees` parses the note again with its batch: holding every note's tree from
    /// parse until its batch was most of what a large site held.
    public static let summarizeTopics = BuildStep("topic summaries", perBatch: true) { context in
        if context.batch?.isFirst ?? true { context.topics = loadTopics(&context) }
        let registry = context.topics
        // With an artifact store (serve), notes that did not change keep their summaries and trees.
        let store = context.artifacts?.topics
        // A site of one batch holds all its trees at once anyway: it keeps them rather than parse again.
        let letsTreesGo = context.batch.map { !($0.isFirst && $0.isLast) } ?? false
        let recordsLinks = context.noteCache != nil
        if store != nil {
            for i in context.batchPages {
                context.pages[i].reuse.documentBeforeTopics = context.pages[i].document
                let start = context.pages[i].diagnostics.count
                context.pages[i].reuse.topicDiagnostics = start..<start  // closed by `linkTrees`
            }
        }
        context.updateBatchPages { page in
            var page = page
            let (summary, diagnostics, memo) = page.topicSummary(in: registry, store: store)
            page.topicSummary = summary
            page.diagnostics += diagnostics
            guard page.protected != nil else { return page }
            if recordsLinks { page.sourceLinks = page.markdownLinks }
            page.topicMemo = memo.packed()
            if letsTreesGo {
                page.document = MarkdownNode(.document)
                page.parsesAgain = true
            }
            return page
        }
        if let store {
            store.rememberSummaries(context.pages, context.pages.map { page in
                (page.topicSummary, Array(page.diagnostics[page.reuse.topicDiagnostics.lowerBound...]))
            })
        }
    }

    /// Joins the notes' topic summaries (topic pages, backlinks, questions also answered elsewhere,
    /// duplicates), resolves their links and wikilinks, and readies `linkTrees` (see docs/topics.md).
    public static let linkTopics = BuildStep("topics") { context in
        let registry = context.topics
        let base = context.config.basePath
        let links = LinkTable(context)
        context.linkTable = links
        context.linkTableHash = nil
        let store = context.artifacts?.topics

        var topicHasPage = Array(repeating: false, count: registry.topics.count)
        for page in context.pages {
            for section in page.topicSummary?.sections ?? [] { for hit in section.topics { topicHasPage[hit.topic] = true } }
        }
        let topicURLs = registry.topics.indices.map { topicHasPage[$0] ? base + "topics/\(registry.topics[$0].slug)/" : nil }
        let wikilinks = WikilinkTable(pages: context.pages, registry: registry, topicURLs: topicURLs, links: links)
        if store != nil { context.topicLinkTargets = (wikilinks, topicURLs) }

        // The joins over the summaries. What each link names is a pure function of the link and its note
        // (kept between builds with a store), worked out for the notes in parallel.
        let knownPaths = store?.linkedPaths ?? [:]
        let recordsPaths = store != nil
        let pages = context.pages
        let resolvedLinks: [(targets: [(section: Int, page: Int)], paths: [(String, LinkTable.LinkedPath?)])] =
            Array(pages.indices).parallelMap { i in
                let sourcePath = pages[i].sourcePath
                var targets: [(section: Int, page: Int)] = [], paths: [(String, LinkTable.LinkedPath?)] = []
                for link in pages[i].topicSummary?.links ?? [] {
                    let target: Int?
                    switch link.target {
                    case .destination(let destination):
                        let key = sourcePath + "\u{0}" + destination
                        let linked = knownPaths[key] ?? LinkTable.linkedPath(destination, from: sourcePath)
                        if recordsPaths { paths.append((key, linked)) }
                        target = linked.flatMap(links.page(at:))
                    case .wikilink(let wikilink): target = wikilinks.page(for: wikilink, from: i)
                    }
                    if let target { targets.append((link.section, target)) }
                }
                return (targets, paths)
            }
        var edges: [(from: TopicIndex.Place, to: Int)] = []
        var linkedPaths: [String: LinkTable.LinkedPath?] = [:]
        linkedPaths.reserveCapacity(knownPaths.count)
        for (i, resolved) in resolvedLinks.enumerated() {
            for (section, target) in resolved.targets { edges.append((TopicIndex.Place(page: i, section: section), target)) }
            for (key, linked) in resolved.paths { linkedPaths[key] = linked }
        }
        store?.linkedPaths = linkedPaths
        let notes = context.pages.map { $0.topicSummary ?? NoteTopics.empty }
        // With a store, the joins are made again only when what they read changed.
        let indexKey = store.map { _ in TopicIndex.inputsKey(topicCount: registry.topics.count, parents: registry.parents, notes: notes, links: edges) }
        let index = indexKey.flatMap { store?.index(key: $0) }
            ?? TopicIndex(topicCount: registry.topics.count, parents: registry.parents, notes: notes, links: edges)
        if let indexKey { store?.rememberIndex(index, key: indexKey) }
        context.topicIndex = index

        func link(_ place: TopicIndex.Place) -> PageLink {
            let section = notes[place.page].sections[place.section]
            return PageLink(title: context.pages[place.page].title,
                            url: context.pages[place.page].url + (section.anchor.isEmpty ? "" : "#" + section.anchor), detail: section.heading)
        }
        for i in context.pages.indices {
            context.pages[i].topicsOn = notes[i].topicLinks(registry: registry, topicURLs: topicURLs)
            context.pages[i].backlinks = index.backlinks[i].map(link)
        }
        for (question, others) in index.alsoAnswered {
            let line = notes[question.page].sections[question.section].line
            context.pages[question.page].alsoAnswered[line] = others.map { other in
                var entry = link(other)
                (entry.title, entry.detail) = (entry.detail, entry.title)  // the question first, then its note
                return entry
            }
        }
        if context.noteCache != nil { context.checkCachedNotes(links: links, wikilinks: wikilinks, topicURLs: topicURLs) }

        let linker = TopicLinker(matcher: registry.matcher, policy: context.config.topicLinks, topicURLs: topicURLs,
                                 topicNames: registry.topics.map(\.name))
        context.topicLinking = TopicLinking(linker: linker, wikilinks: wikilinks,
                                            reusesRewrites: store?.beginRewrites(topicURLs: topicURLs) ?? false)

        for (first, second) in index.duplicates {
            let a = context.pages[first.page], b = context.pages[second.page]
            let question = notes[second.page].sections[second.section]
            context.pages[second.page].diagnostics.append(.note(
                "question '\(question.heading)' is also asked in '\(a.displayPath)' (\(notes[first.page].sections[first.section].heading)); consider merging the answers",
                code: duplicateQuestionCode, at: b.location(line: max(question.line, 1), column: 1)))
        }
        context.counters["duplicateQuestions"] = index.duplicates.count
        context.counters["topicPages"] = topicHasPage.count { $0 }
    }

    /// Rewrites each note's tree with wikilinks and links to topic pages (parsing the note again when
    /// `summarizeTopics` let its tree go), with a warning for each wikilink that leads nowhere.
    public static let linkTrees = BuildStep("link trees", perBatch: true) { context in
        guard let linking = context.topicLinking else { throw BuildAbort(step: "link trees") }
        let store = context.artifacts?.topics
        let batchPages = context.batchPages
        // A few notes at a time, so that each parsed tree is let go as its linked tree takes its place (a
        // build in one round holds every note's tree).
        var start = 0
        while start < batchPages.count {
            let chunk = Array(batchPages[start..<min(start + rewriteBatch, batchPages.count)])
            let pages = chunk.map { ($0, context.pages[$0]) }
            let rewritten: [NoteTopicsStore.Rewrite?] = pages.parallelMap { i, page in
                guard page.protected != nil else { return nil }
                if linking.reusesRewrites, let known = store?.rewrite(page, resolve: { linking.wikilinks.resolve($0, from: i).recorded }) {
                    return known
                }
                var page = page
                if page.parsesAgain { page.document = page.parsedTree() }
                let rewrite = page.linkedTree(linker: linking.linker, memo: page.topicMemo ?? .init(), wikilinks: linking.wikilinks,
                                              index: i, hashes: store != nil)
                store?.remember(page, rewrite)
                return rewrite
            }
            for (i, rewrite) in zip(chunk, rewritten) {
                context.pages[i].topicMemo = nil
                guard let rewrite else { continue }
                context.pages[i].document = rewrite.document
                context.pages[i].parsesAgain = false
                context.pages[i].reuse.topicDocumentHash = rewrite.documentHash
                context.pages[i].diagnostics += rewrite.diagnostics
                context.counters["topicLinks", default: 0] += rewrite.topicLinks
                context.counters["wikilinks", default: 0] += rewrite.wikilinks
                context.counters["wikilinksUnresolved", default: 0] += rewrite.diagnostics.count
            }
            start += chunk.count
        }
        if store != nil {
            for i in batchPages {
                context.pages[i].reuse.topicDiagnostics = context.pages[i].reuse.topicDiagnostics.lowerBound..<context.pages[i].diagnostics.count
            }
        }
    }

    /// The topics step of `PageRefresh`, for the edited notes alone: each one's summary and linked tree
    /// as `linkTopics` makes them, against the last complete build's joins (`topicLinkTargets`); the
    /// backlinks and the questions answered elsewhere the refresh copied from that build's page stay.
    static let linkEditedNotes = BuildStep("topics") { context in
        guard let (wikilinks, topicURLs) = context.topicLinkTargets else { throw BuildAbort(step: "topics") }
        let registry = context.topics
        let linker = TopicLinker(matcher: registry.matcher, policy: context.config.topicLinks, topicURLs: topicURLs,
                                 topicNames: registry.topics.map(\.name))
        let store = context.artifacts?.topics
        for i in context.pages.indices where context.pages[i].protected != nil {
            var page = context.pages[i]
            guard let index = wikilinks.pages.firstIndex(where: { $0.sourcePath == page.sourcePath }) else { throw BuildAbort(step: "topics") }
            let start = page.diagnostics.count
            page.reuse.documentBeforeTopics = page.document
            let (summary, diagnostics, memo) = page.topicSummary(in: registry, store: store)
            page.topicSummary = summary
            page.diagnostics += diagnostics
            page.topicsOn = summary?.topicLinks(registry: registry, topicURLs: topicURLs) ?? []
            let lines = Set(summary?.sections.map(\.line) ?? [])
            page.alsoAnswered = page.alsoAnswered.filter { lines.contains($0.key) }
            let rewrite = page.linkedTree(linker: linker, memo: memo, wikilinks: wikilinks, index: index, hashes: true)
            page.document = rewrite.document
            page.reuse.topicDocumentHash = rewrite.documentHash
            page.diagnostics += rewrite.diagnostics
            page.reuse.topicDiagnostics = start..<page.diagnostics.count
            context.pages[i] = page
        }
    }

    static let duplicateQuestionCode = "question-duplicate"

    /// How many notes' trees `linkTopics` links at a time.
    static let rewriteBatch = 256

    /// What the topic work of a note depends on besides the note: the registry and the link policy.
    static func registryKey(_ registry: TopicRegistry, policy: SiteConfig.TopicLinks) -> Int {
        var hasher = Hasher()
        hasher.combine(registry.topics)
        hasher.combine("\(policy)")
        return hasher.finalize()
    }

    /// The registry: the built-in topics (unless `topics: {builtIn: false}`) with the notes folder's file.
    static func loadTopics(_ context: inout BuildContext) -> TopicRegistry {
        let file = context.config.topicsFile
        context.assets.removeAll { $0 == file }
        let url = context.notesURL.appendingPathComponent(file)
        let shownNotes = context.displayPath(context.notesURL)
        let shown = shownNotes.isEmpty ? file : "\(shownNotes)/\(file)"
        var site: (text: String, path: String)?
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                switch TextDecoding.utf8(try context.fileSystem.read(url), path: shown, code: "topics-encoding", consequence: "; its topics are left out") {
                case .success(let text): site = (text, shown)
                case .failure(let failure): context.diagnostics.append(failure.diagnostic)
                }
            } catch {
                context.diagnostics.append(.warning("cannot read the topic registry '\(shown)': \(FileSystem.reason(for: error)); its topics are left out",
                                                    code: "topics-unreadable", at: SourceLocation(path: shown, line: 1, column: 1)))
            }
        }
        // With an artifact store, the registry is loaded again only when its sources changed.
        let (registry, diagnostics) = context.artifacts?.topics.registry(builtIn: context.config.topicsBuiltIn, site: site,
                                                                         policy: context.config.topicLinks)
            ?? TopicRegistryLoader.load(builtIn: context.config.topicsBuiltIn, site: site)
        context.diagnostics += diagnostics
        return registry
    }
}

extension BuildContext {
    /// Finds what each note's links, wikilinks and topic links resolve to (`Page.siteInputs`), and parses
    /// again the notes taken from the note cache whose body was rendered against other resolutions.
    mutating func checkCachedNotes(links: LinkTable, wikilinks: WikilinkTable, topicURLs: [String?]) {
        let topicURLsKey = ContentHash.sha256Hex(topicURLs.map { $0 ?? "" }.joined(separator: "\u{1}"))
        let config = config
        let registry = topics
        let pages = pages
        let checked: [Page] = pages.indices.map { $0 }.parallelMap { i in
            var page = pages[i]
            guard page.isNote else { return page }
            if let cached = page.cachedNote { page.sourceLinks = cached.links }
            page.siteInputs = page.siteInputs(links: links, wikilinks: wikilinks, index: i, topicURLsKey: topicURLsKey)
            guard let cached = page.cachedNote, cached.siteInputs != page.siteInputs else { return page }
            page.dropCachedNote()
            page.normalize(forcedFormats: config.formats)
            page.protectMath(siteMacros: config.mathMacros, marksLost: config.mathMarksLost)
            page.parse(followUpLabel: BuildStep.followUpLabel(config))
            page.diagnostics += page.declaredTopics(in: registry).1
            return page
        }
        let reused = checked.count { $0.cachedNote != nil }
        let invalidated = zip(pages, checked).count { $0.cachedNote != nil && $1.cachedNote == nil }
        noteCache?.count(reused: reused, invalidated: invalidated)
        self.pages = checked
    }
}

extension Page {
    /// The note's topic summary (from the note cache or `store` when they hold it), the diagnostics of
    /// making it, and the topic names found in its texts (for `linkedTree`).
    func topicSummary(in registry: TopicRegistry, store: NoteTopicsStore?) -> (NoteTopics?, [Diagnostic], TopicMatcher.Memo) {
        if let cached = cachedNote { return (cached.topics, [], .init()) }
        guard protected != nil else { return (nil, [], .init()) }
        if let (summary, diagnostics) = store?.summary(self) { return (summary, diagnostics, .init()) }
        let (declared, diagnostics) = declaredTopics(in: registry)
        var memo = TopicMatcher.Memo()
        let summary = NoteTopics(document: document, headingIDs: headingIDs, questionIDs: questionIDs,
                                 title: title, skipsFirstHeading: liftedTitleHeading, declaredTopics: declared,
                                 matcher: registry.matcher, memo: &memo)
        return (summary, diagnostics, memo)
    }

    /// The note's tree with wikilinks and topic links (the note is `wikilinks.pages[index]`), with a warning
    /// for each wikilink that leads nowhere; `hashes`: with the tree's hash (for an artifact store).
    func linkedTree(linker: TopicLinker, memo: TopicMatcher.Memo, wikilinks: WikilinkTable, index: Int, hashes: Bool)
        -> NoteTopicsStore.Rewrite
    {
        var resolutions: [(wikilink: Wikilink, resolution: String)] = []
        let result = linker.rewrite(document, memo: memo) { wikilink in
            let resolution = wikilinks.resolve(wikilink, from: index)
            resolutions.append((wikilink, resolution.recorded))
            return resolution
        }
        let diagnostics = result.unresolved.map { wikilink, line, problem in
            Diagnostic.warning("[[\(wikilink.target)\(wikilink.heading.map { "#" + $0 } ?? "")]] leads nowhere: \(problem); it shows as a missing link",
                               code: "wikilink-unresolved", at: wikilinkLocation(wikilink, line: line))
        }
        return NoteTopicsStore.Rewrite(document: result.document, documentHash: hashes ? result.document.hashValue : 0,
                                       diagnostics: diagnostics, topicLinks: result.topicLinks, wikilinks: result.wikilinks,
                                       resolutions: resolutions)
    }

    /// The topics the front matter names, by index in `registry`, with a warning for each name it lacks.
    func declaredTopics(in registry: TopicRegistry) -> ([Int], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var declared: [Int] = []
        for name in frontMatter.topics {
            if let topic = registry.topic(named: name) { declared.append(topic) } else {
                diagnostics.append(.warning("front matter names topic '\(name)', which is not in the topic registry; add it to topics.yml or correct the name",
                                            code: "topic-unknown", at: frontMatter.valueLocations["topics"]))
            }
        }
        return (declared, diagnostics)
    }

    /// The hash of what the body depends on outside the note: where its links and images resolve (or
    /// the warnings they give), which topics have pages, where its wikilinks lead, and the questions other
    /// notes also answer.
    func siteInputs(links: LinkTable, wikilinks: WikilinkTable, index: Int, topicURLsKey: String) -> String {
        var text = ""
        for link in sourceLinks {
            let resolved = links.resolve(link.destination, from: self, isImage: link.isImage)
            text += "\(link.isImage)\u{1}\(link.destination)\u{1}\(resolved.url ?? "")\u{1}\(resolved.problem?.message ?? "")\u{0}"
        }
        text += "\u{2}" + topicURLsKey
        for link in topicSummary?.links ?? [] {
            guard case .wikilink(let wikilink) = link.target else { continue }
            let resolved = wikilinks.resolve(wikilink, from: index)
            text += "\u{1}\(resolved.url ?? "")\u{1}\(resolved.topic ?? -1)\u{1}\(resolved.problem ?? "")\u{0}"
        }
        text += "\u{2}"
        for line in alsoAnswered.keys.sorted() {
            for other in alsoAnswered[line] ?? [] { text += "\(line)\u{1}\(other.title)\u{1}\(other.url)\u{1}\(other.detail)\u{0}" }
        }
        return ContentHash.sha256Hex(text)
    }

    /// The ids of the headings that are questions (follow-ups included).
    var questionIDs: Set<String> {
        var ids: Set<String> = []
        func add(_ q: QuestionEntry) {
            if !q.id.isEmpty { ids.insert(q.id) }
            q.followUps.forEach(add)
        }
        questions.forEach(add)
        return ids
    }

    /// Where a wikilink is: its paragraph's line, and the column where `[[` and its target are on that line.
    func wikilinkLocation(_ wikilink: Wikilink, line: Int) -> SourceLocation {
        let lines = protected?.text.sourceLines ?? []
        var column = 1
        if line >= 1, line <= lines.count, let found = lines[line - 1].range(of: "[[" + wikilink.target) {
            column = lines[line - 1].unicodeScalars.distance(from: lines[line - 1].unicodeScalars.startIndex, to: found.lowerBound) + 1
        }
        return location(line: max(line, 1), column: column)
    }
}

extension NoteTopics {
    /// Links to the pages of the topics the note is on (`strongTopics`), those that have one.
    func topicLinks(registry: TopicRegistry, topicURLs: [String?]) -> [PageLink] {
        strongTopics.compactMap { t in topicURLs[t].map { PageLink(title: registry.topics[t].name, url: $0) } }
    }

    static let empty = NoteTopics(document: MarkdownNode(.document), headingIDs: [], questionIDs: [], title: "",
                                  skipsFirstHeading: false, declaredTopics: [], matcher: TopicRegistry.empty.matcher)
}

/// What the topics step's joins give `linkTrees`: the linker, which knows each topic's page, the wikilink
/// table, and whether an artifact store's rewrites from the last build still hold.
struct TopicLinking: Sendable {
    var linker: TopicLinker
    var wikilinks: WikilinkTable
    var reusesRewrites: Bool
}

/// What `[[wikilinks]]` can name: a note by path (`基础/激活函数`), file name (`激活函数`) or title, with a
/// heading (`[[激活函数#Sigmoid]]`); or a topic by name or alias. Notes come first.
struct WikilinkTable: Sendable {
    /// What a wikilink needs of a page: the table outlives the step in serve, and holds no trees.
    struct Target: Sendable {
        var sourcePath: String
        var displayPath: String
        var section: String?
        var url: String
        var headingIDs: [String]
    }

    let pages: [Target]
    let registry: TopicRegistry
    let topicURLs: [String?]
    let links: LinkTable
    private var byStem: [String: [Int]] = [:]
    private var byTitle: [String: [Int]] = [:]
    private var byPath: [String: Int] = [:]

    init(pages: [Page], registry: TopicRegistry, topicURLs: [String?], links: LinkTable) {
        self.pages = pages.map { Target(sourcePath: $0.sourcePath, displayPath: $0.displayPath, section: $0.section, url: $0.url, headingIDs: $0.headingIDs) }
        self.registry = registry
        self.topicURLs = topicURLs
        self.links = links
        for (i, page) in pages.enumerated() where page.isNote {
            let path = page.sourcePath
            let stem = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? path
            byPath[stem.lowercased()] = i
            byPath[path.lowercased()] = i
            byStem[String(stem.split(separator: "/").last ?? "").lowercased(), default: []].append(i)
            if !page.title.isEmpty { byTitle[page.title.lowercased(), default: []].append(i) }
        }
    }

    /// The note a wikilink names, if any.
    func page(for wikilink: Wikilink, from source: Int) -> Int? {
        if wikilink.target.isEmpty { return source }
        let key = wikilink.target.lowercased()
        let folder = pages[source].section.map { $0.lowercased() + "/" } ?? ""
        if let i = byPath[LinkTable.normalise(folder + key)] ?? byPath[LinkTable.normalise(key)] { return i }
        for candidates in [byStem[key], byTitle[key]] {
            guard let candidates else { continue }
            return candidates.first { pages[$0].section == pages[source].section } ?? candidates.first
        }
        return nil
    }

    func resolve(_ wikilink: Wikilink, from source: Int) -> TopicLinker.Resolution {
        if let i = page(for: wikilink, from: source) {
            let page = pages[i]
            guard let heading = wikilink.heading, !heading.isEmpty else { return .init(url: page.url) }
            let anchors = Set(page.headingIDs)
            for candidate in [heading, HeadingAnchors.slug(heading)] where anchors.contains(candidate) {
                return .init(url: page.url + "#" + candidate)
            }
            let name = i == source ? "this page" : "'\(page.displayPath)'"
            return .init(url: nil, problem: "\(name) has no heading '\(heading)'")
        }
        if let topic = registry.topic(named: wikilink.target) {
            guard let url = topicURLs[topic] else {
                return .init(url: nil, problem: "topic '\(registry.topics[topic].name)' has no page (no note is on it)")
            }
            return .init(url: url, topic: topic)
        }
        return .init(url: nil, problem: "no note or topic is named '\(wikilink.target)'")
    }
}
