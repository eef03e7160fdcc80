import Foundation
import SiteBuild
import SiteCore
import Testing

@Suite struct ConfigLoaderTests {
    func load(_ yaml: String) throws -> (SiteConfig, [Diagnostic]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sitegen.yml")
        try Data(yaml.utf8).write(to: url)
        return ConfigLoader.load(from: url)
    }

    @Test func readsEverySetting() throws {
        let (config, diagnostics) = try load("""
            title: 笔记
            output: docs
            rawHTML: true
            math:
              macros:
                \\R: \\mathbb{R}
            formats:
              old/export.txt: notion-toggle
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.title == "笔记" && config.outputDirectory == "docs" && config.allowRawHTML)
        #expect(config.mathMacros == ["\\R": "\\mathbb{R}"])
        #expect(config.formats == ["old/export.txt": "notion-toggle"])
        #expect(!config.templatesDirectoryRequired)
    }

    @Test func readsTheEditLinkSettings() throws {
        let (config, diagnostics) = try load("repoURL: https://github.com/me/notes\neditBranch: dev\neditPath: docs\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.repoURL == "https://github.com/me/notes" && config.editBranch == "dev" && config.editPath == "docs")
        let (defaults, _) = try load("title: x\n")
        #expect(defaults.repoURL.isEmpty && defaults.editBranch == "main" && defaults.editPath.isEmpty)
    }

    @Test func aNamedTemplatesFolderIsRequired() throws {
        let (config, diagnostics) = try load("templates: theme\n")
        #expect(diagnostics.isEmpty)
        #expect(config.templatesDirectory == "theme" && config.templatesDirectoryRequired)
    }

    @Test func mathThatIsNotAMappingIsAnErrorAtItsValue() throws {
        let (_, diagnostics) = try load("title: x\nmath: 5\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error && diagnostics.first?.code == "config-type")
        #expect(diagnostics.first?.message.contains("'math'") == true)
        #expect(diagnostics.first?.location == SourceLocation(path: "sitegen.yml", line: 2, column: 7))
    }

    @Test func macrosThatAreNotAMappingNameTheNestedKey() throws {
        let (config, diagnostics) = try load("math: {macros: [1, 2]}\n")
        #expect(config.mathMacros.isEmpty)
        #expect(diagnostics.first?.severity == .error, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("'math.macros'") == true, "\(diagnostics)")
        #expect(diagnostics.first?.location == SourceLocation(path: "sitegen.yml", line: 1, column: 16))
        let (_, values) = try load("math:\n  macros:\n    \\R: [a]\n")
        #expect(values.first?.message.contains("\\R") == true, "\(values)")
        #expect(values.first?.location == SourceLocation(path: "sitegen.yml", line: 3, column: 9))
    }

    @Test func unknownNestedKeysAreWarningsAtTheKey() throws {
        let (_, diagnostics) = try load("math:\n  macroz:\n    \\R: x\ntitel: t\n")
        #expect(diagnostics.count == 2, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.code == "config-unknown" })
        #expect(diagnostics.contains { $0.message.contains("'math.macroz'") && $0.location == SourceLocation(path: "sitegen.yml", line: 2, column: 3) })
        #expect(diagnostics.contains { $0.message.contains("'titel'") && $0.location == SourceLocation(path: "sitegen.yml", line: 4, column: 1) })
    }

    @Test func wrongTypesAreErrorsAtTheValue() throws {
        let (_, diagnostics) = try load("rawHTML: maybe\ntitle: [a, b]\n")
        #expect(diagnostics.count == 2, "\(diagnostics)")
        #expect(diagnostics.contains { $0.message.contains("'rawHTML'") && $0.location == SourceLocation(path: "sitegen.yml", line: 1, column: 10) })
        #expect(diagnostics.contains { $0.message.contains("'title'") && $0.location == SourceLocation(path: "sitegen.yml", line: 2, column: 8) })
    }

    @Test func aliasExpansionInTheConfigIsAnError() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + (0..<10).map { _ in "*a\(i - 1)" }.joined(separator: ", ") + "]\n" }
        let (_, diagnostics) = try load(yaml)
        #expect(diagnostics.first?.severity == .error && diagnostics.first?.code == "config-yaml", "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("alias") == true)
    }

    @Test func textThatIsNotUTF8IsLocatedAtTheFirstBadByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sitegen.yml")
        try (Data("title: 笔记\nauthor: ab".utf8) + Data([0xFF, 0x41]) + Data("\n".utf8)).write(to: url)
        let (_, diagnostics) = ConfigLoader.load(from: url)
        #expect(diagnostics.first?.code == "config-encoding")
        #expect(diagnostics.first?.location == SourceLocation(path: "sitegen.yml", line: 2, column: 11))
    }
}
