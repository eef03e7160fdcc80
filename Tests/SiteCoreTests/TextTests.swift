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
}
