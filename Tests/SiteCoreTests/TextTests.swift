import Testing
import SiteCore

@Suite struct TextTests {
    @Test func sourceLinesSplitOnEveryTerminator() {
        #expect("a\nb\r\nc\rd".sourceLines == ["a", "b", "c", "d"])
        #expect("".sourceLines == [""])
        #expect("中文\n\n尾\n".sourceLines == ["中文", "", "尾", ""])
        #expect("x\r\n".sourceLines == ["x", ""])
    }

    @Test func htmlEscaping() {
        #expect("<a href=\"x\">&'".htmlEscaped == "&lt;a href=&quot;x&quot;&gt;&amp;'")
    }

    @Test func urlEscapingIsHrefEscapingWithoutEntities() {
        #expect("https://x.org/基础/a&b's/%E5/".urlEscaped == "https://x.org/%E5%9F%BA%E7%A1%80/a&b's/%E5/")
        #expect("https://x.org/基础/a&b's/".hrefEscaped == "https://x.org/%E5%9F%BA%E7%A1%80/a&amp;b&#x27;s/")
        #expect("a b\"<>".urlEscaped == "a%20b%22%3C%3E")
    }
}
