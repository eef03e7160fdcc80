import Foundation
import SiteCore
import Testing
@testable import SiteSearch

@Suite struct SearchIndexFilesTests {
    static let index: SearchIndex = {
        let words = ["激活函数", "梯度消失", "批归一化", "dropout", "sigmoid", "attention", "优化器", "学习率", "正则化"]
        let documents = (0..<60).map { i in
            SearchDocument(url: "n\(i)/", title: "笔记 \(i)", sections: [
                .init(anchor: "", heading: "", text: "\(words[i % words.count]) 和 \(words[(i * 7) % words.count]) 的关系 \(i)"),
                .init(anchor: "q\(i)", heading: "为什么要用 \(words[(i + 3) % words.count])？", text: "第 \(i) 个回答。", isQuestion: true),
            ])
        }
        let synonyms = SearchSynonyms([["BN", "批归一化"]])
        return SearchIndex(documents: documents, terms: documents.map { DocumentTerms($0, names: synonyms.names) },
                           synonyms: synonyms)
    }()

    /// What the client does: the last shard whose key is not greater than the term (UTF-16 order).
    func shardIndex(of term: String, keys: [String]) -> Int {
        keys.lastIndex { !term.utf16.lexicographicallyPrecedes($0.utf16) } ?? 0
    }

    func parse(_ bytes: [UInt8]) throws -> [String: [Int]] {
        try JSONDecoder().decode([String: [Int]].self, from: Data(bytes))
    }

    @Test func everyTermIsInTheShardItsKeyPointsTo() throws {
        let shards = Self.index.shards(maxBytes: 600)
        #expect(shards.count > 5)
        let keys = shards.map(\.key)
        #expect(keys[0] == "")
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        var seen: [String] = []
        for (n, shard) in shards.enumerated() {
            let entries = try parse(shard.json)
            #expect(Set(entries.keys) == Set(shard.terms))
            #expect(shard.json.count <= 600 || shard.terms.count == 1)
            for term in shard.terms {
                #expect(shardIndex(of: term, keys: keys) == n, "\(term)")
                // Postings: page deltas and impacts, decoded back to the index's.
                var page = 0
                let list = entries[term] ?? []
                let decoded = stride(from: 0, to: list.count, by: 2).map { i -> (Int, Int) in
                    page += list[i]
                    return (page, list[i + 1])
                }
                let expected = (Self.index.postings[term] ?? []).map { (Int($0.page), Int($0.impact)) }
                #expect(decoded.map(\.0) == expected.map(\.0) && decoded.map(\.1) == expected.map(\.1))
            }
            seen += shard.terms
        }
        #expect(seen == Self.index.sortedTerms)
    }

    @Test func shardKeysAreShortPrefixes() {
        #expect(SearchIndex.separatingKey(after: "attention", first: "batch") == "b")
        #expect(SearchIndex.separatingKey(after: "梯度", first: "梯形") == "梯形")
        #expect(SearchIndex.separatingKey(after: "adam", first: "adamw") == "adamw")
        #expect(SearchIndex.separatingKey(after: "ab", first: "abc") == "abc")
    }

    @Test func filesAreAManifestShardsAndOnePagePerDocument() throws {
        let files = Self.index.files(shardBytes: 2_000)
        struct Manifest: Decodable { var format: Int; var version: String; var pages: Int; var shards: [String]; var synonyms: [[String]] }
        let manifest = try JSONDecoder().decode(Manifest.self, from: try #require(files["index.json"]))
        #expect(manifest.format == SearchIndex.format)
        #expect(manifest.pages == 60)
        #expect(manifest.synonyms == [["BN", "批归一化"]])
        #expect(manifest.version.count == 12)
        let shardFiles = files.keys.filter { $0.hasPrefix("t/") }
        #expect(shardFiles.count == manifest.shards.count)
        #expect(files.keys.filter { $0.hasPrefix("p/") }.count == 60)

        struct Page: Decodable {
            struct Section: Decodable { var anchor: String; var heading: String; var text: String; var question: Bool? }
            var url: String; var title: String; var sections: [Section]
        }
        let page = try JSONDecoder().decode(Page.self, from: try #require(files["p/7.json"]))
        #expect(page.url == "n7/" && page.title == "笔记 7")
        #expect(page.sections.map(\.anchor) == ["", "q7"])
        #expect(page.sections[1].question == true && page.sections[0].question == nil)
    }

    /// A build writes the page files one by one and asks only for the term shards and the manifest: together
    /// they are the files the whole index gives, byte for byte.
    @Test func pageFilesMadeApartAndTermFilesAreTheIndexFiles() throws {
        let whole = Self.index.files(shardBytes: 2_000)
        var occurrences = SearchIndex.Occurrences()
        var apart: [String: Data] = [:]
        var digests: [(path: String, digest: [UInt8])] = []
        for (n, document) in Self.index.documents.enumerated() {
            occurrences.add(DocumentTerms(document, names: Self.index.synonyms.names))
            let data = try #require(SearchIndex.pageFile(document))
            apart[SearchIndex.pagePath(n)] = data
            digests.append((SearchIndex.pagePath(n), ContentHash.sha256(Array(data))))
        }
        let terms = SearchIndex(documents: [], occurrences: consume occurrences, synonyms: Self.index.synonyms)
            .termFiles(pageDigests: digests, pages: Self.index.documents.count, shardBytes: 2_000)
        #expect(terms.keys.allSatisfy { $0 == "index.json" || $0.hasPrefix("t/") })
        apart.merge(terms) { page, _ in page }
        #expect(apart == whole)
        // Without the page files' digests, the manifest is another one.
        let unlisted = SearchIndex(documents: [], terms: Self.index.documents.map { DocumentTerms($0, names: Self.index.synonyms.names) },
                                   synonyms: Self.index.synonyms).termFiles(pageDigests: [], pages: 60, shardBytes: 2_000)
        #expect(unlisted["index.json"] != whole["index.json"])
    }

    @Test func theVersionChangesWithTheContent() {
        let before = SearchIndexFilesTests.index
        var changed = before
        changed.documents[0].title = "改过的标题"
        let version = { (files: [String: Data]) in String(decoding: files["index.json"] ?? Data(), as: UTF8.self) }
        #expect(version(before.files()) == version(before.files()))
        #expect(version(before.files()) != version(changed.files()))
    }
}
