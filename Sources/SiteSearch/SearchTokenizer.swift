import Foundation

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

    /// Calls `emit` with every term of `text` in reading order.
    public mutating func forEachTerm(in text: String, _ emit: (Term) -> Void) {
        let names = self.names
        var folded = self.folded
        defer { self.folded = folded }
        var word = ""
        var wordLength = 0
        var previousCJK: Unicode.Scalar?
        var recent: [Term] = []

        func token(_ t: Term) {
            guard names.longest > 0 else { return }
            recent.append(t)
            if recent.count > names.longest { recent.removeFirst() }
            guard names.lastTokens.contains(t) else { return }
            for length in stride(from: recent.count, through: 1, by: -1) {
                if let groups = names.groups[Array(recent.suffix(length))] {
                    for g in groups { emit(names.groupTerms[g]) }
                    return
                }
            }
        }
        func endWord() {
            if wordLength > 0, wordLength <= Self.maxWordLength {
                emit(.text(word))
                token(.text(word))
            }
            word = ""
            wordLength = 0
        }
        func take(_ s: Unicode.Scalar) {
            switch s.value {
            case 0x30...0x39, 0x61...0x7A:
                word.unicodeScalars.append(s)
                wordLength += 1
                previousCJK = nil
            case 0x41...0x5A:
                word.unicodeScalars.append(Unicode.Scalar(UInt8(s.value + 32)))
                wordLength += 1
                previousCJK = nil
            case 0...0x7F:
                endWord()
                previousCJK = nil
            default:
                if Self.isCJK(s) {
                    endWord()
                    emit(Term(s))
                    if let previous = previousCJK {
                        emit(Term(previous, s))
                    } else if case .cjk = recent.last {
                        recent.removeAll()  // a gap between two characters: no name spans it
                    }
                    token(Term(s))
                    previousCJK = s
                    return
                }
                switch s.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    break  // accents fold away; the word goes on
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber:
                    let lower = s.properties.lowercaseMapping
                    word += lower
                    wordLength += lower.unicodeScalars.count
                    previousCJK = nil
                default:
                    endWord()
                    previousCJK = nil
                }
            }
        }

        for s in text.unicodeScalars {
            if s.isASCII || Self.isCJK(s) {
                take(s)
            } else if (0xFF01...0xFF5E).contains(s.value) {
                take(Unicode.Scalar(UInt8(s.value - 0xFEE0)))  // full-width ASCII
            } else if Self.separatesWithoutFolding(s) {
                take(" ")
            } else if let parts = folded[s] {
                parts.forEach(take)
            } else {
                let parts = Array(String(s).decomposedStringWithCompatibilityMapping.unicodeScalars)
                folded[s] = parts
                parts.forEach(take)
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
        /// A name's words and characters → the groups that list the name.
        var groups: [[Term]: [Int]] = [:]
        /// The words and characters names end with (a quick test before looking further back).
        var lastTokens: Set<Term> = []
        /// The most words and characters in a name.
        var longest = 0
        /// `~0`, `~1`, …: the index terms of the groups.
        var groupTerms: [Term] = []

        public init() {}

        public init(_ synonyms: SearchSynonyms) {
            groupTerms = synonyms.groups.indices.map { .text("~\($0)") }
            for (g, names) in synonyms.groups.enumerated() {
                for name in names {
                    var tokenizer = SearchTokenizer()
                    var tokens: [Term] = []
                    tokenizer.forEachTerm(in: name) { term in
                        if case .cjk(let packed) = term, packed >> 21 > 0 { return }  // pairs are not tokens
                        tokens.append(term)
                    }
                    guard let last = tokens.last else { continue }
                    if groups[tokens]?.contains(g) != true { groups[tokens, default: []].append(g) }
                    lastTokens.insert(last)
                    longest = max(longest, tokens.count)
                }
            }
        }
    }
}
