/// The names the build documents for templates (`/work/dev/template-context.md`, the README's
/// "Template variables"). Optional values are often absent from a real context (a note without a date,
/// the first note of a section has no `prev`), so the variable check merges this model into every sample
/// context: a documented name never warns, a misspelt one does.
enum PageModel {
    /// Each line is a dotted path; `[]` marks a list whose elements have the fields that follow;
    /// `?` marks a `Bool`.
    static let documentedPaths: [String] = [
        "site.title", "site.description", "site.language", "site.author", "site.base", "site.year", "site.url",
        "site.feed", "site.hasTopics?", "site.hasTags?", "head", "generator", "pageTitle", "canonical", "description",
        "nav.isHome?", "nav.rootNotes[].title", "nav.rootNotes[].url", "nav.rootNotes[].isCurrent?",
        "nav.rootMore.url", "nav.rootMore.count",
        "nav.sections[].title", "nav.sections[].url", "nav.sections[].depth", "nav.sections[].isCurrent?",
        "nav.sections[].isOpen?", "nav.sections[].hasNotes?", "nav.sections[].notes[].title", "nav.sections[].notes[].url",
        "nav.sections[].notes[].isCurrent?", "nav.sections[].more.url", "nav.sections[].more.count",
        "page.title", "page.url", "page.slug", "page.section.title", "page.section.url", "page.date",
        "page.updated", "page.description", "page.editURL",
        "page.tags[].name", "page.tags[].url", "page.content",
        "page.toc[].id", "page.toc[].text", "page.toc[].level", "page.toc[].depth", "page.hasToc?",
        "page.questions[].id", "page.questions[].title", "page.questions[].label", "page.questions[].html",
        "page.questions[].followUps[].id", "page.questions[].followUps[].title", "page.questions[].followUps[].label", "page.questions[].followUps[].html",
        "page.questionCount", "page.hasQuestions?", "page.format", "page.source", "page.showTitle?",
        "page.prev.title", "page.prev.url", "page.next.title", "page.next.url",
        "page.topics[].title", "page.topics[].url", "page.hasTopics?",
        "page.backlinks[].title", "page.backlinks[].url", "page.backlinks[].detail", "page.backlinks[].hasDetail?",
        "page.hasBacklinks?",
        "home.sections[].title", "home.sections[].url", "home.sections[].questionCount",
        "home.sections[].notes[].title", "home.sections[].notes[].url", "home.sections[].notes[].date",
        "home.sections[].notes[].questionCount", "home.sections[].notes[].format",
        "home.title", "home.noteCount", "home.content", "home.showTitle?",
        "topic.name", "topic.slug", "topic.summary", "topic.aliases", "topic.hasAliases?",
        "topic.parent.name", "topic.parent.url", "topic.parent.summary", "topic.parent.count",
        "topic.notes[].title", "topic.notes[].url", "topic.notes[].sections[].heading", "topic.notes[].sections[].url",
        "topic.notes[].sections[].excerpt", "topic.notes[].sections[].isQuestion?", "topic.notes[].sections[].isTop?",
        "topic.noteCount", "topic.sectionCount", "topic.moreNotes[].title", "topic.moreNotes[].url", "topic.hasMoreNotes?",
        "topic.omitted", "topic.hasOmitted?",
        "topic.children[].name", "topic.children[].url", "topic.children[].summary", "topic.children[].count", "topic.hasChildren?",
        "topic.related[].name", "topic.related[].url", "topic.related[].summary", "topic.related[].count", "topic.hasRelated?",
        "topic.mentions[].title", "topic.mentions[].url", "topic.hasMentions?",
        "tag.name", "tag.slug", "tag.count", "tag.notes[].title", "tag.notes[].url", "tag.notes[].section", "tag.notes[].date",
        "tags.count", "tags.list[].name", "tags.list[].url", "tags.list[].count",
        "topics.count", "topics.groups[].name", "topics.groups[].url", "topics.groups[].summary", "topics.groups[].count",
        "topics.groups[].hasChildren?", "topics.groups[].children[].name", "topics.groups[].children[].url",
        "topics.groups[].children[].summary", "topics.groups[].children[].count", "topics.groups[].children[].depth",
    ]

    /// The documented model as one shape: `{site: {…}, head, generator, page: {…}, home: {…}}`.
    static let shape: ValueShape = documentedPaths.reduce(ValueShape.object([:])) { model, path in
        model.merged(with: shape(ofPath: path.split(separator: ".")[...]))
    }

    private static func shape(ofPath components: ArraySlice<Substring>) -> ValueShape {
        guard let first = components.first else { return .scalar }
        let rest = components.dropFirst()
        var key = first
        var isList = false
        var leaf = ValueShape.scalar
        if key.hasSuffix("[]") {
            key = key.dropLast(2)
            isList = true
        } else if key.hasSuffix("?") {
            key = key.dropLast()
            leaf = .flag
        }
        let inner = rest.isEmpty ? leaf : shape(ofPath: rest)
        return .object([String(key): isList ? .list(inner) : inner])
    }

    /// `sample` with the documented fields of the top-level objects it provides filled in. A sample without
    /// `page` stays without `page`, so the 404 page can still be told that it has no page.
    static func completing(_ sample: ValueShape) -> ValueShape {
        guard case .object(let roots) = sample, case .object(let documented) = shape else { return sample }
        var completed = roots
        for (key, value) in roots {
            if let model = documented[key] {
                completed[key] = model.merged(with: value)
            }
        }
        return .object(completed)
    }
}
