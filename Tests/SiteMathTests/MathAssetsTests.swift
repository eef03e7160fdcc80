import Foundation
import Testing
@testable import SiteMath

@Suite struct MathAssetsTests {
    static let available = FileManager.default.fileExists(atPath: MathAssets.defaultSource.appendingPathComponent("katex.min.css").path)

    @Test(.enabled(if: available, "libjs-katex is not installed: asset copy not tested"), arguments: [MathRenderingMode.buildTime, .clientSide])
    func installCopiesCSSAndRealFontFiles(_ mode: MathRenderingMode) throws {
        let site = try temporaryFolder("site")
        defer { try? FileManager.default.removeItem(at: site) }
        try MathAssets.install(into: site, mode: mode)
        let root = site.appendingPathComponent("assets/katex")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: root.appendingPathComponent("katex.min.css").path))
        let fonts = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("fonts").path)
        #expect(fonts.contains("KaTeX_Main-Regular.woff2"))
        let attributes = try fm.attributesOfItem(atPath: root.appendingPathComponent("fonts/KaTeX_Main-Regular.woff2").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(fm.fileExists(atPath: root.appendingPathComponent("contrib/auto-render.js").path) == (mode == .clientSide))
        #expect(fm.fileExists(atPath: root.appendingPathComponent("katex.min.js").path) == (mode == .clientSide))
        try MathAssets.install(into: site, mode: mode)  // a second build replaces the files
    }

    @Test func missingSourceThrows() throws {
        let site = try temporaryFolder("site")
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(throws: MathAssets.InstallError.self) {
            try MathAssets.install(into: site, mode: .buildTime, from: site.appendingPathComponent("nowhere"))
        }
    }

    @Test func headHTML() {
        #expect(MathAssets.headHTML(baseURL: "../", mode: .buildTime) == #"<link rel="stylesheet" href="../assets/katex/katex.min.css">"#)
        let client = MathAssets.headHTML(baseURL: "/notes", mode: .clientSide, macros: ["R": #"\mathbb{R}"#])
        #expect(client.contains(#"<script defer src="/notes/assets/katex/contrib/auto-render.js"></script>"#))
        #expect(client.contains(#"left: "\\[""#))
        #expect(client.contains(#""\\R":"\\mathbb{R}""#))
    }
}
