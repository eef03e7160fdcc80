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
        let folder = MathAssets.sitePath()
        #expect(folder.wholeMatch(of: /assets\/katex\.[0-9a-f]{10}/) != nil, "\(folder)")
        let root = site.appendingPathComponent(folder)
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

    /// KaTeX's files go into a folder named by their contents, so a new KaTeX gets new URLs (fonts
    /// included) while the stylesheet's links to `fonts/` stay as written.
    @Test func theFolderNameCarriesAHashOfKaTeXsFiles() throws {
        let source = try temporaryFolder("katex")
        defer { try? FileManager.default.removeItem(at: source) }
        try FileManager.default.createDirectory(at: source.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: source.appendingPathComponent("fonts/KaTeX_Main-Regular.woff2"))
        try Data(".katex { font: 1em KaTeX_Main }".utf8).write(to: source.appendingPathComponent("katex.min.css"))
        let first = MathAssets.sitePath(from: source)
        #expect(first.wholeMatch(of: /assets\/katex\.[0-9a-f]{10}/) != nil, "\(first)")
        #expect(MathAssets.sitePath(from: source) == first)
        try Data(".katex { font: 1.21em KaTeX_Main }".utf8).write(to: source.appendingPathComponent("katex.min.css"))
        let second = MathAssets.sitePath(from: source)
        #expect(second != first && second.hasPrefix("assets/katex."))
        #expect(MathAssets.headHTML(baseURL: "/", mode: .buildTime, from: source) == #"<link rel="stylesheet" href="/\#(second)/katex.min.css">"#)
        let site = try temporaryFolder("site")
        defer { try? FileManager.default.removeItem(at: site) }
        try MathAssets.install(into: site, mode: .buildTime, from: source)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("\(second)/katex.min.css").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("\(second)/fonts/KaTeX_Main-Regular.woff2").path))
    }

    @Test func headHTML() {
        let folder = MathAssets.sitePath()
        #expect(MathAssets.headHTML(baseURL: "../", mode: .buildTime) == #"<link rel="stylesheet" href="../\#(folder)/katex.min.css">"#)
        let client = MathAssets.headHTML(baseURL: "/notes", mode: .clientSide, macros: ["R": #"\mathbb{R}"#])
        #expect(client.contains(#"<script defer src="/notes/\#(folder)/contrib/auto-render.js"></script>"#))
        #expect(client.contains(#"left: "\\[""#))
        #expect(client.contains(#""\\R":"\\mathbb{R}""#))
    }
}
