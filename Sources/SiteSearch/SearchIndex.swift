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
    public private(set) var postings: [String: [(page: Int32, impact: UInt8)]]
    public var documents: [SearchDocument]
    /// The synonym groups the terms `~0`, `~1`, … stand for.
    public var synonyms: SearchSynonyms

    /// Indexes `documents` (page numbers are their positions); `terms[i]` must be `DocumentTerms(documents[i],
    /// names: synonyms.names)`. Scores are described at `FieldWeights`.
    public init(documents: [SearchDocument], terms: [DocumentTerms], synonyms: SearchSynonyms,
                weights: FieldWeights = FieldWeights()) {
        var occurrences = Occurrences()
        for page in terms { occurrences.add(page) }
        self.init(documents: documents, occurrences: consume occurrences, synonyms: synonyms, weights: weights)
    }

    /// Every page's terms gathered by term, page by page: a build counts each page's `DocumentTerms` in and
    /// lets it go, instead of holding every page's table until the index is made.
    public struct Occurrences: Sendable {
        fileprivate var numbers: [SearchTokenizer.Term: Int] = [:]
        fileprivate var names: [SearchTokenizer.Term] = []
        /// By term number: the pages that have the term, ascending, with its occurrences there.
        fileprivate var found: [[(page: Int32, occurrences: DocumentTerms.Occurrences)]] = []
        /// Each page's length (`DocumentTerms.length`), by page number.
        fileprivate var lengths: [Int] = []

        public init() {}

        /// Adds the next page's terms (its page number is the number of pages added before it).
        public mutating func add(_ terms: DocumentTerms) {
            let page = Int32(lengths.count)
            lengths.append(terms.length)
            for (term, occurrences) in terms.terms {
                let number: Int
                if let known = numbers[term] {
                    number = known
                } else {
                    number = names.count
                    numbers[term] = number
                    names.append(term)
                    found.append([])
                }
                found[number].append((page, occurrences))
            }
        }
    }

    /// Indexes `documents`, whose terms `occurrences` gathered in the same order. Each term's occurrences are
    /// let go as its postings are made (pass it with `consume`: a large site's occurrences and postings
    /// together were the search step's peak of memory). `documents` is empty when the page files are made
    /// apart (`pageFile`, `termFiles`).
    public init(documents: [SearchDocument], occurrences: consuming Occurrences, synonyms: SearchSynonyms,
                weights: FieldWeights = FieldWeights()) {
        self.documents = documents
        self.synonyms = synonyms
        let count = Float(max(occurrences.lengths.count, 1))
        let norms = Self.norms(lengths: occurrences.lengths, totalLength: occurrences.lengths.reduce(0, +))
        // Scores are computed twice, to scale and then to turn into impacts, rather than held for every posting.
        var highest: Float = 0
        for list in occurrences.found {
            let idf = Self.idf(documentFrequency: list.count, pages: count)
            for (page, o) in list { highest = max(highest, Self.score(o, idf: idf, norm: norms[Int(page)], weights: weights)) }
        }
        let scale = Self.scale(highest: highest)
        var postings: [String: [(page: Int32, impact: UInt8)]] = [:]
        postings.reserveCapacity(occurrences.names.count)
        for (number, name) in occurrences.names.enumerated() {
            let list = occurrences.found[number]
            occurrences.found[number] = []
            let idf = Self.idf(documentFrequency: list.count, pages: count)
            postings[name.string] = list.map { page, o in
                (page, Self.impact(Self.score(o, idf: idf, norm: norms[Int(page)], weights: weights), scale: scale))
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
