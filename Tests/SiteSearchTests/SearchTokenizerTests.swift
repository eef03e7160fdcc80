import Testing
import SiteSearch

@Suite struct SearchTokenizerTests {
    @Test func latinWordsAreFoldedAndLowerCased() {
        #expect(SearchTokenizer.terms(in: "Batch-Norm ＢＮ Café L2, x_i") == ["batch", "norm", "bn", "cafe", "l2", "x", "i"])
        #expect(SearchTokenizer.terms(in: "ReLU's") == ["relu", "s"])
    }

    @Test func chineseGivesCharactersAndNeighbourPairs() {
        #expect(SearchTokenizer.terms(in: "批归一化") == ["批", "归", "批归", "一", "归一", "化", "一化"])
        #expect(SearchTokenizer.terms(in: "梯") == ["梯"])
    }

    @Test func punctuationAndSpacesBreakPairs() {
        let terms = SearchTokenizer.terms(in: "梯度，消失 问题")
        #expect(terms.contains("梯度") && terms.contains("消失") && terms.contains("问题"))
        #expect(!terms.contains("度消") && !terms.contains("失问"))
    }

    @Test func scriptsSplitWithoutSpaces() {
        #expect(SearchTokenizer.terms(in: "BN层") == ["bn", "层"])
        #expect(SearchTokenizer.terms(in: "用2d卷积") == ["用", "2d", "卷", "积", "卷积"])
    }

    @Test func symbolsAndOverlongWordsAreNotTerms() {
        #expect(SearchTokenizer.terms(in: "→ ≤ ⋯ — 😀 \u{E000}").isEmpty)
        #expect(SearchTokenizer.terms(in: String(repeating: "a", count: 41) + " ok") == ["ok"])
        #expect(SearchTokenizer.terms(in: String(repeating: "a", count: 40)).count == 1)
    }

    @Test func otherScriptsAndAstralCharacters() {
        #expect(SearchTokenizer.terms(in: "Σίγμα") == ["σιγμα"])
        #expect(SearchTokenizer.terms(in: "𠀀𠀁") == ["𠀀", "𠀁", "𠀀𠀁"])
        #expect(SearchTokenizer.terms(in: "カナ") == ["カ", "ナ", "カナ"])
    }

    static let synonyms = SearchSynonyms([
        ["BN", "Batch Normalization", "批归一化"],
        ["归一化", "normalization"],
        ["L2 正则", "weight decay"],
    ])

    func groupTerms(_ text: String) -> [String] {
        SearchTokenizer.terms(in: text, names: Self.synonyms.names).filter { $0.hasPrefix("~") }
    }

    @Test func synonymNamesAddTheirGroupTerm() {
        #expect(groupTerms("使用 BN 之后") == ["~0"])
        #expect(groupTerms("Batch   normalization!") == ["~0"])
        #expect(groupTerms("先做批归一化再激活") == ["~0"])
        #expect(groupTerms("层归一化") == ["~1"])
        #expect(groupTerms("L2正则") == ["~2"])
        #expect(groupTerms("weight decay") == ["~2"])
    }

    @Test func theLongestNameEndingHereWins() {
        #expect(groupTerms("批归一化") == ["~0"])  // not 归一化 too
        #expect(groupTerms("batch normalization") == ["~0"])  // not normalization too
    }

    @Test func namesNeedWholeWordsAndAdjacentCharacters() {
        #expect(groupTerms("BNF grammar").isEmpty)
        #expect(groupTerms("批 归一化") == ["~1"])
        #expect(groupTerms("batch size").isEmpty)
    }

    @Test func synonymGroupsAreCleaned() {
        let synonyms = SearchSynonyms([[" BN ", "BN", "批归一化"], ["alone"], ["", "  "]])
        #expect(synonyms.groups == [["BN", "批归一化"]])
    }
}
