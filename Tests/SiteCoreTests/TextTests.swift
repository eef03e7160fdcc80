import Testing
@testable import SiteCore

@Suite struct TextTests {
    @Test func sourceLinesSplitOnEveryTerminator() {
        #expect("a\nb\r\nc\rd".sourceLines == ["a", "b", "c", "d"])
        #expect("".sourceLines == [""])
        #expect("中文\n\n尾\n".sourceLines == ["中文", "", "尾", ""])
        #expect("x\r\n".sourceLines == ["x", ""])
        for text in ["a\nb\r\nc\rd", "", "中文\n\n尾\n", "x\r\n", "\r\r\n\n"] { #expect(text.sourceLineCount == text.sourceLines.count) }
    }

    @Test func readableTextCollapsesEveryWhiteSpaceAndShowsFormulasAsDots() {
        #expect(" 激活\t函数\n\n是\u{3000}非线性的\u{A0}映射 ".readableText == "激活 函数 是 非线性的 映射")
        #expect("见\u{E000}12\u{E001}，以及 \u{E000}3\u{E001} 式".readableText == "见⋯，以及 ⋯ 式")
        #expect("Café\u{0B}naïve\u{2028}σ\u{85}𝜎".readableText == "Café naïve σ 𝜎")
    }

    /// `readableText`'s table of white space above ASCII is Unicode's `White_Space`, scalar for scalar.
    @Test func nonASCIIWhiteSpaceIsUnicodes() {
        var differing: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String.isNonASCIIWhiteSpace(value) != scalar.properties.isWhitespace { differing.append(value) }
        }
        #expect(differing.isEmpty)
    }

    /// A limited `readableText` is a prefix of the whole, and says whether it is all of it.
    @Test func aLimitedReadableTextIsAPrefixOfTheWhole() {
        let texts = [" 激活\t函数\n\n是\u{3000}非线性的 ", "见\u{E000}12\u{E001}，以及 \u{E000}3\u{E001} 式", "e\u{301}\u{302} x  y", ""]
        for text in texts {
            let whole = text.readableText
            for limit in 0...(whole.unicodeScalars.count + 1) {
                let (part, isWhole) = text.readableText(limit: limit)
                #expect(whole.unicodeScalars.starts(with: part.unicodeScalars))
                #expect(part.unicodeScalars.count <= limit)
                #expect(isWhole == (part == whole))
            }
        }
        let cut = "ab  cd".readableText(limit: 3)
        #expect(cut.text == "ab" && !cut.isWhole)
    }

    /// `trimmingSpaces` trims what Foundation's `.whitespaces` holds (space separators and tab), and only that.
    @Test func trimmingSpacesTrimsSpaceSeparatorsAndTabs() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String.isSpaceSeparator(value) != (scalar.properties.generalCategory == .spaceSeparator) { differing.append(value) }
        }
        #expect(differing.isEmpty)
        #expect(" \t激活函数\u{3000}\u{A0}".trimmingSpaces == "激活函数")
        #expect("\n x \n".trimmingSpaces == "\n x \n")
        #expect(" \u{301}e ".trimmingSpaces == "\u{301}e")
        #expect("  \t ".trimmingSpaces == "")
        #expect("a b"[...].trimmingSpaces == "a b")
    }

    @Test func aLineIteratorKeepsWhatFollowsTheLastLine() {
        var lines = SourceLineIterator("---\r\ntitle: x\n---\n正文\r\n尾"[...])
        #expect(lines.next() == "---")
        #expect(lines.remainder == "title: x\n---\n正文\r\n尾")
        #expect(lines.next() == "title: x")
        #expect(lines.next() == "---")
        #expect(lines.remainder == "正文\r\n尾")
        #expect(lines.next() == "正文")
        #expect(lines.next() == "尾")
        #expect(lines.remainder == "")
        #expect(lines.next() == nil)
    }

    @Test func namesAreInTheOrderPeopleNumberThem() {
        let names = ["chapter10.md", "Chapter2.md", "chapter1.md", "a-b.md", "ab.md", "附录.md", "优化/02-学习率.md", "优化/2-动量.md",
                     "优化/10-Adam.md", "README.md", "readme.md", "x007.md", "x7.md"]
        let sorted = names.sorted { $0.naturallyPrecedes($1) }
        #expect(sorted == ["a-b.md", "ab.md", "chapter1.md", "Chapter2.md", "chapter10.md", "README.md", "readme.md", "x007.md", "x7.md",
                           "优化/2-动量.md", "优化/02-学习率.md", "优化/10-Adam.md", "附录.md"])
        // A strict order: nothing precedes itself, and of two different names exactly one comes first.
        for a in names {
            #expect(!a.naturallyPrecedes(a))
            for b in names where a != b { #expect(a.naturallyPrecedes(b) != b.naturallyPrecedes(a), "\(a) \(b)") }
        }
    }

    @Test func htmlEscaping() {
        #expect("<a href=\"x\">&'".htmlEscaped == "&lt;a href=&quot;x&quot;&gt;&amp;'")
    }

    @Test func urlEscapingIsHrefEscapingWithoutEntities() {
        #expect("https://x.org/基础/a&b's/%E5/".urlEscaped == "https://x.org/%E5%9F%BA%E7%A1%80/a&b's/%E5/")
        #expect("https://x.org/基础/a&b's/".hrefEscaped == "https://x.org/%E5%9F%BA%E7%A1%80/a&amp;b&#x27;s/")
        #expect("a b\"<>".urlEscaped == "a%20b%22%3C%3E")
    }

    /// Every byte, as cmark-gfm's `houdini_escape_href` escapes it: its safe set kept, `&` and `'` as entities
    /// in an attribute, every other byte `%XX`; a URL with nothing to escape comes back as it is.
    @Test func hrefEscapingTreatsEveryByteAsHoudiniDoes() {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+!*(),%#@?=;:/$~".utf8)
        func expected(_ text: String, entities: Bool) -> String {
            text.utf8.map { byte in
                if byte == UInt8(ascii: "&") { return entities ? "&amp;" : "&" }
                if byte == UInt8(ascii: "'") { return entities ? "&#x27;" : "'" }
                return safe.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
        }
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [ascii, "x" + ascii + "基础 é𝜎", "/notes/a-b_c.d/#x", "", "&'"] {
            #expect(text.hrefEscaped == expected(text, entities: true))
            #expect(text.urlEscaped == expected(text, entities: false))
        }
    }
}
