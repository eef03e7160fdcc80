import SiteCore
import Testing

@Suite struct ByteSearchTests {
    @Test func findsTheFirstOccurrenceByBytes() {
        #expect("ab中文c".dropFirst(0).firstByteRange(of: "文c").map { "ab中文c"[$0] } == "文c")
        #expect("abc"[...].firstByteRange(of: "abd") == nil)
        #expect("abab"[...].firstByteRange(of: "") == nil)
        #expect("x<b>ab</b>"[...].firstByteRange(of: "ab").map { "x<b>ab</b>"[$0.lowerBound...].hasPrefix("ab</b>") } == true)
        #expect("公式 .co m"[...].containsBytes(".com") == false)
        #expect("见 latex.codecogs.com"[...].containsBytes(".com"))
    }
}
