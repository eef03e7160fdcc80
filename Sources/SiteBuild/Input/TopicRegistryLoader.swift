import Foundation
import SiteCore
import SiteSearch
import SiteTopics
import Yams

/// Reads topic registries (`BuiltInTopics.yml`, a site's `topics.yml`): a mapping from each topic's name to
/// its `aliases`, `includes`, `parent`, `summary` and `slug`. The site's file adds topics and overrides
/// built-in ones by name (its aliases and includes are added, its other fields replace); `Name: false`
/// removes a built-in topic. A problem in an entry is a warning at it and costs only that entry or field.
public enum TopicRegistryLoader {
    public static let builtInPath = "(built-in topics)"

    /// The registry from the built-in topics (when `builtIn`) and the site's file (`text`, shown as `path`).
    public static func load(builtIn: Bool, site: (text: String, path: String)?) -> (TopicRegistry, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var topics: [Topic] = []
        if builtIn { topics = entries(BuiltInTopics.yaml, path: builtInPath, diagnostics: &diagnostics).compactMap(\.topic) }
        var index: [[SearchTokenizer.Term]: Int] = [:]
        for (i, topic) in topics.enumerated() { index[SearchTokenizer.nameTokens(topic.name)] = i }
        var removed: Set<Int> = []
        var siteTopics: Set<Int> = []
        if let site {
            for entry in entries(site.text, path: site.path, diagnostics: &diagnostics) {
                let key = SearchTokenizer.nameTokens(entry.name)
                guard let topic = entry.topic else {
                    if let i = index[key] { removed.insert(i) }
                    continue
                }
                if let i = index[key], !siteTopics.contains(i) {
                    // Overrides a built-in topic: names are added, the other fields replace.
                    var merged = topics[i]
                    merged.aliases += topic.aliases.filter { !merged.aliases.contains($0) }
                    merged.includes += topic.includes.filter { !merged.includes.contains($0) }
                    if entry.fields.contains("parent") { merged.parent = topic.parent }
                    if entry.fields.contains("summary") { merged.summary = topic.summary }
                    if entry.fields.contains("slug") { merged.slug = topic.slug }
                    merged.location = topic.location
                    topics[i] = merged
                    siteTopics.insert(i)
                } else if index[key] != nil {
                    diagnostics.append(.warning("topic '\(entry.name)' is listed twice; the first entry is kept", code: "topics-duplicate", at: topic.location))
                } else {
                    index[key] = topics.count
                    siteTopics.insert(topics.count)
                    topics.append(topic)
                }
            }
        }
        topics = topics.indices.filter { !removed.contains($0) }.map { topics[$0] }
        return (TopicRegistry(validated(topics, diagnostics: &diagnostics)), diagnostics)
    }

    /// One name, each name to one topic (a site's topic takes a name from a built-in one; otherwise the first
    /// keeps it), unique slugs, parents that exist and no cycles.
    static func validated(_ topics: [Topic], diagnostics: inout [Diagnostic]) -> [Topic] {
        var topics = topics
        var owner: [[SearchTokenizer.Term]: Int] = [:]
        let order = topics.indices.filter { topics[$0].location != nil } + topics.indices.filter { topics[$0].location == nil }
        for i in order {
            for name in topics[i].names {
                let key = SearchTokenizer.nameTokens(name)
                if key.isEmpty { continue }
                if let first = owner[key], first != i {
                    if topics[i].location != nil, topics[first].location != nil {
                        diagnostics.append(.warning("'\(name)' already names topic '\(topics[first].name)'; it is left out of '\(topics[i].name)'",
                                                    code: "topics-name-taken", at: topics[i].location))
                    }
                    topics[i].aliases.removeAll { SearchTokenizer.nameTokens($0) == key }
                    topics[i].includes.removeAll { SearchTokenizer.nameTokens($0) == key }
                } else {
                    owner[key] = i
                }
            }
        }
        var slugs: Set<String> = []
        for i in topics.indices {
            var slug = topics[i].slug
            var n = 2
            while slugs.contains(slug) {
                slug = "\(topics[i].slug)-\(n)"
                n += 1
            }
            if slug != topics[i].slug, topics[i].location != nil {
                diagnostics.append(.warning("topic '\(topics[i].name)' would have the page 'topics/\(topics[i].slug)/', which another topic has; it gets 'topics/\(slug)/'",
                                            code: "topics-slug", at: topics[i].location))
            }
            topics[i].slug = slug
            slugs.insert(slug)
        }
        for i in topics.indices {
            guard let parent = topics[i].parent else { continue }
            guard let p = owner[SearchTokenizer.nameTokens(parent)], p != i else {
                diagnostics.append(.warning("topic '\(topics[i].name)' has parent '\(parent)', which is no topic; the parent is left out",
                                            code: "topics-parent", at: topics[i].location))
                topics[i].parent = nil
                continue
            }
            topics[i].parent = topics[p].name
        }
        for i in topics.indices {
            var seen: Set<String> = [topics[i].name]
            var current = topics[i].parent
            while let name = current, let p = owner[SearchTokenizer.nameTokens(name)] {
                if !seen.insert(topics[p].name).inserted || p == i {
                    diagnostics.append(.warning("topic '\(topics[i].name)' is its own ancestor (parents loop); its parent is left out",
                                                code: "topics-parent", at: topics[i].location))
                    topics[i].parent = nil
                    break
                }
                current = topics[p].parent
            }
        }
        return topics
    }

    struct Entry {
        var name: String
        /// `nil` for `Name: false` (remove the topic).
        var topic: Topic?
        /// The keys the entry gives.
        var fields: Set<String>
    }

    /// The entries of one registry file, in order.
    static func entries(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> [Entry] {
        let document = YAMLDocument(path: path, firstLine: 1)
        let (root, error) = document.compose(text, code: "topics-yaml")
        if let error {
            diagnostics.append(.warning(error.message + "; no topics are read from this file", code: error.code, at: error.location))
            return []
        }
        guard let root, root.null == nil else { return [] }
        guard let mapping = root.mapping else {
            diagnostics.append(.warning("a topic registry is a mapping of topic names to their fields (`Sigmoid: {aliases: [Sigmod]}`); this file is ignored",
                                        code: "topics-type", at: document.location(of: root)))
            return []
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            let location = document.location(of: key)
            guard let name = YAMLDocument.text(key)?.trimmingCharacters(in: .whitespaces), !SearchTokenizer.nameTokens(name).isEmpty else {
                diagnostics.append(.warning("a topic needs a name with letters or characters; this entry is ignored", code: "topics-type", at: location))
                continue
            }
            if value.bool == false {
                entries.append(Entry(name: name, topic: nil, fields: []))
                continue
            }
            var topic = Topic(name: name, slug: URLSlug.make(name), location: path == builtInPath ? nil : location)
            var fields: Set<String> = []
            func names(_ node: Node, _ field: String) -> [String] {
                if let list = node.sequence {
                    return list.compactMap { item in
                        guard let text = YAMLDocument.text(item) else {
                            diagnostics.append(.warning("'\(field)' of topic '\(name)' lists something that is not a name; it is left out",
                                                        code: "topics-type", at: document.location(of: item)))
                            return nil
                        }
                        return text.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty }
                }
                if let text = YAMLDocument.text(node) {
                    return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                if node.null == nil {
                    diagnostics.append(.warning("'\(field)' of topic '\(name)' should be a list of names (`[BN, 批归一化]`); it is ignored",
                                                code: "topics-type", at: document.location(of: node)))
                }
                return []
            }
            func text(_ node: Node, _ field: String) -> String? {
                if let text = YAMLDocument.text(node) { return text.trimmingCharacters(in: .whitespaces) }
                if node.null == nil {
                    diagnostics.append(.warning("'\(field)' of topic '\(name)' should be text; it is ignored", code: "topics-type",
                                                at: document.location(of: node)))
                }
                return nil
            }
            if let fieldsMapping = value.mapping {
                for (fieldKey, fieldValue) in fieldsMapping {
                    let field = fieldKey.string ?? ""
                    fields.insert(field)
                    switch field {
                    case "aliases": topic.aliases = names(fieldValue, field)
                    case "includes": topic.includes = names(fieldValue, field)
                    case "parent": topic.parent = text(fieldValue, field).flatMap { $0.isEmpty ? nil : $0 }
                    case "summary": topic.summary = text(fieldValue, field) ?? ""
                    case "slug": topic.slug = URLSlug.make(text(fieldValue, field) ?? name)
                    default:
                        fields.remove(field)
                        diagnostics.append(.warning("unknown field '\(field)' of topic '\(name)' is ignored (fields: aliases, includes, parent, summary, slug)",
                                                    code: "topics-unknown", at: document.location(of: fieldKey)))
                    }
                }
            } else if value.null == nil {
                diagnostics.append(.warning("topic '\(name)' should map to its fields (`aliases:`, `parent:`, `summary:`) or be `false` to remove it; it is kept with its name only",
                                            code: "topics-type", at: document.location(of: value)))
            }
            entries.append(Entry(name: name, topic: topic, fields: fields))
        }
        return entries
    }
}
