import Foundation

/// Names that mean the same thing, for expanding queries: searching `BN` also finds `批归一化`.
///
/// Each group lists the names of one topic, Chinese and English, abbreviations and common misspellings. The
/// index carries the groups; the client expands a query's words that name a group into all of its names.
/// The topic registry supplies the groups of the site (`TopicRegistry.searchSynonyms`).
/// A name is best in one script: a name mixing Latin and CJK (`L2 正则`) matches wherever its parts all occur.
public struct SearchSynonyms: Hashable, Sendable {
    /// The groups in use: names trimmed and de-duplicated, one-character names dropped (`熵` stands in
    /// `交叉熵` and `相对熵` too: a query for it must find them all), groups of fewer than two names dropped.
    public let groups: [[String]]

    public init(_ groups: [[String]]) {
        self.groups = groups.compactMap { group in
            var seen: Set<String> = []
            let names = group.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 1 && seen.insert($0).inserted }
            return names.count > 1 ? names : nil
        }
    }

    /// The names as the tokenizer looks for them; group `i` is the index term `~i`.
    public var names: SearchTokenizer.SynonymNames { SearchTokenizer.SynonymNames(self) }
}
