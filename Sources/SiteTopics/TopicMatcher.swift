import SiteCore
import SiteSearch

/// Finds the names of topics in text with one pass of a `PhraseMatcher` over the text's words and CJK
/// characters, as search tokenizes them: Latin names match whole words, case- and width-insensitively
/// (`BN` is not inside `BNF`, `RNN` not inside `BRNN`); of overlapping names the leftmost, then the longest,
/// wins (`批归一化` is BatchNorm, not 归一化). A name's words may be apart by spaces, `-` or `_`, nothing else;
/// formula placeholders never match and separate names.
public struct TopicMatcher: Sendable {
    public struct Match: Hashable, Sendable {
        public var topic: Int
        /// UTF-8 offsets of the name in the text.
        public var range: Range<Int>
    }

    private let phrases: PhraseMatcher<SearchTokenizer.Term, Int>

    init(_ topics: [Topic]) {
        var entries: [([SearchTokenizer.Term], Int)] = []
        var seen: Set<[SearchTokenizer.Term]> = []
        for (i, topic) in topics.enumerated() {
            for name in topic.names {
                let tokens = SearchTokenizer.nameTokens(name)
                if seen.insert(tokens).inserted { entries.append((tokens, i)) }
            }
        }
        phrases = PhraseMatcher(entries)
    }

    public var isEmpty: Bool { phrases.isEmpty }

    /// Texts already matched, with their matches: a note's summary (`NoteTopics`) and its links
    /// (`TopicLinker`) read the same texts, and with a memo each is matched once.
    public struct Memo: Sendable {
        fileprivate var matches: [Text: [Match]] = [:]
        public init() {}

        /// A text compared and hashed by its UTF-8 bytes: `String`'s own hashing normalises non-ASCII text
        /// first, which cost more than matching it.
        fileprivate struct Text: Hashable {
            var string: String

            static func == (a: Text, b: Text) -> Bool {
                var a = a.string, b = b.string
                return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
            }

            func hash(into hasher: inout Hasher) {
                var string = string
                string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// `matches(in:)`, remembered in `memo`.
    public func matches(in text: String, memo: inout Memo) -> [Match] {
        if let known = memo.matches[Memo.Text(string: text)] { return known }
        let found = matches(in: text)
        memo.matches[Memo.Text(string: text)] = found
        return found
    }

    /// `matches(in:)`, or what `memo` remembers of `text`.
    public func matches(in text: String, memo: Memo) -> [Match] {
        // A note parsed again after its summary is linked with an empty memo: no text is worth hashing then.
        guard !memo.matches.isEmpty else { return matches(in: text) }
        return memo.matches[Memo.Text(string: text)] ?? matches(in: text)
    }

    /// The topic names in `text`, in order, not overlapping.
    public func matches(in text: String) -> [Match] {
        guard !phrases.isEmpty, !text.isEmpty else { return [] }
        var bytes = Array(text.utf8)
        var text = text
        // Most texts hold no formula placeholder (U+E000 and U+E001 start with 0xEE): nothing to mask.
        if bytes.contains(0xEE) {
            bytes = Self.maskingFormulas(bytes)
            text = String(decoding: bytes, as: UTF8.self)
        }
        var candidates: [Match] = []
        var starts: [Int] = []
        var state = PhraseMatcher<SearchTokenizer.Term, Int>.start
        var previousEnd = -1
        var tokenizer = SearchTokenizer()
        tokenizer.forEachToken(in: text) { token in
            let range = token.range
            if previousEnd >= 0, !Self.joins(bytes[previousEnd..<range.lowerBound]) {
                state = PhraseMatcher<SearchTokenizer.Term, Int>.start
            }
            previousEnd = range.upperBound
            starts.append(range.lowerBound)
            state = phrases.next(state, token.term)
            phrases.matches(at: state) { length, values in
                candidates.append(Match(topic: values[0], range: starts[starts.count - length]..<range.upperBound))
            }
        }
        guard candidates.count > 1 else { return candidates }
        candidates.sort { ($0.range.lowerBound, $1.range.upperBound) < ($1.range.lowerBound, $0.range.upperBound) }
        var chosen: [Match] = []
        for candidate in candidates where candidate.range.lowerBound >= (chosen.last?.range.upperBound ?? 0) {
            chosen.append(candidate)
        }
        return chosen
    }

    /// `bytes` with each formula placeholder (U+E000, digits, U+E001) replaced by as many `.` bytes.
    static func maskingFormulas(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        var i = 0
        var inFormula = false
        while i < bytes.count {
            if i + 2 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 || bytes[i + 2] == 0x81 {
                inFormula = bytes[i + 2] == 0x80
                bytes[i] = UInt8(ascii: "."); bytes[i + 1] = UInt8(ascii: "."); bytes[i + 2] = UInt8(ascii: ".")
                i += 3
            } else {
                if inFormula { bytes[i] = UInt8(ascii: ".") }
                i += 1
            }
        }
        return bytes
    }

    /// Whether the bytes between two tokens keep them in one name: nothing, spaces, `-` or `_`.
    private static func joins(_ gap: ArraySlice<UInt8>) -> Bool {
        gap.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "\t") }
    }
}
