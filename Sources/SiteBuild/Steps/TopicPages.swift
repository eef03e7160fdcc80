import Foundation
import SiteCore
import SiteTopics

extension BuildStep {
    /// Renders a page per topic that any note is on or mentions (`topics/<slug>/`, template `topic`) and
    /// the index of topics (`topics/`, template `topics`).
    public static let topicPages = BuildStep("topic pages") { context in
        guard let templates = context.templates, let index = context.topicIndex else { return }
        let registry = context.topics
        let withPages = registry.topics.indices.filter(index.hasPage)
        guard !withPages.isEmpty else { return }
        let (model, _) = context.siteModel()
        let topics = TopicPageModel(registry: registry, index: index, pages: context.pages, base: context.config.basePath)
        let renderer = PageRenderer(templates: templates, context: context)
        // With a store, each page is keyed by what it shows (`TopicPageModel.inputs`), and its context is built
        // only when that changed.
        let pages = context.pages
        let faces = renderer.store.map { store in
            pages.indices.map { $0 }.parallelMap { p in store.topics.faces(pages[p]) { topics.faces(p) } }
        } ?? []
        var rendered = withPages.parallelMap { t in
            let path = "topics/\(registry.topics[t].slug)/index.html"
            return renderer.render("topic", path, inputs: { inputs in
                model.baseInputs(title: registry.topics[t].name, into: &inputs)
                topics.inputs(t, faces: faces, into: &inputs)
            }) {
                var page = model.baseContext(title: registry.topics[t].name, outputPath: path)
                page["topic"] = topics.topic(t)
                return page
            }
        }
        let path = "topics/index.html"
        var list = model.baseContext(title: "主题", outputPath: path)
        list["topics"] = topics.list()
        rendered.append(renderer.render("topics", path, list))
        try renderer.output(rendered, into: &context)

        // Samples for the template check: the first topics, and one with a parent if any has.
        let sampled = Array(withPages.prefix(4)) + (withPages.first { registry.parents[$0] != nil }.map { [$0] } ?? [])
        let samples = sampled.map { t -> [String: Any] in
            var sample = model.baseContext(title: "")
            sample["topic"] = topics.topic(t)
            return sample
        }
        context.diagnostics += renderer.check(["topic": samples, "topics": [list]], step: "topic pages")
    }
}

/// The template contexts of topic pages (see the README's template table).
struct TopicPageModel {
    let registry: TopicRegistry
    let index: TopicIndex
    let pages: [Page]
    let base: String
    let children: [[Int]]
    /// By topic: the notes on it or mentioning it.
    let noteCounts: [Int]

    init(registry: TopicRegistry, index: TopicIndex, pages: [Page], base: String) {
        self.registry = registry
        self.index = index
        self.pages = pages
        self.base = base
        children = registry.children
        noteCounts = registry.topics.indices.map { t in
            Set(index.entries[t].map(\.place.page) + index.mentions[t].map(\.page)).count
        }
    }

    func url(_ topic: Int) -> String? {
        index.hasPage(topic) ? base + "topics/\(registry.topics[topic].slug)/" : nil
    }

    func sectionURL(_ place: TopicIndex.Place) -> String {
        let anchor = pages[place.page].topicSummary?.sections[place.section].anchor ?? ""
        return pages[place.page].url + (anchor.isEmpty ? "" : "#" + anchor)
    }

    func reference(_ topic: Int) -> [String: Any] {
        var entry: [String: Any] = ["name": registry.topics[topic].name, "summary": registry.topics[topic].summary,
                                    "count": noteCounts[topic]]
        if let url = url(topic) { entry["url"] = url }
        return entry
    }

    /// Notes shown with their sections on a topic page, most on the topic first; the next ones are listed
    /// by title, and so are the notes that only mention it. A popular topic of a site of 10,000 notes thus
    /// stays a page of about 100 KB.
    static let notesInFull = 40
    static let notesByTitle = 200
    static let mentionsShown = 100

    func topic(_ t: Int) -> [String: Any] {
        let topic = registry.topics[t]
        var byPage: [Int: [TopicIndex.Entry]] = [:]
        var scores: [Int: Int] = [:]
        for entry in index.entries[t] {
            byPage[entry.place.page, default: []].append(entry)
            scores[entry.place.page, default: 0] += entry.score
        }
        let order = byPage.keys.sorted { a, b in (scores[a]!, b) > (scores[b]!, a) }
        let notes: [[String: Any]] = order.prefix(Self.notesInFull).map { p in
            let summary = pages[p].topicSummary
            return [
                "title": pages[p].title, "url": pages[p].url,
                "sections": byPage[p]!.map { entry -> [String: Any] in
                    let section = summary?.sections[entry.place.section]
                    let heading = section?.heading ?? ""
                    return ["heading": heading.isEmpty ? pages[p].title : heading, "url": sectionURL(entry.place),
                            "excerpt": section?.excerpt ?? "", "isQuestion": section?.isQuestion ?? false,
                            "isTop": entry.place.section == 0]
                },
            ]
        }
        let moreNotes: [[String: Any]] = order.dropFirst(Self.notesInFull).prefix(Self.notesByTitle).map { p in
            ["title": pages[p].title, "url": sectionURL(byPage[p]![0].place)]
        }
        let mentions: [[String: Any]] = index.mentions[t].prefix(Self.mentionsShown).map { place in
            ["title": pages[place.page].title, "url": sectionURL(place)]
        }
        let omitted = order.count - notes.count - moreNotes.count + index.mentions[t].count - mentions.count
        let subtopics = children[t].filter { index.hasPage($0) || !children[$0].isEmpty }.map(reference)
        let related = index.related[t].filter(index.hasPage).map(reference)
        var model: [String: Any] = [
            "name": topic.name, "slug": topic.slug, "summary": topic.summary,
            "aliases": topic.aliases.joined(separator: "、"), "hasAliases": !topic.aliases.isEmpty,
            "notes": notes, "noteCount": order.count, "sectionCount": index.entries[t].count,
            "moreNotes": moreNotes, "hasMoreNotes": !moreNotes.isEmpty, "omitted": omitted, "hasOmitted": omitted > 0,
            "children": subtopics, "hasChildren": !subtopics.isEmpty,
            "related": related, "hasRelated": !related.isEmpty,
            "mentions": mentions, "hasMentions": !mentions.isEmpty,
        ]
        if let parent = registry.parents[t] { model["parent"] = reference(parent) }
        return model
    }

    /// By section of page `p`: a hash of what topic pages show of it (the page's title and URL, the
    /// section's anchor, heading, excerpt and whether it is a question).
    func faces(_ p: Int) -> [String] {
        (pages[p].topicSummary?.sections ?? []).map { section in
            TemplateInputs.key(templates: 0, path: pages[p].url) { inputs in
                inputs.combine(strings: pages[p].title, section.anchor, section.heading, section.excerpt)
                inputs.combine(section.isQuestion ? 1 : 0)
            }
        }
    }

    /// Adds to `inputs` what `topic(t)` reads, as it is rather than built into a context (every topic page is
    /// keyed on every rebuild), with `faces` (by page and section, `faces(_:)`) standing in for the sections
    /// it lists. Keep it in
    /// step with `topic(_:)`.
    func inputs(_ t: Int, faces: [[String]], into inputs: inout TemplateInputs) {
        let topic = registry.topics[t]
        inputs.combine(strings: topic.name, topic.slug, topic.summary)
        inputs.combine(strings: topic.aliases)
        inputs.combine(index.entries[t].count)
        for entry in index.entries[t] {
            inputs.combine(entry.place.page)
            inputs.combine(entry.place.section)
            inputs.combine(entry.score)
            inputs.combine(strings: faces[entry.place.page][entry.place.section])
        }
        inputs.combine(index.mentions[t].count)
        for place in index.mentions[t] {
            inputs.combine(place.page)
            inputs.combine(place.section)
            inputs.combine(strings: faces[place.page][place.section])
        }
        for others in [children[t], index.related[t], registry.parents[t].map { [$0] } ?? []] {
            inputs.combine(others.count)
            for u in others {
                inputs.combine(strings: registry.topics[u].name, registry.topics[u].summary, registry.topics[u].slug)
                inputs.combine(noteCounts[u])
                inputs.combine(index.hasPage(u) ? 1 : 0)
                inputs.combine(children[u].isEmpty ? 1 : 0)
            }
        }
    }

    /// The index: top-level topics, each with its sub-topics (all levels) that have pages.
    func list() -> [String: Any] {
        func descendants(_ t: Int, depth: Int) -> [[String: Any]] {
            children[t].flatMap { c -> [[String: Any]] in
                var entry = reference(c)
                entry["depth"] = depth
                let below = descendants(c, depth: depth + 1)
                return (index.hasPage(c) ? [entry] : []) + below
            }
        }
        var groups: [[String: Any]] = []
        for t in registry.topics.indices where registry.parents[t] == nil {
            var group = reference(t)
            let below = descendants(t, depth: 0)
            guard index.hasPage(t) || !below.isEmpty else { continue }
            group["children"] = below
            group["hasChildren"] = !below.isEmpty
            groups.append(group)
        }
        let count = registry.topics.indices.count(where: index.hasPage)
        return ["groups": groups, "count": count]
    }
}
