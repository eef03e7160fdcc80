import Foundation
import SiteCore

/// The search index kept between the builds of one process (`sitegen serve`), so a rebuild redoes only
/// what its changed pages touch: the merged postings lose an edited page's old terms and gain its new
/// ones, and only the term entries whose impacts changed, the shards holding them and the changed pages'
/// files are encoded again. Scores are recomputed for every posting (they depend on the whole site
/// through idf, the average page length and the highest score), which is cheap next to encoding.
///
/// `files` gives byte for byte what `SearchIndex(documents:terms:synonyms:).files(shardBytes:)` gives.
/// Not for concurrent use.
public final class SearchIndexUpdater: @unchecked Sendable {
    typealias Term = SearchTokenizer.Term

    private struct TermState {
        var string: String
        /// Pages ascending.
        var postings: [(page: Int32, occurrences: DocumentTerms.Occurrences)] = []
        var impacts: [UInt8] = []
        /// `"term":[…]`, or empty when it must be encoded again.
        var entry: [UInt8] = []
    }

    private struct ShardFile {
        var key: String
        /// The first and last term, and how many: with no term between them new, the same terms.
        var first: Term
        var last: Term
        var count: Int
        var data: Data
        var digest: [UInt8]
    }

    private var synonyms: SearchSynonyms?
    private var shardBytes = 0
    private var weights = FieldWeights()
    private var documents: [SearchDocument] = []
    private var lengths: [Int] = []
    private var totalLength = 0
    private var pageFiles: [(data: Data?, digest: [UInt8])] = []
    /// The terms of each page.
    private var pageTerms: [[Term]] = []
    private var states: [Term: TermState] = [:]
    /// The terms in index order (UTF-16 order of their strings).
    private var sorted: [Term] = []
    private var shards: [ShardFile] = []

    public init() {}

    /// How many pages and shards the last call encoded again.
    public private(set) var lastUpdate = (pages: 0, shards: 0)

    /// The index files of `documents` (page numbers are their positions); `terms[i]` must be
    /// `DocumentTerms(documents[i], names: synonyms.names)`.
    public func files(documents: [SearchDocument], terms: [DocumentTerms], synonyms: SearchSynonyms,
                      weights: FieldWeights = FieldWeights(), shardBytes: Int = SearchIndex.defaultShardBytes) -> [String: Data] {
        if synonyms != self.synonyms || shardBytes != self.shardBytes || weights != self.weights
            || documents.count != self.documents.count
        {
            reset()
            self.synonyms = synonyms
            self.shardBytes = shardBytes
            self.weights = weights
            lengths = Array(repeating: 0, count: documents.count)
            pageFiles = Array(repeating: (nil, []), count: documents.count)
            pageTerms = Array(repeating: [], count: documents.count)
        }
        let changed = documents.indices.filter { $0 >= self.documents.count || self.documents[$0] != documents[$0] }
        var touched: Set<Term> = []
        var added: [Term] = []
        for p in changed {
            let page = Int32(p)
            for term in pageTerms[p] {
                if let at = states[term].flatMap({ Self.position(of: page, in: $0.postings) }), states[term]!.postings[at].page == page {
                    states[term]!.postings.remove(at: at)
                }
                touched.insert(term)
            }
            for (term, occurrences) in terms[p].terms {
                if states[term] == nil {
                    states[term] = TermState(string: term.string)
                    added.append(term)
                }
                let at = Self.position(of: page, in: states[term]!.postings) ?? states[term]!.postings.count
                states[term]!.postings.insert((page, occurrences), at: at)
                touched.insert(term)
            }
            pageTerms[p] = Array(terms[p].terms.keys)
            totalLength += terms[p].length - lengths[p]
            lengths[p] = terms[p].length
            let data = SearchIndex.pageFile(documents[p])
            pageFiles[p] = (data, ContentHash.sha256(Array(data ?? Data())))
        }
        self.documents = documents

        // Terms no page has any more leave the index; new ones join it in order.
        let removed = Set(touched.filter { states[$0]?.postings.isEmpty ?? false })
        for term in removed { states[term] = nil }
        if !removed.isEmpty { sorted.removeAll { removed.contains($0) } }
        let joined = added.filter { !removed.contains($0) }
        if sorted.isEmpty || joined.count > 64 {
            sorted = (sorted + joined).map { ($0, states[$0]!.string) }
                .sorted { $0.1.utf16.lexicographicallyPrecedes($1.1.utf16) }.map(\.0)
        } else {
            for term in joined {
                let string = states[term]!.string
                var low = 0, high = sorted.count
                while low < high {
                    let mid = (low + high) / 2
                    if states[sorted[mid]]!.string.utf16.lexicographicallyPrecedes(string.utf16) { low = mid + 1 } else { high = mid }
                }
                sorted.insert(term, at: low)
            }
        }

        // Scores for every posting; an entry is encoded again when its postings or impacts changed.
        let count = Float(max(documents.count, 1))
        let norms = SearchIndex.norms(lengths: lengths, totalLength: totalLength)
        var highest: Float = 0
        for state in states.values {
            let idf = SearchIndex.idf(documentFrequency: state.postings.count, pages: count)
            for posting in state.postings {
                highest = max(highest, SearchIndex.score(posting.occurrences, idf: idf, norm: norms[Int(posting.page)], weights: weights))
            }
        }
        let scale = SearchIndex.scale(highest: highest)
        var dirty = [Bool](repeating: false, count: sorted.count)
        var impacts: [UInt8] = []
        for (i, term) in sorted.enumerated() {
            var state = states[term]!
            let idf = SearchIndex.idf(documentFrequency: state.postings.count, pages: count)
            impacts.removeAll(keepingCapacity: true)
            for posting in state.postings {
                let score = SearchIndex.score(posting.occurrences, idf: idf, norm: norms[Int(posting.page)], weights: weights)
                impacts.append(SearchIndex.impact(score, scale: scale))
            }
            guard touched.contains(term) || impacts != state.impacts || state.entry.isEmpty else { continue }
            state.impacts = impacts
            state.entry = SearchIndex.entry(state.string, zip(state.postings, impacts).map { ($0.page, $1) })
            states[term] = state
            dirty[i] = true
        }

        // Shards cut as `SearchIndex.shards` cuts them; one whose terms and entries are unchanged is kept.
        var cuts: [(range: Range<Int>, key: String)] = []
        var start = 0, size = 0
        for i in sorted.indices {
            let length = states[sorted[i]]!.entry.count
            if i > start, size + length + 2 > shardBytes {
                cuts.append((start..<i, ""))
                start = i
                size = 0
            }
            size += 1 + length
        }
        if start < sorted.count || cuts.isEmpty { cuts.append((start..<sorted.count, "")) }
        for n in cuts.indices.dropFirst() {
            cuts[n].key = SearchIndex.separatingKey(after: states[sorted[cuts[n - 1].range.upperBound - 1]]!.string,
                                                    first: states[sorted[cuts[n].range.lowerBound]]!.string)
        }
        var encodedShards = 0
        var shardFiles: [ShardFile] = []
        for (n, cut) in cuts.enumerated() {
            if n < shards.count, let first = cut.range.first, shards[n].key == cut.key, shards[n].first == sorted[first],
               shards[n].last == sorted[cut.range.upperBound - 1], shards[n].count == cut.range.count, !dirty[cut.range].contains(true)
            {
                shardFiles.append(shards[n])
                continue
            }
            var json: [UInt8] = []
            for i in cut.range {
                json.append(UInt8(ascii: i == cut.range.lowerBound ? "{" : ","))
                json += states[sorted[i]]!.entry
            }
            json += cut.range.isEmpty ? Array("{}".utf8) : [UInt8(ascii: "}")]
            shardFiles.append(ShardFile(key: cut.key, first: cut.range.first.map { sorted[$0] } ?? .text(""),
                                        last: cut.range.last.map { sorted[$0] } ?? .text(""), count: cut.range.count,
                                        data: Data(json), digest: ContentHash.sha256(json)))
            encodedShards += 1
        }
        shards = shardFiles
        lastUpdate = (changed.count, encodedShards)

        var files: [String: Data] = [:]
        var digests: [(path: String, digest: [UInt8])] = []
        for (n, shard) in shards.enumerated() {
            files["t/\(n).json"] = shard.data
            digests.append(("t/\(n).json", shard.digest))
        }
        for (n, page) in pageFiles.enumerated() {
            guard let data = page.data else { continue }
            files[SearchIndex.pagePath(n)] = data
            digests.append((SearchIndex.pagePath(n), page.digest))
        }
        files["index.json"] = SearchIndex.manifestFile(digests, pages: documents.count, shardKeys: shards.map(\.key), synonyms: synonyms)
        return files
    }

    private func reset() {
        documents = []
        lengths = []
        totalLength = 0
        pageFiles = []
        states = [:]
        sorted = []
        shards = []
        pageTerms = []
    }

    /// Where `page` is or would go in `postings` (pages ascending); nil when after the last.
    private static func position(of page: Int32, in postings: [(page: Int32, occurrences: DocumentTerms.Occurrences)]) -> Int? {
        var low = 0, high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if postings[mid].page < page { low = mid + 1 } else { high = mid }
        }
        return low < postings.count ? low : nil
    }
}
