import Foundation
import SiteCore

extension BuildStep {
    /// The checks only `sitegen check` runs: notes nothing links to (`note-orphan`, a note) and topics of the
    /// site's `topics.yml` that no note is on (`topic-unused`, a warning at the entry; unused built-in topics
    /// are normal and not counted). Broken links, anchors, images, wikilinks and duplicate questions are
    /// reported by the build's own steps.
    public static let checkSite = BuildStep("check") { context in
        guard let index = context.topicIndex else { return }
        var orphans = 0
        for i in context.pages.indices {
            let page = context.pages[i]
            guard page.isNote, !page.isIndex, !page.listedInNavigation, page.backlinks.isEmpty else { continue }
            orphans += 1
            context.pages[i].diagnostics.append(.note(
                "nothing links to this note (no link, wikilink or sidebar entry); readers find it only in its section's list, so link it from a related note",
                code: "note-orphan", at: page.location(line: 1, column: 1)))
        }
        context.counters["orphanNotes"] = orphans
        let registry = context.topics
        var unused = 0
        for (t, topic) in registry.topics.enumerated() where !index.hasPage(t) {
            guard let location = topic.location else { continue }
            unused += 1
            context.diagnostics.append(.warning(
                "topic '\(topic.name)' has no page: no note names it or its aliases; add the names your notes use to its `aliases:`, or remove it",
                code: "topic-unused", at: location))
        }
        context.counters["topicsWithoutPages"] = unused
    }
}
