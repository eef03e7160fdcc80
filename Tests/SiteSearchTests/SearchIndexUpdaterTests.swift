import Foundation
import SiteCore
import Testing
@testable import SiteSearch

/// The updater's files are those of an index made from scratch, after any sequence of edits.
@Suite struct SearchIndexUpdaterTests {
    static let words = ["激活函数", "梯度消失", "批归一化", "dropout", "sigmoid", "attention", "优化器", "学习率", "正则化", "BN", "残差"]
    static let synonyms = SearchSynonyms([["BN", "批归一化"]])

    static func document(_ i: Int, variant: Int, generator: inout SeededGenerator) -> SearchDocument {
        func some(_ n: Int) -> String {
            (0..<n).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
        }
        var sections = [SearchDocument.Section(anchor: "", heading: "", text: "\(some(3)) 的关系 \(i)")]
        for s in 0..<(1 + variant % 3) {
            sections.append(.init(anchor: "h\(s)", heading: "为什么要用 \(some(1))？", text: "\(some(2 + variant % 5))。",
                                  code: variant % 4 == 0 ? "x = \(some(1))" : "", isQuestion: s % 2 == 0))
        }
        return SearchDocument(url: "n\(i)/", title: "笔记 \(i) \(some(1))", sections: sections)
    }

    func expectSameFiles(_ updater: SearchIndexUpdater, _ documents: [SearchDocument], shardBytes: Int) {
        let terms = documents.map { DocumentTerms($0, names: Self.synonyms.names) }
        let updated = updater.files(documents: documents, terms: terms, synonyms: Self.synonyms, shardBytes: shardBytes)
        let fresh = SearchIndex(documents: documents, terms: terms, synonyms: Self.synonyms).files(shardBytes: shardBytes)
        #expect(updated.keys.sorted() == fresh.keys.sorted())
        #expect(updated.filter { fresh[$0.key] != $0.value }.keys.sorted() == [])
    }

    @Test func editsGiveTheFilesOfAFreshIndex() {
        var generator = SeededGenerator(seed: 7)
        var documents = (0..<40).map { Self.document($0, variant: $0, generator: &generator) }
        let updater = SearchIndexUpdater()
        expectSameFiles(updater, documents, shardBytes: 300)
        for round in 0..<25 {
            // One page edited (sometimes two), as a preview's saves do; sometimes a term appears or vanishes.
            let edited = Int.random(in: 0..<documents.count, using: &generator)
            documents[edited] = Self.document(edited, variant: round * 3 + 1, generator: &generator)
            if round % 5 == 0 {
                documents[(edited + 7) % documents.count].sections[0].text += " 新词\(round)"
            }
            expectSameFiles(updater, documents, shardBytes: 300)
        }
    }

    @Test func anEditEncodesOnlyThatPageAndSomeShards() {
        var generator = SeededGenerator(seed: 3)
        var documents = (0..<40).map { Self.document($0, variant: $0, generator: &generator) }
        let updater = SearchIndexUpdater()
        expectSameFiles(updater, documents, shardBytes: 300)
        let shards = updater.lastUpdate.shards
        #expect(updater.lastUpdate.pages == 40 && shards > 5)

        documents[5].sections[0].text += " 梯度消失"
        expectSameFiles(updater, documents, shardBytes: 300)
        #expect(updater.lastUpdate.pages == 1)
        #expect(updater.lastUpdate.shards < shards)
    }

    @Test func addedAndRemovedPagesStartOver() {
        var generator = SeededGenerator(seed: 11)
        var documents = (0..<12).map { Self.document($0, variant: $0, generator: &generator) }
        let updater = SearchIndexUpdater()
        expectSameFiles(updater, documents, shardBytes: 200)
        documents.remove(at: 3)
        expectSameFiles(updater, documents, shardBytes: 200)
        documents.append(Self.document(99, variant: 2, generator: &generator))
        expectSameFiles(updater, documents, shardBytes: 200)
        #expect(updater.lastUpdate.pages == documents.count)
        expectSameFiles(updater, [], shardBytes: 200)
    }
}
