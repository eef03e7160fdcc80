import Foundation
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

    @Test func destinationsArePercentDecodedOnlyWhereTheyHaveValidEscapes() {
        #expect(LinkTable.percentDecoded("fig%201.png") == "fig 1.png")
        #expect(LinkTable.percentDecoded("%E5%9F%BA%E7%A1%80.md") == "基础.md")
        #expect(LinkTable.percentDecoded("100%.md") == "100%.md", "an invalid escape: as written")
        #expect(LinkTable.percentDecoded("基础/a b.md") == "基础/a b.md")
        let written = "../sec/note.md#激活函数的原理"
        #expect(LinkTable.percentDecoded(written) == written.removingPercentEncoding)
    }
}

@Suite struct ImageSourceTests {
    @Test func resolvesRelativeSiteRootAndExternalSources() {
        let links = LinkTable(pages: [], assets: ["img/pool.png", "training/fig 1.png"], sectionPaths: [:], basePath: "/sub/")
        func resolve(_ src: String, from note: String) -> (url: String?, code: String?) {
            let result = links.resolve(src, from: Page(sourcePath: note, displayPath: note, text: ""), isImage: true)
            return (result.url, result.problem?.code)
        }
        #expect(resolve("/img/pool.png", from: "posts/a.md") == ("/sub/img/pool.png", nil), "a Jekyll site's root")
        #expect(resolve("fig%201.png", from: "training/bn.md") == ("/sub/training/fig 1.png", nil))
        #expect(resolve("https://e.com/x.gif", from: "a.md") == (nil, nil))
        #expect(resolve("//e.com/x.gif", from: "a.md") == (nil, nil))
        #expect(resolve("/gif/dilation.gif", from: "a.md") == (nil, "image-missing"))
        #expect(resolve("../img/pool.png", from: "a.md") == (nil, "image-missing"), "outside the notes folder")
        let link = links.resolve("/img/pool.png", from: Page(sourcePath: "a.md", displayPath: "a.md", text: ""), isImage: false)
        #expect(link.url == nil && link.problem == nil, "a site-absolute link is left alone")
    }
}
