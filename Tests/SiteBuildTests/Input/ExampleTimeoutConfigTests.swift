import Foundation
@testable import SiteBuild
import SiteCore
import Testing

/// `examples: timeout:` in sitegen.yml reaches the example cache; wrong values are located errors.
@Suite struct ExampleTimeoutConfigTests {
    func load(_ yaml: String) throws -> (SiteConfig, [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(yaml.utf8).write(to: url)
        return ConfigLoader.load(from: url)
    }

    @Test func theTimeoutIsReadAndPassedOn() throws {
        let (config, diagnostics) = try load("title: x\nexamples:\n  timeout: 0.5\n")
        #expect(diagnostics.isEmpty)
        #expect(config.exampleTimeout == 0.5)
        let context = BuildContext(config: config, root: FileManager.default.temporaryDirectory)
        #expect(context.examples.timeLimit == .milliseconds(500))
        #expect(try load("title: x\n").0.exampleTimeout == SiteConfig.defaultExampleTimeout)
    }

    @Test func wrongValuesAreReportedAtTheirLine() throws {
        for (yaml, line) in [("title: x\nexamples: 5\n", 2), ("title: x\nexamples:\n  timeout: soon\n", 3), ("title: x\nexamples:\n  timeout: 0\n", 3)] {
            let (config, diagnostics) = try load(yaml)
            #expect(diagnostics.map(\.code) == ["config-type"], "\(yaml)")
            #expect(diagnostics.first?.location?.line == line)
            #expect(config.exampleTimeout == SiteConfig.defaultExampleTimeout)
        }
        #expect(try load("examples:\n  timeout: soon\n").1.first?.message == "'examples.timeout' must be a number of seconds above 0")
        let (_, unknown) = try load("examples:\n  timout: 3\n")
        #expect(unknown.map(\.code) == ["config-unknown"])
        #expect(unknown.first?.message == "unknown setting 'examples.timout' is ignored")
    }
}
