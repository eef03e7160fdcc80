/// Comments that mark where a note's raw HTML begins and ends inside a rendered body, so the sanitiser
/// judges only the author's HTML and knows its source line. Everything outside the marks is the
/// renderer's own markup and is kept as it is.
///
/// Each comment carries a random nonce, so HTML in a note cannot close its region early and pass for
/// the renderer's markup.
public struct RawHTMLMarkers: Sendable, Hashable {
    let nonce: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        nonce = "sitegen-raw-" + String(generator.next() as UInt64, radix: 16)
    }

    /// `html` (one raw HTML node of a note) between marks; `line` is where it starts in the source.
    public func mark(_ html: String, line: Int?) -> String {
        "<!--\(nonce) \(line ?? 0)-->" + html + "<!--\(nonce)-->"
    }

    enum Mark: Equatable {
        case start(line: Int?)
        case end
    }

    /// What a comment's text means: the start (with its line) or end of a raw region, or nothing.
    func mark(inComment text: String) -> Mark? {
        guard text.hasPrefix(nonce) else { return nil }
        let rest = text.dropFirst(nonce.count)
        if rest.isEmpty { return .end }
        guard rest.first == " ", let line = Int(rest.dropFirst()) else { return nil }
        return .start(line: line > 0 ? line : nil)
    }
}
