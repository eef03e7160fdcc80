@testable import SiteBuild
import Testing

@Suite struct URLSlugTests {
    @Test func keepsChineseAndReadableASCII() {
        #expect(URLSlug.make("激活函数") == "激活函数")
        #expect(URLSlug.make("Batch Norm & 批归一化") == "batch-norm-批归一化")
        #expect(URLSlug.make("001_notion export") == "001_notion-export")
        #expect(URLSlug.make("???") == "note")
    }

    @Test func relativePathsResolve() {
        #expect(LinkTable.normalise("a/b/../c.md") == "a/c.md")
        #expect(LinkTable.normalise("./x.md") == "x.md")
        #expect(LinkTable.hasScheme("https://x"))
        #expect(!LinkTable.hasScheme("图/x:y.md"))
    }
}

@Suite struct ImageExistsTests {
    @Test func resolvesRelativeSiteRootAndExternalSources() {
        let assets: Set = ["img/pool.png", "training/fig 1.png"]
        #expect(LinkTable.imageExists("/img/pool.png", from: "posts/a.md", assets: assets))
        #expect(LinkTable.imageExists("fig%201.png", from: "training/bn.md", assets: assets))
        #expect(LinkTable.imageExists("https://e.com/x.gif", from: "a.md", assets: assets))
        #expect(!LinkTable.imageExists("/gif/dilation.gif", from: "a.md", assets: assets))
        #expect(!LinkTable.imageExists("../img/pool.png", from: "a.md", assets: assets), "outside the notes folder")
    }
}
