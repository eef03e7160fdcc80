import Foundation
import SiteBuild
import Testing

@Suite struct RelativeURLsTests {
    @Test func siteURLsBecomeRelativeToThePage() {
        let html = #"<a href="/sub/训练/bn/#x">b</a><img src="/sub/a.png"><a href="/sub/">home</a><a href="https://e.com/sub/">ext</a><a href="/other/">other</a>"#
        let out = RelativeURLs.rewrite(html, outputPath: "基础/激活函数/index.html", basePath: "/sub/")
        #expect(out == #"<a href="../../训练/bn/#x">b</a><img src="../../a.png"><a href="../../">home</a><a href="https://e.com/sub/">ext</a><a href="/other/">other</a>"#)
    }

    @Test func rootPagesAndRootBase() {
        #expect(RelativeURLs.rewrite(#"<link href="/assets/s.css"><a href="/">h</a>"#, outputPath: "index.html", basePath: "/")
            == #"<link href="assets/s.css"><a href="./">h</a>"#)
    }

    /// Resolving the relative URL against the page's served URL gives back the absolute one, for any sub-path.
    @Test(arguments: ["/", "/notes/", "/a/b/"])
    func resolvesBackToTheAbsoluteURL(base: String) throws {
        let absolute = base + "x/y/#z"
        let out = RelativeURLs.rewrite("<a href=\"\(absolute)\">", outputPath: "p/q/index.html", basePath: base)
        let relative = String(out.dropFirst(9).dropLast(2))
        let page = try #require(URL(string: "https://host\(base)p/q/"))
        #expect(URL(string: relative, relativeTo: page)?.absoluteString == "https://host" + absolute)
    }

    /// The bytes a page is written from are rewritten as its text is.
    @Test(arguments: ["/", "/sub/"])
    func bytesAreRewrittenAsText(base: String) {
        let html = #"<a href="\#(base)训练/bn/#x">b</a><img src="\#(base)"><a href="\#(base)#top"><a href="\#(base)/host/">h</a><p>="\#(base)</p><a href="\#(base)"#
        for path in ["index.html", "404.html", "基础/激活函数/index.html", "a/b/c/index.html"] {
            let text = RelativeURLs.rewrite(html, outputPath: path, basePath: base)
            #expect(RelativeURLs.rewrittenBytes(Array(html.utf8), outputPath: path, basePath: base) == Array(text.utf8))
            #expect(text != html)
        }
    }

    @Test func pagesEndingAnywhereAreCopiedWhole() {
        for html in ["", "=", "\"", "a=", "<a href=", #"<a href=""#, "没有属性的文字="] {
            #expect(RelativeURLs.rewrite(html, outputPath: "a/index.html", basePath: "/") == html)
        }
        #expect(RelativeURLs.rewrite(#"<a href="/"#, outputPath: "a/index.html", basePath: "/") == #"<a href="../"#)
        #expect(RelativeURLs.rewrite(#"x="/y" src="/"#, outputPath: "a/index.html", basePath: "/") == #"x="/y" src="../"#)
    }
}
