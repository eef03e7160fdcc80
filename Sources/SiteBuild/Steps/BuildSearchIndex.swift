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
            let pages = context.pages.filter(\.isNote)
            let entry: @Sendable (Page) -> (SearchDocument, DocumentTerms) = { page in
                if let known = store?.searchEntry(page) { return known }
                let document = page.searchDocument ?? page.cachedNote.map { $0.search.at(page.url, basePath: base) }
                    ?? SearchDocument(page: page, basePath: base)
                return (document, DocumentTerms(document, names: names))
            }
            let files: [String: Data]
            if let store {
                // With an artifact store, the index is updated for what changed rather than made again.
                let indexed = pages.parallelMap(entry)
                store.rememberSearchEntries(pages, indexed)
                files = store.searchIndex.files(documents: indexed.map(\.0), terms: indexed.map(\.1), synonyms: synonyms)
            } else {
                // Page by page, each page's term table let go once it is counted (a large site's tables
                // together were the build's peak of memory).
                var documents: [SearchDocument] = []
                documents.reserveCapacity(pages.count)
                var occurrences = SearchIndex.Occurrences()
                for start in stride(from: 0, to: pages.count, by: termBatch) {
                    for (document, terms) in Array(pages[start..<min(start + termBatch, pages.count)]).parallelMap(entry) {
                        documents.append(document)
                        occurrences.add(terms)
                    }
                }
                files = SearchIndex(documents: documents, occurrences: consume occurrences, synonyms: synonyms).files()
            }
            for (path, data) in files { context.outputFiles["search/" + path] = data }
        }
    }
}

extension BuildStep {
    /// How many pages' term tables `searchIndex` holds at a time.
    static let termBatch = 256
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
