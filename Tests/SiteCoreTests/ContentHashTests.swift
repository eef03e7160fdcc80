import Testing
import SiteCore

@Suite struct ContentHashTests {
    @Test func standardVectors() {
        #expect(ContentHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func multiBlockMessage() {
        // One million 'a' is the FIPS long-message vector; 1000 blocks exercises the chunk loop.
        let million = String(repeating: "a", count: 1_000_000)
        #expect(ContentHash.sha256Hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Messages whose padding fills the last block exactly, spills into one more, or starts a new one
    /// (reference digests from Python's hashlib).
    @Test func paddingAtBlockBoundaries() {
        let letters = String((0..<120).map { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
        #expect(ContentHash.sha256Hex(String(letters.prefix(55))) == "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005")
        #expect(ContentHash.sha256Hex(String(letters.prefix(56))) == "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51")
        #expect(ContentHash.sha256Hex(String(letters.prefix(63))) == "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c")
        #expect(ContentHash.sha256Hex(String(letters.prefix(64))) == "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e")
        #expect(ContentHash.sha256Hex(String(letters.prefix(65))) == "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d")
        #expect(ContentHash.sha256Hex(String(letters.prefix(119))) == "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b")
        #expect(ContentHash.sha256Hex(String(letters.prefix(120))) == "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8")
    }

    @Test func partsAreSeparated() {
        #expect(ContentHash.sha256Hex("ab", "c") != ContentHash.sha256Hex("a", "bc"))
    }

    @Test func fingerprintedNamesCarryTheContentHashBeforeTheExtension() {
        let css = ContentHash.fingerprinted("assets/style.css", contents: Array("body {}".utf8))
        let hash = String(ContentHash.sha256Hex("body {}").prefix(10))
        #expect(css == "assets/style.\(hash).css")
        #expect(ContentHash.fingerprinted("assets/style.css", contents: Array("body { }".utf8)) != css)
        #expect(ContentHash.fingerprinted("assets/katex/katex.min.css", contents: []) == "assets/katex/katex.min.e3b0c44298.css")
        // No extension, or a dot only in a folder name or at the start of the file name: the hash goes last.
        #expect(ContentHash.fingerprinted("assets/v1.2/LICENSE", contents: []) == "assets/v1.2/LICENSE.e3b0c44298")
        #expect(ContentHash.fingerprinted(".htaccess", contents: []) == ".htaccess.e3b0c44298")
    }
}
