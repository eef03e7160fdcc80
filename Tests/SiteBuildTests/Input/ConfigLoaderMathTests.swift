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
}
