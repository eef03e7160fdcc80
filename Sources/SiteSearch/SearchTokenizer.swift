import Foundation
import SiteCore

/// Splits text into the terms of the search index. `templates/assets/search.js` applies the same rules to
/// queries and snippets; `SearchClientTests` checks that the two agree.
///
/// - Letters and digits outside CJK scripts form words, compatibility-folded (full-width `ＢＮ` is `bn`),
///   accents dropped and lower-cased: `Batch-Norm` → `batch`, `norm`; `L2` → `l2`.
/// - Chinese (and Japanese, Korean) runs give every character and every pair of neighbours:
///   `批归一化` → `批`, `批归`, `归`, `归一`, `一`, `一化`, `化`. Pairs make multi-character queries precise,
///   single characters make one-character queries work.
/// - Scripts split without spaces: `BN层` → `bn`, `层`.
/// - Everything else (punctuation, symbols, spaces, private-use placeholders) separates terms. Punctuation and
///   spaces separate without being folded, so `…` is not three full stops.
/// - Where a synonym name occurs (its words and characters in a row), the term `~<group>` is added too:
///   `Batch Normalization`, `BN` and `批归一化` all give `~0` when the first group lists them. Of names
///   ending at the same place only the longest counts (`批归一化`, not `归一化`).
///
/// A tokenizer remembers how it folded each character; use one per thread (per page, say).
public struct SearchTokenizer: Sendable {
    /// Words longer than this are not terms (hashes, URLs with the punctuation stripped, base64).
    public static let maxWordLength = 40

    /// A term as the index counts it: CJK characters and pairs packed into an integer (cheap to hash and
    /// compare), words and synonym groups as text.
    public enum Term: Hashable, Sendable {
        case cjk(UInt64)
        case text(String)

        init(_ s: Unicode.Scalar) { self = .cjk(UInt64(s.value)) }
        init(_ first: Unicode.Scalar, _ second: Unicode.Scalar) { self = .cjk(UInt64(first.value) << 21 | UInt64(second.value)) }

        /// The term as it appears in the index files.
        public var string: String {
            switch self {
            case .text(let s): return s
            case .cjk(let packed):
                let second = String(Unicode.Scalar(UInt32(packed & 0x1F_FFFF)) ?? " ")
                guard packed >> 21 > 0 else { return second }
                return String(Unicode.Scalar(UInt32(packed >> 21)) ?? " ") + second
            }
        }
    }

    public let names: SynonymNames
    private var folded: [Unicode.Scalar: [Unicode.Scalar]] = [:]

    public init(names: SynonymNames = SynonymNames()) {
        self.names = names
    }

    /// A word or a CJK character of a text, with where it is.
    public enum Token: Sendable {
        /// A folded word (`bn`, `l2`) and its UTF-8 offsets in the text.
        case word(String, Range<Int>)
        /// A CJK character; `follows` when the character before it is one too (no space or punctuation between).
        case character(Unicode.Scalar, Range<Int>, follows: Bool)

        /// The token as a term (a word or a single character).
        public var term: Term {
            switch self {
            case .word(let w, _): .text(w)
            case .character(let s, _, _): Term(s)
            }
        }

        /// UTF-8 offsets of the token in the text it came from.
        public var range: Range<Int> {
            switch self {
            case .word(_, let r), .character(_, let r, _): r
            }
        }
    }

    /// Calls `emit` with every term of `text` in reading order.
    public mutating func forEachTerm(in text: String, _ emit: (Term) -> Void) {
        let matcher = names.matcher
        let groupTerms = names.groupTerms
        var state = PhraseMatcher<Term, Int>.start
        var previous: Unicode.Scalar?
        forEachToken(in: text) { token in
            let term = token.term
            emit(term)
            if case .character(let s, _, let follows) = token {
                if follows, let previous {
                    emit(Term(previous, s))
                } else if previous != nil {
                    state = PhraseMatcher<Term, Int>.start  // a gap between two characters: no name spans it
                }
                previous = s
            } else {
                previous = nil
            }
            guard !matcher.isEmpty else { return }
            state = matcher.next(state, term)
            if let match = matcher.longestMatch(at: state) {
                for g in match.values { emit(groupTerms[g]) }
            }
        }
    }

    /// Calls `emit` with every word and CJK character of `text` in reading order (no pairs, no synonyms).
    public mutating func forEachToken(in text: String, _ emit: (Token) -> Void) {
        var folded = self.folded
        defer { self.folded = folded }
        // The word's UTF-8 bytes, made a `String` once it ends.
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var wordLength = 0
        var wordStart = 0
        var previousCJK = false
        var offset = 0
        var scalarEnd = 0

        func endWord() {
            if wordLength > 0, wordLength <= Self.maxWordLength {
                emit(.word(String(decoding: word, as: UTF8.self), wordStart..<offset))
            }
            word.removeAll(keepingCapacity: true)
            wordLength = 0
        }
        func appendToWord(_ text: String) {
            if wordLength == 0 { wordStart = offset }
            word += text.utf8
            previousCJK = false
        }
        func take(_ s: Unicode.Scalar) {
            switch s.value {
            case 0x30...0x39, 0x61...0x7A:
                if wordLength == 0 { wordStart = offset }
                word.append(UInt8(s.value))
                wordLength += 1
                previousCJK = false
            case 0x41...0x5A:
                if wordLength == 0 { wordStart = offset }
                word.append(UInt8(s.value + 32))
                wordLength += 1
                previousCJK = false
            case 0...0x7F:
                endWord()
                previousCJK = false
            default:
                if Self.isCJK(s) {
                    endWord()
                    emit(.character(s, offset..<scalarEnd, follows: previousCJK))
                    previousCJK = true
                    return
                }
                switch s.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    break  // accents fold away; the word goes on
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber:
                    let lower = s.properties.lowercaseMapping
                    appendToWord(lower)
                    wordLength += lower.unicodeScalars.count
                default:
                    endWord()
                    previousCJK = false
                }
            }
        }

        for s in text.unicodeScalars {
            scalarEnd = offset + UTF8.width(s)
            defer { offset = scalarEnd }
            if s.isASCII || Self.isCJK(s) {
                take(s)
            } else if (0xFF01...0xFF5E).contains(s.value) {
                take(Unicode.Scalar(UInt8(s.value - 0xFEE0)))  // full-width ASCII
            } else if Self.separatesWithoutFolding(s) {
                take(" ")
            } else if let parts = folded[s] {
                for part in parts { take(part) }
            } else {
                let parts = Array(String(s).decomposedStringWithCompatibilityMapping.unicodeScalars)
                folded[s] = parts
                for part in parts { take(part) }
            }
        }
        endWord()
    }

    /// The terms of `text` in reading order.
    public static func terms(in text: String, names: SynonymNames = SynonymNames()) -> [String] {
        var tokenizer = SearchTokenizer(names: names)
        var terms: [String] = []
        tokenizer.forEachTerm(in: text) { terms.append($0.string) }
        return terms
    }

    /// Punctuation and spaces.
    private static func separatesWithoutFolding(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            true
        default:
            false
        }
    }

    /// Characters indexed one by one and in pairs: Han ideographs, kana, Hangul syllables, `々〆〇`.
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3005...0x3007, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FA1F:
            true
        default:
            false
        }
    }

    /// The synonym names the tokenizer looks for, as the words and characters they are made of.
    public struct SynonymNames: Hashable, Sendable {
        /// Finds the names; a name's values are the groups that list it.
        var matcher = SynonymNames.noNames
        /// `~0`, `~1`, …: the index terms of the groups.
        var groupTerms: [Term] = []

        /// Shared: topics make a tokenizer without synonyms for every name they look up.
        private static let noNames = PhraseMatcher<Term, Int>([])

        public init() {}

        public init(_ synonyms: SearchSynonyms) {
            groupTerms = synonyms.groups.indices.map { .text("~\($0)") }
            matcher = PhraseMatcher(synonyms.groups.enumerated().flatMap { g, names in
                names.map { (SearchTokenizer.nameTokens($0), g) }
            })
        }
    }

    /// The words and characters of a name, as `forEachToken` finds them in a text.
    public static func nameTokens(_ name: String) -> [Term] {
        var tokenizer = SearchTokenizer()
        var tokens: [Term] = []
        tokenizer.forEachToken(in: name) { tokens.append($0.term) }
        return tokens
    }
}
