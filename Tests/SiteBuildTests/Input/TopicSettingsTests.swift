import Foundation
import SiteBuild
import SiteCore
import Testing

/// `topics:` in sitegen.yml and in a note's front matter.
@Suite struct TopicSettingsTests {
    func load(_ yaml: String) throws -> (SiteConfig, [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(yaml.utf8).write(to: url)
        return ConfigLoader.load(from: url)
    }

    @Test func settingsAreReadAndWrongValuesLocated() throws {
        let (config, diagnostics) = try load("topics:\n  file: 主题.yml\n  builtIn: false\n  links: first-per-page\n")
        #expect(diagnostics.isEmpty)
        #expect(config.topicsFile == "主题.yml" && !config.topicsBuiltIn && config.topicLinks == .firstPerPage)
        let (defaults, _) = try load("title: x\n")
        #expect(defaults.topicsFile == "topics.yml" && defaults.topicsBuiltIn && defaults.topicLinks == .firstPerSection)
        let (_, wrong) = try load("topics:\n  links: every\n  colour: red\n")
        #expect(wrong.map(\.code) == ["config-type", "config-unknown"], "\(wrong)")
        #expect(wrong.first?.location?.line == 2 && wrong.first?.message.contains("first-per-section") == true)
    }

    @Test func frontMatterTopicsAreAListOrCommaSeparated() {
        #expect(FrontMatter.split("---\ntopics: [BatchNorm, 梯度消失]\n---\n正文\n", path: "a.md").frontMatter.topics == ["BatchNorm", "梯度消失"])
        #expect(FrontMatter.split("---\ntopics: BN, Dropout\n---\n正文\n", path: "a.md").frontMatter.topics == ["BN", "Dropout"])
        let wrong = FrontMatter.split("---\ntopics: {a: b}\n---\n正文\n", path: "a.md")
        #expect(wrong.frontMatter.topics.isEmpty)
        #expect(wrong.diagnostics.first?.location?.line == 2 && wrong.diagnostics.first?.severity == .warning)
    }
}
