import Foundation
import SiteBuild
import SiteCore
import Testing

/// The `math:` settings of `sitegen.yml`.
@Suite struct ConfigLoaderMathTests {
    static func load(_ yaml: String) throws -> (SiteConfig, [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-config-\(UUID().uuidString).yml")
        try Data(yaml.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return ConfigLoader.load(from: url)
    }

    @Test func formulaErrorsAreWarningsUnlessTheConfigSaysFail() throws {
        #expect(try Self.load("title: T\n").0.mathErrors == .warn)
        let (fail, none) = try Self.load("math:\n  errors: fail\n  macros:\n    R: \\mathbb{R}\n")
        #expect(fail.mathErrors == .fail)
        #expect(fail.mathMacros == ["R": "\\mathbb{R}"])
        #expect(none.isEmpty)
        #expect(try Self.load("math:\n  errors: warn\n").0.mathErrors == .warn)
    }

    @Test func anUnknownErrorsValueIsAnError() throws {
        let (config, diagnostics) = try Self.load("title: T\nmath:\n  errors: yes\n")
        #expect(config.mathErrors == .warn)
        #expect(diagnostics.map(\.code) == ["config-type"])
        #expect(diagnostics.first?.severity == .error && diagnostics.first?.location?.line == 3 && diagnostics.first?.location?.column == 11)
        #expect(diagnostics.first?.message.contains("warn or fail") == true)
    }

    @Test func lostFormulaMarkersAreOnUnlessTurnedOff() throws {
        #expect(try Self.load("title: T\n").0.mathMarksLost)
        let (off, none) = try Self.load("math:\n  markLost: false\n")
        #expect(!off.mathMarksLost && none.isEmpty)
        let (_, wrong) = try Self.load("math:\n  markLost: sometimes\n")
        #expect(wrong.map(\.code) == ["config-type"])
    }

    @Test func sectionsGiveFolderTitlesInOrder() throws {
        let (config, none) = try Self.load("sections:\n  examples: 可运行的例子\n  /基础/: 基础知识\n")
        #expect(none.isEmpty)
        #expect(config.sections == [.init(folder: "examples", title: "可运行的例子"), .init(folder: "基础", title: "基础知识")])
        let (_, wrong) = try Self.load("sections:\n  examples: [a, b]\n")
        #expect(wrong.map(\.code) == ["config-type"])
        #expect(wrong.first?.location?.line == 2)
    }
}
