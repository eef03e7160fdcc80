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
