import Foundation
import SiteCore

/// The static search index of a site: the files under `search/` that `templates/assets/search.js` reads.
///
/// Layout (see docs/search.md):
/// - `index.json`, the manifest: format, version, page count, the first term of every shard, synonym groups.
/// - `t/<n>.json`, term shards: `{"term": [page, impact, Δpage, impact, …]}` with terms sorted (UTF-16 order)
///   and cut into shards of about `shardBytes`, so a query loads only the shards of its terms.
/// - `p/<n>.json`, one per page: URL, title, and each section's anchor, heading and text for snippets.
///
/// Ranking happens here, at build time: each (term, page) pair carries one impact byte, the page's score
/// for the term (title, then question headings, headings, text, code: see `FieldWeights`), scaled to
/// 1…255. The client adds up the impacts of a query's terms.
public struct SearchIndex: Sendable {
    /// Format version in the manifest; the client refuses other versions.
    public static let format = 1
    /// BM25 saturation and length normalisation. `b` is low because exported notes are long pages on many
    /// topics, which full normalisation would push below short notes that mention a term once.
    public static let k1: Float = 1.2
    public static let b: Float = 0.3

    /// Term → postings (page number, impact 1…255), pages ascending.
    public private(set) var postings: [String: [(page: Int, impact: UInt8)]]
    public var documents: [SearchDocument]
    /// The synonym groups the terms `~0`, `~1`, … stand for.
    public var synonyms: SearchSynonyms

    /// Indexes `documents` (page numbers are their positions); `terms[i]` must be `DocumentTerms(documents[i],
    /// names: synonyms.names)`. Scores are described at `FieldWeights`.
    public init(documents: [SearchDocument], terms: [DocumentTerms], synonyms: SearchSynonyms,
                weights: FieldWeights = FieldWeights()) {
        self.documents = documents
        self.synonyms = synonyms
        var pagesByTerm: [String: [Int]] = [:]
        for (page, document) in terms.enumerated() {
            for term in document.titleTerms.union(document.headings.keys).union(document.frequencies.keys) {
                pagesByTerm[term, default: []].append(page)
            }
        }
        let count = Float(max(terms.count, 1))
        let averageLength = max(1, Float(terms.reduce(0) { $0 + $1.length }) / count)
        var scores: [String: [(page: Int, score: Float)]] = [:]
        var highest: Float = 0
        for (term, pages) in pagesByTerm {
            let df = Float(pages.count)
            let idf = log(1 + (count - df + 0.5) / (df + 0.5))
            scores[term] = pages.map { page in
                let document = terms[page]
                let title = document.titleTerms.contains(term) ? weights.title : 0
                let h = document.headings[term] ?? 0
                let tf = document.frequencies[term] ?? 0
                let norm = Self.k1 * (1 - Self.b + Self.b * Float(document.length) / averageLength)
                let score = idf * (title + weights.headings * h / (h + 1) + tf * (Self.k1 + 1) / (tf + norm))
                highest = max(highest, score)
                return (page, score)
            }
        }
        let scale = highest > 0 ? 255 / highest : 0
        postings = scores.mapValues { list in
            list.map { ($0.page, UInt8(max(1, min(255, ($0.score * scale).rounded())))) }
        }
    }

    /// The terms in index order: UTF-16 code units, as JavaScript compares strings.
    public var sortedTerms: [String] {
        postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }
}
