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
/// - Everything else (punctuation, symbols, spaces, private-use placeholders) separates terms.
/// - Where a synonym name occurs (its words and characters in a row), the term `~<group>` is added too:
///   `Batch Normalization`, `BN` and `批归一化` all give `~0` when the first group lists them. Of names
///   ending at the same place only the longest counts (`批归一化`, not `归一化`).
public enum SearchTokenizer {
    /// Words longer than this are not terms (hashes, URLs with the punctuation stripped, base64).
    public static let maxWordLength = 40

    /// Calls `emit` with every term of `text` in reading order.
    public static func forEachTerm(in text: String, names: SynonymNames = SynonymNames(), _ emit: (String) -> Void) {
        var word = ""
        var wordLength = 0
        var previousCJK: Unicode.Scalar?
        var folded: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        var recent: [String] = []

        func token(_ t: String) {
            guard names.longest > 0 else { return }
            recent.append(t)
            if recent.count > names.longest { recent.removeFirst() }
            guard names.lastTokens.contains(t) else { return }
            for length in stride(from: recent.count, through: 1, by: -1) {
                if let groups = names.groups[recent.suffix(length).joined(separator: " ")] {
                    for g in groups { emit(SynonymNames.term(g)) }
                    return
                }
            }
        }
        func endWord() {
            if wordLength > 0, wordLength <= maxWordLength {
                emit(word)
                token(word)
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
                if isCJK(s) {
                    endWord()
                    let character = String(s)
                    emit(character)
                    if let previous = previousCJK {
                        emit(String(previous) + character)
                    } else if recent.last.map(isCJKToken) == true {
                        recent.removeAll()  // a gap between two characters: no name spans it
                    }
                    token(character)
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
            if s.isASCII || isCJK(s) {
                take(s)
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
        var terms: [String] = []
        forEachTerm(in: text, names: names) { terms.append($0) }
        return terms
    }

    /// The words and characters of `text` a synonym name is matched by, in order.
    static func tokens(in text: String) -> [String] {
        terms(in: text).filter { term in !(term.unicodeScalars.count == 2 && term.unicodeScalars.allSatisfy(isCJK)) }
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

    private static func isCJKToken(_ t: String) -> Bool {
        t.unicodeScalars.count == 1 && t.unicodeScalars.allSatisfy(isCJK)
    }

    /// The synonym names the tokenizer looks for, as their tokens joined by spaces.
    public struct SynonymNames: Hashable, Sendable {
        /// Tokens of a name joined by a space → the groups that list the name.
        public var groups: [String: [Int]] = [:]
        /// The tokens names end with (a quick test before looking further back).
        public var lastTokens: Set<String> = []
        /// The most tokens in a name.
        public var longest = 0

        public init() {}

        public init(_ synonyms: SearchSynonyms) {
            for (g, names) in synonyms.groups.enumerated() {
                for name in names {
                    let tokens = SearchTokenizer.tokens(in: name)
                    guard let last = tokens.last else { continue }
                    let key = tokens.joined(separator: " ")
                    if groups[key]?.contains(g) != true { groups[key, default: []].append(g) }
                    lastTokens.insert(last)
                    longest = max(longest, tokens.count)
                }
            }
        }

        /// The index term of synonym group `group`.
        public static func term(_ group: Int) -> String { "~\(group)" }
    }
}
