import Testing
import SiteCore

@Suite struct SiteConfigTests {
    @Test func basePathFromAnyBaseURL() {
        var config = SiteConfig()
        #expect(config.basePath == "/")
        config.baseURL = "https://user.github.io/notes"
        #expect(config.basePath == "/notes/")
        config.baseURL = "/sub/dir/"
        #expect(config.basePath == "/sub/dir/")
        config.baseURL = "https://example.com"
        #expect(config.basePath == "/")
    }

    @Test func siteURLIsTheAbsoluteBaseURLEndingInASlash() {
        var config = SiteConfig()
        for (baseURL, siteURL) in [("https://me.github.io/notes", "https://me.github.io/notes/"), ("HTTP://x.org", "HTTP://x.org/"),
                                   ("https://x.org/", "https://x.org/"), ("", nil), ("/notes/", nil), ("https:///notes", nil),
                                   ("me.github.io/notes", nil), ("https://x.org/?a=1", nil), ("https://x.org/a b/", nil)] as [(String, String?)] {
            config.baseURL = baseURL
            #expect(config.siteURL == siteURL, "\(baseURL)")
        }
    }
}
