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
    public internal(set) var postings: [String: [(page: Int32, impact: UInt8)]]
    public var documents: [SearchDocument]
    /// The synonym groups the terms `~0`, `~1`, … stand for.
    public var synonyms: SearchSynonyms

    /// Indexes `documents` (page numbers are their positions); `terms[i]` must be `DocumentTerms(documents[i],
    /// names: synonyms.names)`. Scores are described at `FieldWeights`.
    public init(documents: [SearchDocument], terms: [DocumentTerms], synonyms: SearchSynonyms,
                weights: FieldWeights = FieldWeights()) {
        var occurrences = Occurrences(weights: weights)
        for page in terms { occurrences.add(page) }
        self.init(documents: documents, occurrences: consume occurrences, synonyms: synonyms)
    }

    /// Every page's terms gathered by term, page by page: a build counts each page's `DocumentTerms` in and
    /// lets it go, instead of holding every page's table until the index is made.
    public struct Occurrences: Sendable {
        /// How the parts of a page count (`FieldWeights`): the title and headings are summed as pages are added.
        public let weights: FieldWeights
        fileprivate var numbers: [SearchTokenizer.Term: Int] = [:]
        fileprivate var names: [SearchTokenizer.Term] = []
        /// By term number: the pages that have the term, ascending, with its occurrences there.
        fileprivate var found: [[(page: Int32, tally: Tally)]] = []
        /// Each page's length (`DocumentTerms.length`), by page number.
        fileprivate var lengths: [Int] = []

        public init(weights: FieldWeights = FieldWeights()) {
            self.weights = weights
        }

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
                // A quarter more at a time rather than twice as many: these lists are most of what a large
                // site's index holds while it is made, and doubling left a third of them empty.
                if found[number].count == found[number].capacity {
                    found[number].reserveCapacity(found[number].count + found[number].count / 4 + 2)
                }
                found[number].append((page, Tally(occurrences, weights: weights)))
            }
        }
    }

    /// A page's occurrences of a term as `Occurrences` keeps them: what its score takes from the title and the
    /// headings already summed (12 bytes with the page number, rather than 16).
    struct Tally: Sendable {
        var titleAndHeadings: Float
        var text: Float

        init(_ occurrences: DocumentTerms.Occurrences, weights: FieldWeights) {
            titleAndHeadings = SearchIndex.titleAndHeadings(occurrences, weights: weights)
            text = occurrences.text
        }
    }

    /// Indexes `documents`, whose terms `occurrences` gathered in the same order. Each term's occurrences are
    /// let go as its postings are made (pass it with `consume`: a large site's occurrences and postings
    /// together were the search step's peak of memory). `documents` is empty when the page files are made
    /// apart (`pageFile`, `termFiles`).
    public init(documents: [SearchDocument], occurrences: consuming Occurrences, synonyms: SearchSynonyms) {
        self.documents = documents
        self.synonyms = synonyms
        let count = Float(max(occurrences.lengths.count, 1))
        let norms = Self.norms(lengths: occurrences.lengths, totalLength: occurrences.lengths.reduce(0, +))
        // Scores are computed twice, to scale and then to turn into impacts, rather than held for every posting.
        var highest: Float = 0
        for list in occurrences.found {
            let idf = Self.idf(documentFrequency: list.count, pages: count)
            for (page, tally) in list { highest = max(highest, Self.score(tally, idf: idf, norm: norms[Int(page)])) }
        }
        let scale = Self.scale(highest: highest)
        var postings: [String: [(page: Int32, impact: UInt8)]] = [:]
        postings.reserveCapacity(occurrences.names.count)
        for (number, name) in occurrences.names.enumerated() {
            let list = occurrences.found[number]
            occurrences.found[number] = []
            let idf = Self.idf(documentFrequency: list.count, pages: count)
            postings[name.string] = list.map { page, tally in
                (page, Self.impact(Self.score(tally, idf: idf, norm: norms[Int(page)]), scale: scale))
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
        score(titleAndHeadings: titleAndHeadings(o, weights: weights), text: o.text, idf: idf, norm: norm)
    }

    @inline(__always)
    static func score(_ tally: Tally, idf: Float, norm: Float) -> Float {
        score(titleAndHeadings: tally.titleAndHeadings, text: tally.text, idf: idf, norm: norm)
    }

    /// The part of a page's score for a term that does not depend on the other pages (before idf).
    @inline(__always)
    static func titleAndHeadings(_ o: DocumentTerms.Occurrences, weights: FieldWeights) -> Float {
        let title = o.inTitle ? weights.title : 0
        let headings = weights.headings * o.headings / (o.headings + 1)
        return title + headings
    }

    @inline(__always)
    private static func score(titleAndHeadings: Float, text occurrences: Float, idf: Float, norm: Float) -> Float {
        let text = occurrences * (Self.k1 + 1) / (occurrences + norm)
        return idf * (titleAndHeadings + text)
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
