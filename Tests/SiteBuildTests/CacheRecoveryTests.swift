import Foundation
import SiteBuild
import SiteCore
import Testing

/// A build killed while writing its caches leaves entries that must never be served.
@Suite struct CacheRecoveryTests {
    @Test func truncatedCacheEntriesAreRecomputedAndReplaced() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# 缓存\n\n公式 $\\frac{a}{b}$ 与例子：\n\n```tensor\nsoftmax([1, 2, 3])\n```\n",
        ])
        defer { project.delete() }
        func build() -> BuildResult {
            var context = project.context()
            context.math = nil
            // The note cache would take the whole note back and never read the entries under test.
            context.usesNoteCache = false
            return SiteBuilder().build(context)
        }
        #expect(build().committed)
        let page = try project.page("a/index.html")
        let cache = project.root.appendingPathComponent(".sitegen-cache")
        let entries = Self.entries(in: cache)
        #expect(!entries.isEmpty)
        for entry in entries {
            let data = try Data(contentsOf: entry)
            try data.prefix(data.count / 2).write(to: entry)
        }
        let rebuilt = build()
        #expect(rebuilt.committed, "\(rebuilt.diagnostics)")
        #expect(try project.page("a/index.html") == page)
        for entry in Self.entries(in: cache) {
            #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: entry))) != nil, "still truncated: \(entry.path)")
        }
    }

    static func entries(in folder: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
    }
}
