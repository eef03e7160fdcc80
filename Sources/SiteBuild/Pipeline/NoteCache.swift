import Foundation
import SiteCore
import SiteMath
import SiteSearch
import SiteTopics
import Tensor
import TensorScript

/// What `sitegen build` keeps of each note in `.sitegen-cache/notes/` so that an unchanged note is not
/// normalised, parsed or rendered again (see docs/incremental.md): the note's summary (what the rest of the
/// site needs from it) and its final body.
///
/// An entry's name is the SHA-256 of the note's bytes, its path, whether it is a folder's index page, its
/// navigation title and the build fingerprint (settings, topic registry, sitegen's, KaTeX's, Prism's and
/// the tensor kernel's versions). The summary holds whenever the name matches; the body and search
/// document hold only when the note's `siteInputs` (what its links and topic links resolve to) are also
/// unchanged, else the note is parsed again. An entry that cannot be read is ignored (the note is built
/// again and the entry rewritten).
public struct CachedNote: Sendable {
    /// A Markdown link or image of the note, for resolving it again against the site.
    struct Link: Sendable, Hashable {
        var destination: String
        var isImage: Bool
    }

    var title: String
    /// The first paragraph as plain text (`Page.description`).
    var description: String
    var headingIDs: [String]
    var toc: [TOCEntry]
    var questions: [QuestionEntry]
    var topicIDs: [String]
    var contentShowsTitle: Bool
    var liftedTitleHeading: Bool
    /// The detected or declared export format (`SourceFormat` raw value).
    var format: String
    var formulaCount: Int
    var exampleCount: Int
    var topics: NoteTopics
    var links: [Link]
    /// The hash of what the note's links, wikilinks and topic links resolved to (`Page.siteInputs`).
    var siteInputs: String
    /// The body HTML with formulas typeset.
    var bodyHTML: String
    var search: SearchDocument
    /// The diagnostics of everything after splitting the front matter, apart from those the site decides
    /// anew each build (duplicate questions).
    var diagnostics: [Diagnostic]

    static let formatVersion: UInt8 = 2
}

/// The on-disk note cache of one build: finds, reads, writes and prunes entries.
public final class NoteCache: @unchecked Sendable {
    public let directory: URL
    let fingerprint: String
    private let lock = NSLock()
    private var used: Set<String> = []
    private var counts = Statistics()

    /// How the build used the cache.
    public struct Statistics: Sendable, Hashable {
        /// Notes whose summary and body came from the cache.
        public var reused = 0
        /// Notes whose summary matched but whose links resolve differently now: parsed again.
        public var invalidated = 0
        /// Notes built (no entry, an unreadable one, or an invalidated one) and written to the cache.
        public var written = 0
        /// Entries that existed but could not be read (damaged, truncated, another format).
        public var damaged = 0
        /// Stale entries removed.
        public var pruned = 0
    }

    init(directory: URL, fingerprint: String) {
        self.directory = directory
        self.fingerprint = fingerprint
    }

    public var statistics: Statistics { lock.withLock { counts } }

    /// The entry name of `page` (read, with its index role and navigation title known).
    func key(for page: Page) -> String {
        ContentHash.sha256Hex(fingerprint, page.sourcePath, page.isIndex ? "index" : "note", page.navigationTitle ?? "\u{1}", page.text)
    }

    /// The entry's path (a string: `URL.appendingPathComponent` asks the file system whether it is a folder).
    private func path(_ key: String) -> String {
        directory.path + "/" + key + ".note"
    }

    /// The entry `key`, or nil when there is none or it cannot be read.
    func read(_ key: String) -> CachedNote? {
        lock.withLock { _ = used.insert(key) }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path(key), isDirectory: false)) else { return nil }
        do {
            var reader = try ArtifactReader(file: data, version: CachedNote.formatVersion)
            let note = try CachedNote(&reader)
            guard reader.isAtEnd else { throw ArtifactReader.Damaged() }
            return note
        } catch {
            lock.withLock { counts.damaged += 1 }
            return nil
        }
    }

    /// Writes the entry `key` (to a temporary name, then renamed); a failure only costs the next build time.
    /// Entries are not synced to disk: one torn by a crash fails its checksum and is built again.
    func write(_ note: CachedNote, key: String) {
        var writer = ArtifactWriter(capacity: note.bodyHTML.utf8.count + 16_384)
        note.encode(&writer)
        let target = path(key)
        let temporary = target + ".\(getpid())"
        do {
            try writeFile(writer.file(version: CachedNote.formatVersion), to: temporary, creatingFolder: true)
            guard rename(temporary, target) == 0 else { throw FileSystem.posixError(errno, path: target) }
            lock.withLock { counts.written += 1 }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    func count(reused: Int, invalidated: Int) {
        lock.withLock {
            counts.reused += reused
            counts.invalidated += invalidated
        }
    }

    /// Removes the entries this build did not use once there are more than twice as many as it used
    /// (a few edits' worth of old entries are kept, so switching back to an earlier state stays fast).
    func prune() {
        let fm = FileManager.default
        let used = lock.withLock { self.used }
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path), names.count > 2 * used.count + 16 else { return }
        var removed = 0
        for name in names where name.hasSuffix(".note") || name.contains(".note.") {
            let key = name.hasSuffix(".note") ? String(name.dropLast(5)) : ""
            guard !used.contains(key) else { continue }
            if (try? fm.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        lock.withLock { counts.pruned += removed }
    }
}

extension BuildContext {
    /// What changes a cached note besides its own bytes: the settings, the topic registry and the versions
    /// of sitegen, KaTeX, Prism and the tensor kernel.
    mutating func noteCacheFingerprint() -> String {
        let renderer = mathRenderer()
        var tools = "\(type(of: renderer)):\(renderer.mode)"
        if let katex = renderer as? KaTeXRenderer { tools += ":katex-\(katex.katexVersion):prism-\(katex.prismVersion ?? "none")" }
        let topicsFile = (try? Data(contentsOf: notesURL.appendingPathComponent(config.topicsFile))) ?? Data()
        return ContentHash.sha256Hex(
            NoteArtifactStore.fingerprint(of: config), config.language, config.topicLinks.rawValue, String(config.topicsBuiltIn),
            config.topicsFile, String(decoding: topicsFile, as: UTF8.self), tools, tensorKernelVersion, tensorScriptLanguageVersion,
            "note-cache-\(CachedNote.formatVersion)")
    }
}

extension Page {
    /// The page is a note that was read and parsed, or taken from the note cache.
    var isNote: Bool { protected != nil || cachedNote != nil }

    var formulaCount: Int { cachedNote?.formulaCount ?? releasedFormulaCount ?? protected?.spans.count ?? 0 }

    var exampleCount: Int { cachedNote?.exampleCount ?? examples.count }

    /// The export format the note was read as (`SourceFormat` raw value).
    var formatName: String { cachedNote?.format ?? normalized?.format.rawValue ?? "markdown" }

    /// The note's Markdown links and images, in order (from the tree as parsed, before topic links).
    var markdownLinks: [CachedNote.Link] {
        var links: [CachedNote.Link] = []
        document.walk { node in
            switch node.kind {
            case .link(let d, _): links.append(.init(destination: d, isImage: false))
            case .image(let d, _): links.append(.init(destination: d, isImage: true))
            default: break
            }
            return true
        }
        return links
    }

    /// Takes the summary and body of `note` (the note-cache entry of this very note).
    mutating func adopt(_ note: CachedNote) {
        title = note.title
        description = note.description
        headingIDs = note.headingIDs
        toc = note.toc
        questions = note.questions
        topicIDs = Set(note.topicIDs)
        contentShowsTitle = note.contentShowsTitle
        liftedTitleHeading = note.liftedTitleHeading
        bodyHTML = note.bodyHTML
        diagnostics += note.diagnostics
        reuse.parsed = true
        reuse.body = true
        cachedNote = note
    }

    /// Forgets what came from the note cache, back to the note as read (for parsing it again).
    mutating func dropCachedNote() {
        guard cachedNote != nil else { return }
        cachedNote = nil
        reuse.parsed = false
        reuse.body = false
        bodyHTML = ""
        (title, description, headingIDs, toc, questions, topicIDs) = ("", "", [], [], [], [])
        (contentShowsTitle, liftedTitleHeading) = (false, false)
        diagnostics.removeSubrange(reuse.splitDiagnostics...)
    }
}

extension BuildStep {
    /// Takes each unchanged note's summary and body from the note cache (`sitegen build` only: `sitegen
    /// serve` keeps its notes in memory).
    public static let readNoteCache = BuildStep("read note cache") { context in
        guard context.usesNoteCache, context.artifacts == nil else { return }
        let directory = BuildContext.resolve(context.config.cacheDirectory, against: context.root).appendingPathComponent("notes")
        let cache = NoteCache(directory: directory, fingerprint: context.noteCacheFingerprint())
        context.noteCache = cache
        context.pages = context.pages.parallelMap { page in
            guard !page.text.isEmpty || page.diagnostics.isEmpty else { return page }
            var page = page
            page.cacheKey = cache.key(for: page)
            if let note = cache.read(page.cacheKey) { page.adopt(note) }
            return page
        }
    }

    /// Writes the notes built in this build (of the batch, when there is one) to the note cache, and once
    /// the last are written prunes stale entries.
    public static let writeNoteCache = BuildStep("write note cache", perBatch: true) { context in
        guard let cache = context.noteCache else { return }
        guard !context.mathFellBackToBrowser else { return }
        let base = context.config.basePath
        let fresh = context.batchPages.map { context.pages[$0] }.filter { $0.protected != nil && $0.htmlSanitizer == nil && !$0.cacheKey.isEmpty }
        _ = fresh.parallelMap { page in
            let note = CachedNote(
                title: page.title, description: page.description, headingIDs: page.headingIDs, toc: page.toc, questions: page.questions,
                topicIDs: page.topicIDs.sorted(), contentShowsTitle: page.contentShowsTitle, liftedTitleHeading: page.liftedTitleHeading,
                format: page.formatName, formulaCount: page.formulaCount, exampleCount: page.examples.count,
                topics: page.topicSummary ?? .empty, links: page.sourceLinks, siteInputs: page.siteInputs,
                bodyHTML: page.bodyHTML, search: page.searchDocument ?? SearchDocument(page: page, basePath: base),
                diagnostics: page.diagnostics[page.reuse.splitDiagnostics...].filter { $0.code != BuildStep.duplicateQuestionCode })
            cache.write(note, key: page.cacheKey)
        }
        guard context.isLastBatch else { return }
        cache.prune()
        let stats = cache.statistics
        context.counters["notesCached"] = stats.reused
        context.counters["notesCacheInvalidated"] = stats.invalidated
        context.counters["notesCacheWritten"] = stats.written
        context.counters["notesCacheDamaged"] = stats.damaged
    }
}

extension CachedNote {
    func encode(_ w: inout ArtifactWriter) {
        w.string(title)
        w.string(description)
        w.array(headingIDs) { $0.string($1) }
        w.array(toc) { w, e in
            w.string(e.id); w.string(e.text); w.string(e.html); w.int(e.level); w.int(e.depth)
        }
        w.array(questions, Self.encodeQuestion)
        w.array(topicIDs) { $0.string($1) }
        w.bool(contentShowsTitle)
        w.bool(liftedTitleHeading)
        w.string(format)
        w.int(formulaCount)
        w.int(exampleCount)
        w.array(topics.sections) { w, s in
            w.string(s.anchor); w.string(s.heading); w.bool(s.isQuestion); w.int(s.line); w.string(s.excerpt)
            w.array(s.topics) { w, h in w.int(h.topic); w.bool(h.inHeading); w.int(h.mentions) }
        }
        w.array(topics.links) { w, l in
            switch l.target {
            case .destination(let d):
                w.bool(false); w.string(d)
            case .wikilink(let k):
                w.bool(true); w.string(k.target); w.optional(k.heading); w.optional(k.label); w.int(k.range.lowerBound); w.int(k.range.upperBound)
            }
            w.int(l.section); w.int(l.line)
        }
        w.array(links) { w, l in w.string(l.destination); w.bool(l.isImage) }
        w.string(siteInputs)
        w.string(bodyHTML)
        w.string(search.url)
        w.string(search.title)
        w.array(search.sections) { w, s in
            w.string(s.anchor); w.string(s.heading); w.string(s.text); w.string(s.code); w.bool(s.isQuestion)
        }
        w.array(diagnostics) { $0.diagnostic($1) }
    }

    private static func encodeQuestion(_ w: inout ArtifactWriter, _ q: QuestionEntry) {
        w.string(q.id); w.string(q.title); w.string(q.html); w.string(q.label); w.int(q.sourceLine)
        w.array(q.followUps, encodeQuestion)
    }

    init(_ r: inout ArtifactReader) throws {
        title = try r.string()
        description = try r.string()
        headingIDs = try r.array { try $0.string() }
        toc = try r.array { r in
            TOCEntry(id: try r.string(), text: try r.string(), html: try r.string(), level: try r.int(), depth: try r.int())
        }
        questions = try r.array(Self.decodeQuestion)
        topicIDs = try r.array { try $0.string() }
        contentShowsTitle = try r.bool()
        liftedTitleHeading = try r.bool()
        format = try r.string()
        formulaCount = try r.int()
        exampleCount = try r.int()
        let sections = try r.array { r in
            NoteTopics.Section(anchor: try r.string(), heading: try r.string(), isQuestion: try r.bool(), line: try r.int(),
                               excerpt: try r.string(),
                               topics: try r.array { r in NoteTopics.Hit(topic: try r.int(), inHeading: try r.bool(), mentions: try r.int()) })
        }
        let topicLinks = try r.array { r -> NoteTopics.Link in
            let target: NoteTopics.Link.Target
            if try r.bool() {
                let name = try r.string(), heading = try r.optional(), label = try r.optional()
                let lower = try r.int(), upper = try r.int()
                guard lower <= upper else { throw ArtifactReader.Damaged() }
                target = .wikilink(Wikilink(target: name, heading: heading, label: label, range: lower..<upper))
            } else {
                target = .destination(try r.string())
            }
            return NoteTopics.Link(target: target, section: try r.int(), line: try r.int())
        }
        topics = NoteTopics(sections: sections, links: topicLinks)
        links = try r.array { r in Link(destination: try r.string(), isImage: try r.bool()) }
        siteInputs = try r.string()
        bodyHTML = try r.string()
        let url = try r.string(), searchTitle = try r.string()
        let searchSections = try r.array { r in
            SearchDocument.Section(anchor: try r.string(), heading: try r.string(), text: try r.string(), code: try r.string(),
                                   isQuestion: try r.bool())
        }
        search = SearchDocument(url: url, title: searchTitle, sections: searchSections)
        diagnostics = try r.array { try $0.diagnostic() }
    }

    private static func decodeQuestion(_ r: inout ArtifactReader) throws -> QuestionEntry {
        QuestionEntry(id: try r.string(), title: try r.string(), html: try r.string(), label: try r.string(), sourceLine: try r.int(),
                      followUps: try r.array(decodeQuestion))
    }
}
