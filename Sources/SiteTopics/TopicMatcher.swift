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
    ///
    /// The memo keeps a fingerprint of each text, not the text, so it outlives the tree that held the texts (a
    /// large build lets each tree go after its summary and parses the note again to link it); `packed()` is
    /// the form to keep until then.
    public struct Memo: Sendable {
        /// Matches of the texts added since the memo was packed, by fingerprint.
        private var recent: [Int: [Match]] = [:]
        /// Packed: fingerprints in ascending order; the matches of `fingerprints[i]` are
        /// `packedMatches[ends[i - 1]..<ends[i]]` (from 0 for the first).
        private var fingerprints: [Int] = []
        private var ends: [UInt32] = []
        private var packedMatches: [Match] = []

        public init() {}

        /// Texts the memo knows.
        public var count: Int { recent.count + fingerprints.count }

        /// The same memo in sorted arrays (12 bytes a text and the matches in one array) instead of a hash
        /// table with an array per text: what a build keeps for every note between its two passes.
        public consuming func packed() -> Memo {
            guard !recent.isEmpty else { return self }
            var entries = recent.map { ($0.key, $0.value) }
            for i in fingerprints.indices { entries.append((fingerprints[i], packedMatches(at: i))) }
            entries.sort { $0.0 < $1.0 }
            let total = entries.reduce(0) { $0 + $1.1.count }
            guard total < UInt32.max else { return self }
            var packed = Memo()
            packed.fingerprints.reserveCapacity(entries.count)
            packed.ends.reserveCapacity(entries.count)
            packed.packedMatches.reserveCapacity(total)
            for (fingerprint, matches) in entries {
                packed.fingerprints.append(fingerprint)
                packed.packedMatches += matches
                packed.ends.append(UInt32(packed.packedMatches.count))
            }
            return packed
        }

        private func packedMatches(at i: Int) -> [Match] {
            Array(packedMatches[(i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])])
        }

        fileprivate func matches(_ fingerprint: Int) -> [Match]? {
            if let found = recent[fingerprint] { return found }
            var low = 0, high = fingerprints.count
            while low < high {
                let middle = (low + high) / 2
                if fingerprints[middle] < fingerprint { low = middle + 1 } else { high = middle }
            }
            guard low < fingerprints.count, fingerprints[low] == fingerprint else { return nil }
            return packedMatches(at: low)
        }

        fileprivate mutating func remember(_ matches: [Match], of fingerprint: Int) {
            recent[fingerprint] = matches
        }

        /// A 64-bit hash of the text's UTF-8 bytes and their count. Two texts of one note sharing one is as
        /// likely as about n²/2⁶⁵ for n texts (10⁻¹⁶ for a note of a hundred); `String`'s own hashing, which
        /// normalises non-ASCII text first, cost more than matching the text.
        fileprivate static func fingerprint(_ text: String) -> Int {
            var text = text
            var hasher = Hasher()
            text.withUTF8 { bytes in
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                hasher.combine(bytes.count)
            }
            return hasher.finalize()
        }
    }

    /// `matches(in:)`, remembered in `memo`.
    public func matches(in text: String, memo: inout Memo) -> [Match] {
        let fingerprint = Memo.fingerprint(text)
        if let known = memo.matches(fingerprint), Self.fit(known, text) { return known }
        let found = matches(in: text)
        memo.remember(found, of: fingerprint)
        return found
    }

    /// `matches(in:)`, or what `memo` remembers of `text`.
    public func matches(in text: String, memo: Memo) -> [Match] {
        // A note whose summary came from a cache is linked with an empty memo: no text is worth hashing then.
        guard memo.count > 0, let known = memo.matches(Memo.fingerprint(text)), Self.fit(known, text) else { return matches(in: text) }
        return known
    }

    /// Whether `matches` can be a text's (within its bytes): the rare other text sharing its fingerprint may
    /// give wrong links, never a range past the text's end.
    private static func fit(_ matches: [Match], _ text: String) -> Bool {
        matches.last.map { $0.range.upperBound <= text.utf8.count } ?? true
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
