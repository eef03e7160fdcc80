import SiteCore
import SiteSearch

/// A topic of the site: a canonical name with its other names, a parent, and a one-line summary.
public struct Topic: Hashable, Sendable {
    public var name: String
    /// The URL segment of its page, `topics/<slug>/`.
    public var slug: String
    /// Other names: Chinese and English, abbreviations, misspellings. Search treats them as synonyms.
    public var aliases: [String] = []
    /// Narrower terms that put a section on the topic without being synonyms (`鞍点` under local optima).
    public var includes: [String] = []
    /// The name of the broader topic.
    public var parent: String?
    public var summary = ""
    /// The registry entry it came from, for diagnostics; `nil` for the built-in registry.
    public var location: SourceLocation?

    public init(name: String, slug: String, aliases: [String] = [], includes: [String] = [], parent: String? = nil,
                summary: String = "", location: SourceLocation? = nil) {
        self.name = name
        self.slug = slug
        self.aliases = aliases
        self.includes = includes
        self.parent = parent
        self.summary = summary
        self.location = location
    }

    /// Every name that puts text on the topic.
    public var names: [String] { [name] + aliases + includes }
}

/// The topics of a site and the one matcher that finds them in text.
public struct TopicRegistry: Sendable {
    public let topics: [Topic]
    /// The parent of each topic, by index.
    public let parents: [Int?]
    public let matcher: TopicMatcher
    private let byName: [[SearchTokenizer.Term]: Int]

    /// `topics` with unique names and slugs and parents that exist (the loader sees to it).
    public init(_ topics: [Topic]) {
        self.topics = topics
        var byName: [[SearchTokenizer.Term]: Int] = [:]
        for (i, topic) in topics.enumerated() {
            for name in topic.names where byName[SearchTokenizer.nameTokens(name)] == nil {
                byName[SearchTokenizer.nameTokens(name)] = i
            }
        }
        self.byName = byName
        parents = topics.map { topic in topic.parent.flatMap { byName[SearchTokenizer.nameTokens($0)] } }
        matcher = TopicMatcher(topics)
    }

    public static let empty = TopicRegistry([])

    /// The topic one of whose names is `name` (folded as search folds it: case, width, spacing).
    public func topic(named name: String) -> Int? {
        let tokens = SearchTokenizer.nameTokens(name)
        return tokens.isEmpty ? nil : byName[tokens]
    }

    /// The topics' names and aliases as search synonym groups (`BN` finds `批归一化`); `includes` are left out.
    public var searchSynonyms: SearchSynonyms {
        SearchSynonyms(topics.map { [$0.name] + $0.aliases })
    }

    /// The topics whose parent is each topic, by index.
    public var children: [[Int]] {
        var children = Array(repeating: [Int](), count: topics.count)
        for (i, parent) in parents.enumerated() { if let parent { children[parent].append(i) } }
        return children
    }
}
