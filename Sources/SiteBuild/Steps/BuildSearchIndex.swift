import Foundation
import SiteCore
import SiteMarkdown
import SiteSearch

extension BuildStep {
    /// Writes the static search index into `search/` (see docs/search.md); the topics' names and aliases
    /// are its synonyms.
    public static let buildSearchIndex = searchIndex(synonyms: { $0.topics.searchSynonyms })

    /// The search step, expanding queries with the synonym groups `synonyms` gives for the build
    /// (the topic registry's aliases).
    public static func searchIndex(synonyms: @escaping @Sendable (BuildContext) -> SearchSynonyms) -> BuildStep {
        BuildStep("search index") { context in
            let base = context.config.basePath
            let synonyms = synonyms(context)
            let names = synonyms.names
            let store = context.artifacts
            store?.beginSearch(names: names)
            let files: [String: Data]
            if let store {
                // With an artifact store, the index is updated for what changed rather than made again.
                let pages = context.pages.filter(\.isNote)
                let indexed = pages.parallelMap { page in
                    if let known = store.searchEntry(page) { return known }
                    let document = document(of: page, basePath: base)
                    return (document, DocumentTerms(document, names: names))
                }
                store.rememberSearchEntries(pages, indexed)
                files = store.searchIndex.files(documents: indexed.map(\.0), terms: indexed.map(\.1), synonyms: synonyms)
            } else {
                files = try pagesApart(&context, names: names, synonyms: synonyms)
            }
            for (path, data) in files { context.outputFiles["search/" + path] = data }
        }
    }
}

extension BuildStep {
    /// How many pages' term tables `searchIndex` holds at a time.
    static let termBatch = 256

    /// The search document of a note: made when its body was finished, kept in the note cache, or made now.
    fileprivate static func document(of page: Page, basePath: String) -> SearchDocument {
        page.searchDocument ?? page.cachedNote.map { $0.search.at(page.url, basePath: basePath) }
            ?? SearchDocument(page: page, basePath: basePath)
    }

    /// The index made page by page, the term shards and manifest returned: each note's page file is written
    /// (streamed into the staging folder, or kept in `outputFiles`) and its search document and term table let
    /// go as soon as the page is counted, so that a large site never holds every page's file, document and
    /// table at once (together they were the build's peak of memory).
    fileprivate static func pagesApart(_ context: inout BuildContext, names: SearchTokenizer.SynonymNames,
                                       synonyms: SearchSynonyms) throws -> [String: Data] {
        let base = context.config.basePath
        let notes = context.pages.indices.filter { context.pages[$0].isNote }
        let staging = context.streamsPages ? context.stagingURL.appendingPathComponent("search", isDirectory: true) : nil
        let fileSystem = context.fileSystem
        let output = context.displayPath(context.outputURL)
        if let staging {  // once, rather than a failed write per page (one that still fails is an error of its own)
            try? fileSystem.createFolder(staging)
            try? fileSystem.createFolder(staging.appendingPathComponent("p", isDirectory: true))
        }
        /// A page file made: its bytes when kept rather than streamed, or why it could not be written.
        struct PageFile: Sendable {
            var path: String
            var digest: [UInt8]
            var kept: Data?
            var failure: Diagnostic?
        }
        var occurrences = SearchIndex.Occurrences()
        var digests: [(path: String, digest: [UInt8])] = []
        digests.reserveCapacity(notes.count)
        var failed = false
        for start in stride(from: 0, to: notes.count, by: termBatch) {
            let batch = start..<min(start + termBatch, notes.count)
            let pages = batch.map { (number: $0, page: context.pages[notes[$0]]) }
            for n in batch { context.pages[notes[n]].searchDocument = nil }
            let made = pages.parallelMap { number, page -> (DocumentTerms, PageFile?) in
                let document = document(of: page, basePath: base)
                let terms = DocumentTerms(document, names: names)
                guard let data = SearchIndex.pageFile(document) else { return (terms, nil) }
                var file = PageFile(path: SearchIndex.pagePath(number), digest: ContentHash.sha256(Array(data)))
                guard let staging else {
                    file.kept = data
                    return (terms, file)
                }
                do {
                    try fileSystem.write(data, staging.appendingPathComponent(file.path))
                } catch {
                    file.failure = .error("cannot write '\(output)/search/\(file.path)': \(FileSystem.reason(for: error))", code: "output-write")
                }
                return (terms, file)
            }
            for (terms, file) in made {
                occurrences.add(terms)
                guard let file else { continue }
                if let failure = file.failure {
                    context.diagnostics.append(failure)
                    failed = true
                }
                digests.append((file.path, file.digest))
                if let data = file.kept { context.outputFiles["search/" + file.path] = data } else { context.streamedFiles.insert("search/" + file.path) }
            }
        }
        guard !failed else { throw BuildAbort(step: "search index") }
        let index = SearchIndex(documents: [], occurrences: consume occurrences, synonyms: synonyms)
        // The occurrences are gone: their pages go back before the shards and the files written after them.
        FreedMemory.returnToSystem()
        return index.termFiles(pageDigests: digests, pages: notes.count)
    }
}

extension SearchDocument {
    /// The same document for the page at `url`.
    func at(_ url: String, basePath: String) -> SearchDocument {
        var moved = self
        moved.url = url.hasPrefix(basePath) ? String(url.dropFirst(basePath.count)) : url
        return moved
    }

    /// What search needs from a parsed page: its text cut at every heading, formulas left out (each shows
    /// as `⋯`), raw HTML dropped, code blocks kept apart. Depends on the page alone.
    init(page: Page, basePath: String) {
        var questionIDs: Set<String> = []
        func addQuestion(_ q: QuestionEntry) {
            questionIDs.insert(q.id)
            q.followUps.forEach(addQuestion)
        }
        page.questions.forEach(addQuestion)

        var sections = [Section(anchor: "", heading: "", text: "")]
        var headingIndex = 0
        func visit(_ node: MarkdownNode) {
            switch node.kind {
            case .heading:
                let id = headingIndex < page.headingIDs.count ? page.headingIDs[headingIndex] : ""
                defer { headingIndex += 1 }
                // A leading `# Title` lifted out of the content is the page title: its text stays at the top.
                if headingIndex == 0, page.liftedTitleHeading { return }
                sections.append(Section(anchor: id, heading: node.plainText.readableText, text: "",
                                        isQuestion: questionIDs.contains(id)))
            case .codeBlock(_, let literal, _):
                sections[sections.count - 1].code += literal + "\n"
            case .htmlBlock, .htmlInline:
                break
            case .text(let s), .code(let s):
                sections[sections.count - 1].text += s
            case .softBreak, .lineBreak:
                sections[sections.count - 1].text += " "
            default:
                node.children.forEach(visit)
                if node.isBlock { sections[sections.count - 1].text += " " }
            }
        }
        visit(page.document)
        for i in sections.indices { sections[i].text = sections[i].text.readableText }
        if sections[0].text.isEmpty, sections[0].code.isEmpty { sections.removeFirst() }
        let url = page.url.hasPrefix(basePath) ? String(page.url.dropFirst(basePath.count)) : page.url
        self.init(url: url, title: page.title, sections: sections)
    }
}
