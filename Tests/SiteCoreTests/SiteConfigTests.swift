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
}
