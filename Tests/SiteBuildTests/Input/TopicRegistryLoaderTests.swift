import Foundation
import SiteBuild
import SiteCore
import SiteTopics
import Testing

@Suite struct TopicRegistryLoaderTests {
    @Test func builtInRegistryLoadsCleanWithDozensOfBilingualTopics() {
        let (registry, diagnostics) = TopicRegistryLoader.load(builtIn: true, site: nil)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(registry.topics.count >= 40)
        for (name, alias) in [("Sigmoid", "Sigmod"), ("BatchNorm", "批归一化"), ("BatchNorm", "BN"), ("梯度消失", "vanishing gradient"),
                              ("ReLU", "修正线性单元"), ("Dropout", "随机失活")] {
            let topic = registry.topic(named: alias)
            #expect(topic.map { registry.topics[$0].name } == name, "\(alias)")
        }
        #expect(registry.topics.allSatisfy { !$0.summary.isEmpty })
        let sigmoid = registry.topic(named: "Sigmoid")!
        #expect(registry.parents[sigmoid].map { registry.topics[$0].name } == "激活函数")
        // Every topic with a Latin name has a Chinese name too, or the other way round.
        let bilingual = registry.topics.filter { topic in
            let names = topic.names.joined()
            return names.unicodeScalars.contains { $0.value >= 0x4E00 } && names.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        }
        #expect(bilingual.count * 10 >= registry.topics.count * 8)
    }

    @Test func embeddedCopyEqualsTheYAMLFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SiteTopics/BuiltInTopics.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(BuiltInTopics.yaml == text.trimmingCharacters(in: .newlines), "run python3 scripts/embed-topics.py")
    }

    @Test func siteFileExtendsOverridesAndRemoves() {
        let site = """
            BatchNorm:
              aliases: [批量正规化]
              summary: 我们自己的一句话。
            知识蒸馏:
              aliases: [distillation, KD]
              parent: 模型压缩
            模型压缩:
              summary: 让模型更小更快。
            Dropout: false
            """
        let (registry, diagnostics) = TopicRegistryLoader.load(builtIn: true, site: (site, "notes/topics.yml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let bn = registry.topic(named: "批量正规化")!
        #expect(registry.topics[bn].name == "BatchNorm")
        #expect(registry.topics[bn].aliases.contains("BN"))
        #expect(registry.topics[bn].summary == "我们自己的一句话。")
        #expect(registry.topics[bn].location?.line == 1)
        let kd = registry.topic(named: "KD")!
        #expect(registry.parents[kd].map { registry.topics[$0].name } == "模型压缩")
        #expect(registry.topic(named: "Dropout") == nil)
        #expect(registry.topic(named: "随机失活") == nil)
    }

    @Test func problemsAreLocatedWarningsThatCostOnlyTheirEntry() {
        let site = """
            Sigmoid:
              aliases: {a: b}
              colour: red
            新主题:
              aliases: [BN]
              parent: 不存在的主题
            甲:
              parent: 乙
            乙:
              parent: 甲
            "!!!": {}
            """
        let (registry, diagnostics) = TopicRegistryLoader.load(builtIn: true, site: (site, "notes/topics.yml"))
        let byCode = Dictionary(grouping: diagnostics, by: \.code)
        #expect(byCode["topics-unknown"]?.first?.location?.line == 3)
        #expect(byCode["topics-parent"]?.count == 2)
        #expect(byCode["topics-type"]?.compactMap(\.location?.line).sorted() == [2, 11])
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.location?.path == "notes/topics.yml" })
        // The site's topic takes `BN` from the built-in BatchNorm (silently: only clashes between the site's
        // own entries are reported).
        #expect(registry.topic(named: "BN").map { registry.topics[$0].name } == "新主题")
        #expect(registry.topic(named: "批归一化").map { registry.topics[$0].name } == "BatchNorm")
        let new = registry.topic(named: "新主题")!
        #expect(registry.parents[new] == nil)
        #expect(registry.topic(named: "Sigmod") != nil)
    }

    @Test func brokenYAMLKeepsTheBuiltInTopics() {
        let (registry, diagnostics) = TopicRegistryLoader.load(builtIn: true, site: ("a: [b\n", "notes/topics.yml"))
        #expect(diagnostics.count == 1 && diagnostics[0].location?.path == "notes/topics.yml")
        #expect(registry.topic(named: "BN") != nil)
        let (own, _) = TopicRegistryLoader.load(builtIn: false, site: ("我的主题: {aliases: [mine]}\n", "notes/topics.yml"))
        #expect(own.topics.map(\.name) == ["我的主题"])
    }
}
