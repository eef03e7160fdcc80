import Testing
import SiteSearch

/// Ranking happens at build time: the impact of a term on each page.
@Suite struct SearchIndexTests {
    static let filler = "这一段只是为了让每一页的长度差不多，内容和查询无关。"

    static func page(_ url: String, title: String = "笔记", heading: String = "小节", question: Bool = false,
                     text: String = filler, code: String = "") -> SearchDocument {
        SearchDocument(url: url, title: title, sections: [
            .init(anchor: "a", heading: heading, text: text, code: code, isQuestion: question),
        ])
    }

    static func index(_ documents: [SearchDocument], synonyms: SearchSynonyms = SearchSynonyms([])) -> SearchIndex {
        SearchIndex(documents: documents, terms: documents.map { DocumentTerms($0, names: synonyms.names) }, synonyms: synonyms)
    }

    func impacts(_ index: SearchIndex, _ term: String) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: (index.postings[term] ?? []).map { (Int($0.page), Int($0.impact)) })
    }

    @Test func fieldsRankTitleQuestionHeadingBodyCode() {
        let index = Self.index([
            Self.page("title/", title: "dropout"),
            Self.page("question/", heading: "为什么 dropout 有效", question: true),
            Self.page("heading/", heading: "dropout 的实现"),
            Self.page("body/", text: Self.filler + "dropout"),
            Self.page("code/", code: "nn.Dropout(p=0.5)"),
            Self.page("none/"),
        ])
        let dropout = impacts(index, "dropout")
        #expect(dropout[5] == nil)
        #expect(dropout[0]! > dropout[1]!)
        #expect(dropout[1]! > dropout[2]!)
        #expect(dropout[2]! > dropout[3]!)
        #expect(dropout[3]! > dropout[4]!)
    }

    /// The page named after a term is its page: it outranks a longer one that has the term in headings and text.
    @Test func aTitleOutweighsHeadingsAndTextTogether() {
        let index = Self.index([
            SearchDocument(url: "named/", title: "优化器", sections: [.init(anchor: "", heading: "", text: Self.filler)]),
            SearchDocument(url: "mentions/", title: "训练笔记", sections: [
                .init(anchor: "a", heading: "优化器的选择", text: "优化器 优化器 优化器 " + Self.filler),
                .init(anchor: "b", heading: "常见优化器", text: "优化器 " + Self.filler),
            ]),
            Self.page("none/"),
        ])
        let pair = impacts(index, "化器")
        #expect(pair[0]! > pair[1]!)
    }

    @Test func rareTermsWeighMoreThanCommonOnes() {
        let documents = (0..<6).map { Self.page("\($0)/", text: "梯度 " + ($0 == 0 ? "鞍点" : "")) }
        let index = Self.index(documents)
        #expect(impacts(index, "鞍点")[0]! > impacts(index, "梯度")[0]!)
    }

    @Test func repeatsSaturate() {
        let index = Self.index([
            Self.page("once/", text: "adam"),
            Self.page("twice/", text: "adam adam"),
            Self.page("many/", text: Array(repeating: "adam", count: 40).joined(separator: " ")),
            Self.page("none/"), Self.page("none2/"),
        ])
        let adam = impacts(index, "adam")
        #expect(adam[1]! > adam[0]!)
        #expect(adam[2]! > adam[1]!)
        #expect(Double(adam[2]!) < 2.2 * Double(adam[0]!))
    }

    @Test func impactsAreBytesWithTheHighestAt255AndPagesAscend() {
        let documents = (0..<20).map { Self.page("\($0)/", title: "第\($0)页", text: Self.filler + ($0 % 3 == 0 ? "激活函数" : "")) }
        let index = Self.index(documents)
        let all = index.postings.values.flatMap { $0 }
        #expect(all.map(\.impact).max() == 255)
        #expect(all.allSatisfy { $0.impact >= 1 })
        for list in index.postings.values {
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.page < $1.page })
        }
        #expect(Set(index.postings["激活"]?.map(\.page) ?? []) == Set([0, 3, 6, 9, 12, 15, 18]))
    }

    @Test func synonymGroupsAreTermsOfTheirOwn() {
        let synonyms = SearchSynonyms([["BN", "批归一化"]])
        let index = Self.index([
            Self.page("bn/", text: "BN 层"), Self.page("zh/", text: "批归一化层"), Self.page("other/", text: "归一化"),
        ], synonyms: synonyms)
        #expect(Set(index.postings["~0"]?.map(\.page) ?? []) == [0, 1])
    }

    /// A one-character name is no synonym: `熵` is also in `交叉熵`, and a query for it must find that page too.
    @Test func oneCharacterNamesAreNotSynonyms() {
        let synonyms = SearchSynonyms([["信息熵", "熵", "entropy"], ["交叉熵", "cross entropy"], ["X", "乙"]])
        #expect(synonyms.groups == [["信息熵", "entropy"], ["交叉熵", "cross entropy"]])
        let index = Self.index([
            Self.page("info/", text: "熵衡量不确定性"), Self.page("ce/", text: "交叉熵损失"),
        ], synonyms: synonyms)
        #expect(Set(index.postings["熵"]?.map(\.page) ?? []) == [0, 1])
        #expect(index.postings["~0"] == nil, "a lone 熵 does not name 信息熵")
    }
}
