import Foundation
import Testing
@testable import SiteMath

@Suite struct MathRenderCacheTests {
    static func outcome(_ html: String) -> KaTeXOutcome { KaTeXOutcome(html: html, error: nil, warnings: []) }
    static func key(_ tex: String) -> String { MathRenderCache.key(tex: tex, display: false, version: "0.16.4", macros: "") }

    @Test func anotherCacheOnTheFolderFindsWhatWasStored() throws {
        let folder = try temporaryFolder("cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let formulas = (0..<300).map { "x_{\($0)}" }
        MathRenderCache(directory: folder).store(formulas.map { (Self.key($0), Self.outcome("<b>\($0)</b>")) })
        MathRenderCache(directory: folder).store([(Self.key("later"), Self.outcome("<i>later</i>"))])

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.allSatisfy { $0.hasSuffix(".lines") } && files.count <= 256, "a few shard files, not a file per formula")
        let reader = MathRenderCache(directory: folder)
        #expect(formulas.allSatisfy { reader.lookup(Self.key($0))?.html == "<b>\($0)</b>" })
        #expect(reader.lookup(Self.key("later"))?.html == "<i>later</i>", "a second build appends")
        #expect(reader.lookup(Self.key("never stored")) == nil)
    }

    @Test func aDamagedLineCostsOnlyItsFormula() throws {
        let folder = try temporaryFolder("cache-damaged")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two keys in one shard file: the first line cut short (as by a build killed while writing), then garbage.
        let keys = (0..<2000).map { Self.key("y_{\($0)}") }
        let shard = try #require(Dictionary(grouping: keys) { $0.prefix(2) }.values.first { $0.count >= 2 })
        MathRenderCache(directory: folder).store(shard.prefix(2).map { ($0, Self.outcome("<b>\($0)</b>")) })
        let file = folder.appendingPathComponent(String(shard[0].prefix(2)) + ".lines")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let damaged = try #require(lines.firstIndex { $0.hasPrefix(shard[0]) })
        lines[damaged] = String(lines[damaged].dropLast(5))
        try Data((lines.joined(separator: "\n") + "\nnot a line of the cache\n").utf8).write(to: file)

        let reader = MathRenderCache(directory: folder)
        #expect(reader.lookup(shard[0]) == nil, "typeset again")
        #expect(reader.lookup(shard[1])?.html == "<b>\(shard[1])</b>")
    }
}
