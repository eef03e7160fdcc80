import SiteTopics
import Testing

@Suite struct TopicMatcherTests {
    static let registry = TopicRegistry([
        Topic(name: "BatchNorm", slug: "batchnorm", aliases: ["BN", "Batch Normalization", "批归一化"], parent: "归一化"),
        Topic(name: "归一化", slug: "归一化", aliases: ["normalization"]),
        Topic(name: "LayerNorm", slug: "layernorm", aliases: ["LN", "层归一化"], parent: "归一化"),
        Topic(name: "RNN", slug: "rnn", aliases: ["循环神经网络"]),
        Topic(name: "Sigmoid", slug: "sigmoid", aliases: ["Sigmod"], includes: ["logistic"]),
    ])

    /// The matched names and their topics' names.
    func names(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Self.registry.matcher.matches(in: text).map {
            String(decoding: bytes[$0.range], as: UTF8.self) + "=" + Self.registry.topics[$0.topic].name
        }
    }

    @Test func latinNamesMatchWholeWordsOnly() {
        #expect(names("BNF 范式和 BRNN") == [])
        #expect(names("用了 BN，比 bn 更好") == ["BN=BatchNorm", "bn=BatchNorm"])
        #expect(names("RNN 与 BRNN") == ["RNN=RNN"])
        #expect(names("BN层之后") == ["BN=BatchNorm"])
        #expect(names("sigmoidal 不是 Sigmod") == ["Sigmod=Sigmoid"])
    }

    @Test func multiWordNamesIgnoreCaseWidthAndJoiners() {
        #expect(names("batch normalization") == ["batch normalization=BatchNorm"])
        #expect(names("Batch-Normalization 与 ＢＮ") == ["Batch-Normalization=BatchNorm", "ＢＮ=BatchNorm"])
        // Words apart by anything else are two words, and a lone `batch` names nothing.
        #expect(names("batch, normalization") == ["normalization=归一化"])
    }

    @Test func longestNameWinsOnChineseWithoutSpaces() {
        #expect(names("先做批归一化再激活") == ["批归一化=BatchNorm"])
        #expect(names("层归一化和归一化") == ["层归一化=LayerNorm", "归一化=归一化"])
        #expect(names("循环神经网络") == ["循环神经网络=RNN"])
    }

    @Test func formulasNeverMatchAndSeparateNames() {
        // A formula placeholder (U+E000 number U+E001) stands where `$…$` was.
        #expect(names("批\u{E000}3\u{E001}归一化") == ["归一化=归一化"])
        #expect(names("\u{E000}12\u{E001}BN") == ["BN=BatchNorm"])
        #expect(names("\u{E000}7\u{E001}") == [])
    }

    @Test func theMemoTellsCanonicallyEquivalentTextsApart() {
        // `é` as one scalar and as `e` with a combining accent: equal as Swift strings, but the name's UTF-8
        // offsets differ, so one text's matches must not be handed out for the other.
        let composed = "café 与 BN", decomposed = "cafe\u{301} 与 BN"
        let matcher = Self.registry.matcher
        var memo = TopicMatcher.Memo()
        #expect(matcher.matches(in: composed, memo: &memo) == matcher.matches(in: composed))
        #expect(matcher.matches(in: decomposed, memo: &memo) == matcher.matches(in: decomposed))
        #expect(matcher.matches(in: decomposed, memo: memo).map(\.range) != matcher.matches(in: composed).map(\.range))
    }

    @Test func aPackedMemoAnswersAsTheMemoItWasMadeFrom() {
        let matcher = Self.registry.matcher
        let texts = ["用了 BN", "没有主题", "RNN 与 LN 和 层归一化", "", "批归一化", "又一段 Sigmod", "没有主题"]
        var memo = TopicMatcher.Memo()
        for text in texts.prefix(4) { _ = matcher.matches(in: text, memo: &memo) }
        // Packed, then added to and packed again: every text known, each with its own matches.
        var packed = memo.packed()
        #expect(packed.count == 4)
        for text in texts.suffix(3) { _ = matcher.matches(in: text, memo: &packed) }
        let kept = packed.packed()
        #expect(kept.count == Set(texts).count)
        let blind = TopicRegistry.empty.matcher
        for text in texts {
            #expect(blind.matches(in: text, memo: kept) == matcher.matches(in: text), "\(text)")
        }
        #expect(blind.matches(in: "未见过的 BN", memo: kept) == [])
    }

    @Test func registryLooksUpNamesAsSearchFoldsThem() {
        let registry = Self.registry
        #expect(registry.topic(named: "batch  normalization") == 0)
        #expect(registry.topic(named: "ＢＮ") == 0)
        #expect(registry.topic(named: "logistic") == 4)
        #expect(registry.topic(named: "BNF") == nil)
        #expect(registry.parents == [1, nil, 1, nil, nil])
        #expect(registry.children[1] == [0, 2])
        // Includes are not synonyms for search.
        #expect(registry.searchSynonyms.groups.contains(["Sigmoid", "Sigmod"]))
        #expect(!registry.searchSynonyms.groups.flatMap { $0 }.contains("logistic"))
    }
}
