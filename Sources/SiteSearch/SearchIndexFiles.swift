import Foundation
import SiteCore

extension SearchIndex {
    /// Shards are cut after about this many bytes, before compression (about a quarter of it gzipped).
    public static let defaultShardBytes = 32 * 1024

    /// The index as files by path relative to the `search/` folder: `index.json`, `t/<n>.json`, `p/<n>.json`.
    public func files(shardBytes: Int = SearchIndex.defaultShardBytes) -> [String: Data] {
        // Page files and digests on every core: thousands of JSON encodings and SHA-256s.
        let pages = documents.enumerated().map { $0 }.parallelMap { n, document in
            Self.pageFile(document).map { (path: Self.pagePath(n), data: $0, digest: ContentHash.sha256(Array($0))) }
        }.compactMap { $0 }
        var files = termFiles(pageDigests: pages.map { ($0.path, $0.digest) }, pages: documents.count, shardBytes: shardBytes)
        for page in pages { files[page.path] = page.data }
        return files
    }

    /// The term shards `t/<n>.json` and the manifest `index.json` of an index of `pages` pages whose page files
    /// (`pageFile`, at `pagePath`) are made apart, each given here by its path and SHA-256 digest: a large site
    /// writes its page files one by one instead of holding them all (`files` makes both kinds). The postings
    /// are let go once in shards, and each shard's bytes once in its file (consumed, a large site's index holds
    /// one copy of them at a time).
    public consuming func termFiles(pageDigests: [(path: String, digest: [UInt8])], pages: Int,
                                    shardBytes: Int = SearchIndex.defaultShardBytes) -> [String: Data] {
        var shards = self.shards(maxBytes: shardBytes)
        postings = [:]
        var named: [(String, Data)] = []
        for n in shards.indices {
            named.append(("t/\(n).json", Data(shards[n].json)))
            shards[n].json = []
        }
        let digests = named.parallelMap { path, data in (path: path, digest: ContentHash.sha256(Array(data))) }
        var files = Dictionary(named) { first, _ in first }
        files["index.json"] = Self.manifestFile(digests + pageDigests, pages: pages, shardKeys: shards.map(\.key), synonyms: synonyms)
        return files
    }

    /// Where page `number`'s file is, relative to the `search/` folder.
    public static func pagePath(_ number: Int) -> String { "p/\(number).json" }

    /// `p/<n>.json` of `document`; nil if it cannot be encoded.
    public static func pageFile(_ document: SearchDocument) -> Data? {
        try? encoder.encode(PageFile(document))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `index.json`, from the SHA-256 digest of every other file by path.
    static func manifestFile(_ digests: [(path: String, digest: [UInt8])], pages: Int, shardKeys: [String],
                             synonyms: SearchSynonyms) -> Data? {
        // The version changes whenever any file does: the client appends it to every URL it fetches.
        var digest: [UInt8] = []
        for file in digests.sorted(by: { $0.path < $1.path }) {
            digest += Array(file.path.utf8)
            digest += file.digest
        }
        let manifest = Manifest(format: Self.format, version: String(ContentHash.sha256Hex(String(decoding: digest, as: UTF8.self)).prefix(12)),
                                pages: pages, shards: shardKeys, synonyms: synonyms.groups)
        return try? encoder.encode(manifest)
    }

    /// A run of consecutive terms, written as one JSON object.
    public struct Shard: Sendable {
        /// The shortest prefix of the shard's first term that sorts after the previous shard's last term
        /// (`""` for the first shard): a term belongs to the last shard whose key is not greater than it.
        public var key: String
        public var terms: [String]
        public var json: [UInt8]
    }

    /// The sorted terms cut into shards of at most `maxBytes` (a single larger term gets a shard of its own).
    public func shards(maxBytes: Int) -> [Shard] {
        var shards: [Shard] = []
        var current = Shard(key: "", terms: [], json: [])
        for term in sortedTerms {
            let entry = Self.entry(term, postings[term] ?? [])
            if !current.terms.isEmpty, current.json.count + entry.count + 2 > maxBytes {
                shards.append(current.closed())
                current = Shard(key: Self.separatingKey(after: current.terms[current.terms.count - 1], first: term),
                                terms: [], json: [])
            }
            current.json += current.terms.isEmpty ? [UInt8(ascii: "{")] : [UInt8(ascii: ",")]
            current.json += entry
            current.terms.append(term)
        }
        if !current.terms.isEmpty || shards.isEmpty { shards.append(current.closed()) }
        return shards
    }

    /// `"term":[page,impact,Δpage,impact,…]`
    static func entry(_ term: String, _ postings: [(page: Int32, impact: UInt8)]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for s in term.unicodeScalars {
            switch s {
            case "\"", "\\": out += [UInt8(ascii: "\\"), UInt8(s.value)]
            case "\u{0}"..."\u{1F}": out += Array(String(format: "\\u%04x", s.value).utf8)
            default: out += Array(String(s).utf8)
            }
        }
        out += Array("\":[".utf8)
        var previous = 0
        for (i, posting) in postings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let page = Int(posting.page)
            appendDecimal(page - previous, to: &out)
            out.append(UInt8(ascii: ","))
            appendDecimal(Int(posting.impact), to: &out)
            previous = page
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The shortest prefix of `first` (whole scalars) that sorts after `last` in UTF-16 order.
    static func separatingKey(after last: String, first: String) -> String {
        var prefix = ""
        for s in first.unicodeScalars {
            prefix.unicodeScalars.append(s)
            if last.utf16.lexicographicallyPrecedes(prefix.utf16) { return prefix }
        }
        return first
    }

    struct Manifest: Codable {
        var format: Int
        var version: String
        var pages: Int
        var shards: [String]
        var synonyms: [[String]]
    }

    struct PageFile: Codable {
        var url: String
        var title: String
        var sections: [SectionFile]

        init(_ document: SearchDocument) {
            url = document.url
            title = document.title
            sections = document.sections.map {
                SectionFile(anchor: $0.anchor, heading: $0.heading, text: $0.text, question: $0.isQuestion ? true : nil)
            }
        }
    }

    struct SectionFile: Codable {
        var anchor: String
        var heading: String
        var text: String
        var question: Bool?
    }
}

extension SearchIndex.Shard {
    fileprivate func closed() -> SearchIndex.Shard {
        var shard = self
        shard.json += shard.terms.isEmpty ? Array("{}".utf8) : [UInt8(ascii: "}")]
        return shard
    }
}
