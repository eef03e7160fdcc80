import Foundation
@testable import SitePreview
import Testing

/// The file handler called directly: what it serves, what it refuses, and the headers it sends.
@Suite struct SiteRequestHandlerTests {
    /// A site folder with a secret file beside it (never to be served) and symbolic links leading out.
    final class Fixture {
        let folder: URL
        let site: URL
        static let secret = "top secret, outside the site"
        static let home = "<!doctype html><html><body><p>首页</p></body></html>"
        static let missing = "<!doctype html><html><body><h1>找不到这一页</h1></body></html>"

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-serve-\(UUID().uuidString)")
            site = folder.appendingPathComponent("public")
            let files = [
                "index.html": Self.home,
                "404.html": Self.missing,
                "基础/激活函数/index.html": "<html><BODY><p>激活函数</p></BODY></html>",
                "基础/image.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "assets/style.css": "body { color: black; }",
                "assets/search.js": "export const x = 1;",
                "search/index.json": "{\"shards\": 1}",
                "assets/fonts/KaTeX_Main-Regular.woff2": "wOF2",
                "images/plot.png": "\u{89}PNG",
                "notes.txt": "plain",
                "empty-folder/readme.md": "x",
                "fragment.html": "<p>no body tag</p>",
                ".sitegen-site": "marker",
            ]
            for (path, text) in files {
                let url = site.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try Data(Self.secret.utf8).write(to: folder.appendingPathComponent("secret.txt"))
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path, withDestinationPath: "../secret.txt")
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("outside").path, withDestinationPath: folder.path)
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("alias.css").path, withDestinationPath: "assets/style.css")
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func handler(basePath: String = "/", reloadTag: String? = nil) -> SiteRequestHandler {
            SiteRequestHandler(site: ServedSite(folder: site, basePath: basePath), reloadTag: reloadTag)
        }
    }

    static func get(_ handler: SiteRequestHandler, _ target: String, ifNoneMatch: String? = nil) -> SiteResponse {
        handler.respond(to: SiteRequest(method: "GET", target: target, ifNoneMatch: ifNoneMatch))
    }

    static func text(_ response: SiteResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    /// Paths that try to leave the site folder by `..` in any spelling: refused before the disk is touched.
    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/.%2e/secret.txt", "/assets/../../secret.txt",
        "/..\\secret.txt", "/%5c..%5csecret.txt", "/assets%5c..%5c..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%ed%a0%80", "/index.html%00.css", "/%zz", "/%2", "secret.txt",
    ])
    func traversalIsRefused(target: String) throws {
        let fixture = try Fixture()
        let response = Self.get(fixture.handler(), target)
        #expect(response.status == 400, "\(target) → \(response.status)")
        #expect(!Self.text(response).contains(Fixture.secret))
    }

    /// Files that are inside by name but not by real path, or hidden: not found, with the site's 404 page.
    @Test(arguments: ["/leak.txt", "/outside/secret.txt", "/outside/", "/.sitegen-site", "//secret.txt",
                      "/%252e%252e/secret.txt", "/nothing-here/"])
    func outsideOrHiddenIsNotFound(target: String) throws {
        let fixture = try Fixture()
        let response = Self.get(fixture.handler(), target)
        #expect(response.status == 404, "\(target) → \(response.status)")
        #expect(Self.text(response) == Fixture.missing)
        #expect(!Self.text(response).contains(Fixture.secret))
    }

    @Test func symbolicLinkInsideTheSiteIsServed() throws {
        let fixture = try Fixture()
        let response = Self.get(fixture.handler(), "/alias.css")
        #expect(response.status == 200)
        #expect(Self.text(response) == "body { color: black; }")
    }

    @Test(arguments: [
        ("/", "text/html; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/search.js", "text/javascript; charset=utf-8"),
        ("/search/index.json", "application/json; charset=utf-8"),
        ("/%E5%9F%BA%E7%A1%80/image.svg", "image/svg+xml; charset=utf-8"),
        ("/assets/fonts/KaTeX_Main-Regular.woff2", "font/woff2"),
        ("/images/plot.png", "image/png"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/empty-folder/readme.md", "application/octet-stream"),
    ])
    func contentTypes(target: String, type: String) throws {
        let fixture = try Fixture()
        let response = Self.get(fixture.handler(), target)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == type)
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test func missingFileIsTheSitesNotFoundPageWithStatus404() throws {
        let fixture = try Fixture()
        let response = Self.get(fixture.handler(), "/no/such/page/")
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(Self.text(response) == Fixture.missing)

        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent("404.html"))
        let plain = Self.get(fixture.handler(), "/no/such/page/")
        #expect(plain.status == 404)
        #expect(Self.text(plain) == "not found\n")
    }

    @Test func headHasTheHeadersOfGetAndNoBody() throws {
        let fixture = try Fixture()
        let handler = fixture.handler(reloadTag: "<script src=\"/r.js\"></script>")
        for target in ["/", "/assets/style.css", "/missing"] {
            let get = Self.get(handler, target)
            let head = handler.respond(to: SiteRequest(method: "HEAD", target: target))
            #expect(head.status == get.status)
            #expect(head.body.isEmpty)
            #expect(head.headers == get.headers)
            #expect(head.headers["Content-Length"] == String(get.body.count))
        }
    }

    @Test func otherMethodsAreNotAllowed() throws {
        let fixture = try Fixture()
        let response = fixture.handler().respond(to: SiteRequest(method: "POST", target: "/"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
    }

    @Test func conditionalGetAnswers304UntilTheFileChanges() throws {
        let fixture = try Fixture()
        let handler = fixture.handler()
        let first = Self.get(handler, "/assets/style.css")
        let etag = try #require(first.headers["ETag"])
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
        #expect(first.headers["Cache-Control"] == "no-cache")

        for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let again = Self.get(handler, "/assets/style.css", ifNoneMatch: header)
            #expect(again.status == 304, "If-None-Match: \(header)")
            #expect(again.body.isEmpty)
            #expect(again.headers["ETag"] == etag)
        }
        #expect(Self.get(handler, "/assets/style.css", ifNoneMatch: "\"other\"").status == 200)

        try Data("body { color: red; }".utf8).write(to: fixture.site.appendingPathComponent("assets/style.css"))
        let changed = Self.get(handler, "/assets/style.css", ifNoneMatch: etag)
        #expect(changed.status == 200)
        #expect(Self.text(changed) == "body { color: red; }")
        #expect(changed.headers["ETag"] != etag)
    }

    @Test func prettyURLs() throws {
        let fixture = try Fixture()
        let handler = fixture.handler()
        let encoded = "/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0"
        let page = Self.get(handler, encoded + "/")
        #expect(page.status == 200)
        #expect(Self.text(page).contains("<p>激活函数</p>"))
        // Raw UTF-8 in the request line (curl sends it so) is the same page.
        #expect(Self.text(Self.get(handler, "/基础/激活函数/")) == Self.text(page))

        let redirect = Self.get(handler, encoded + "?from=search")
        #expect(redirect.status == 301)
        #expect(redirect.headers["Location"] == encoded + "/?from=search")
        let rawRedirect = Self.get(handler, "/基础/激活函数")
        #expect(rawRedirect.headers["Location"] == encoded + "/")

        #expect(Self.text(Self.get(handler, "/index.html")) == Fixture.home)
        #expect(Self.text(Self.get(handler, "/?q=1")) == Fixture.home)
        #expect(Self.get(handler, "/notes.txt/").status == 404)
        #expect(Self.get(handler, "/empty-folder/").status == 404)
    }

    @Test func siteUnderABasePath() throws {
        let fixture = try Fixture()
        let handler = fixture.handler(basePath: "/笔记/")
        for target in ["/", "/%E7%AC%94%E8%AE%B0"] {
            let response = Self.get(handler, target)
            #expect(response.status == 301)
            #expect(response.headers["Location"] == "/%E7%AC%94%E8%AE%B0/")
        }
        #expect(Self.text(Self.get(handler, "/%E7%AC%94%E8%AE%B0/")) == Fixture.home)
        #expect(Self.get(handler, "/%E7%AC%94%E8%AE%B0/assets/style.css").status == 200)
        let outside = Self.get(handler, "/assets/style.css")
        #expect(outside.status == 404)
        #expect(Self.text(outside) == Fixture.missing)
    }

    @Test func reloadTagGoesIntoHTMLOnly() throws {
        let fixture = try Fixture()
        let tag = "<script src=\"/__sitegen/reload.js\" data-generation=\"g1\"></script>"
        let handler = fixture.handler(reloadTag: tag)
        let page = Self.text(Self.get(handler, "/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/"))
        #expect(page == "<html><BODY><p>激活函数</p>\(tag)</BODY></html>")
        #expect(Self.text(Self.get(handler, "/fragment.html")) == "<p>no body tag</p>" + tag)
        #expect(Self.text(Self.get(handler, "/missing")) == Fixture.missing.replacingOccurrences(of: "</body>", with: tag + "</body>"))
        #expect(Self.text(Self.get(handler, "/assets/style.css")) == "body { color: black; }")

        // Without a tag the page is served byte for byte, and the tag is part of the entity tag.
        let plain = Self.get(fixture.handler(), "/")
        #expect(Self.text(plain) == Fixture.home)
        #expect(plain.headers["ETag"] != Self.get(handler, "/").headers["ETag"])
        #expect(Self.get(handler, "/").headers["ETag"] != Self.get(fixture.handler(reloadTag: tag + " "), "/").headers["ETag"])
    }
}
