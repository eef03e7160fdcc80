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
        // Occurrences by term number, pages ascending.
        var numbers: [SearchTokenizer.Term: Int] = [:]
        var names: [SearchTokenizer.Term] = []
        var found: [[(page: Int32, occurrences: DocumentTerms.Occurrences)]] = []
        for (page, document) in terms.enumerated() {
            for (term, occurrences) in document.terms {
                let number: Int
                if let known = numbers[term] {
                    number = known
                } else {
                    number = names.count
                    numbers[term] = number
                    names.append(term)
                    found.append([])
                }
                found[number].append((Int32(page), occurrences))
            }
        }
        let count = Float(max(terms.count, 1))
        let norms = Self.norms(lengths: terms.map(\.length), totalLength: terms.reduce(0) { $0 + $1.length })
        var scores: [[Float]] = []
        scores.reserveCapacity(found.count)
        var highest: Float = 0
        for list in found {
            let idf = Self.idf(documentFrequency: list.count, pages: count)
            scores.append(list.map { page, o in
                let score = Self.score(o, idf: idf, norm: norms[Int(page)], weights: weights)
                highest = max(highest, score)
                return score
            })
        }
        let scale = Self.scale(highest: highest)
        var postings: [String: [(page: Int, impact: UInt8)]] = [:]
        postings.reserveCapacity(names.count)
        for (number, name) in names.enumerated() {
            postings[name.string] = zip(found[number], scores[number]).map { entry, score in
                (Int(entry.page), Self.impact(score, scale: scale))
            }
        }
        self.postings = postings
    }

    /// Each page's BM25 length normalisation, from the pages' lengths.
    static func norms(lengths: [Int], totalLength: Int) -> [Float] {
        let count = Float(max(lengths.count, 1))
        let averageLength = max(1, Float(totalLength) / count)
        return lengths.map { Self.k1 * (1 - Self.b + Self.b * Float($0) / averageLength) }
    }

    static func idf(documentFrequency: Int, pages count: Float) -> Float {
        let df = Float(documentFrequency)
        return log(1 + (count - df + 0.5) / (df + 0.5))
    }

    /// A page's score for a term (see `FieldWeights`).
    @inline(__always)
    static func score(_ o: DocumentTerms.Occurrences, idf: Float, norm: Float, weights: FieldWeights) -> Float {
        let title = o.inTitle ? weights.title : 0
        let headings = weights.headings * o.headings / (o.headings + 1)
        let text = o.text * (Self.k1 + 1) / (o.text + norm)
        return idf * (title + headings + text)
    }

    /// What multiplies scores into impacts: the highest score becomes 255.
    static func scale(highest: Float) -> Float { highest > 0 ? 255 / highest : 0 }

    @inline(__always)
    static func impact(_ score: Float, scale: Float) -> UInt8 {
        UInt8(max(1, min(255, (score * scale).rounded())))
    }

    /// The terms in index order: UTF-16 code units, as JavaScript compares strings.
    public var sortedTerms: [String] {
        postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }
}
