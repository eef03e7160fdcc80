import Foundation

/// Each note's Markdown links and images (destination, image or not, taken apart: `LinkTable.parse`), in
/// order, kept between builds of one process (`sitegen serve`): when the link table changed (a heading
/// renamed somewhere), a note's links are resolved again from this list instead of walking its tree. Kept per note for the same text and
/// the same tree after the topics step.
public final class OutboundLinksStore: @unchecked Sendable {
    struct Entry {
        var text: String
        var topicDocumentHash: Int
        var links: [OutboundLink]
    }

    struct OutboundLink {
        var destination: String
        var isImage: Bool
        var parsed: LinkTable.ParsedLink
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    /// The links of an equal note (its parse reused, its tree after the topics step equal).
    func links(_ page: Page) -> [OutboundLink]? {
        guard page.reuse.parsed, page.reuse.topicDocumentHash != 0 else { return nil }
        return lock.withLock {
            entries[page.sourcePath].flatMap {
                $0.text == page.text && $0.topicDocumentHash == page.reuse.topicDocumentHash ? $0.links : nil
            }
        }
    }

    func remember(_ page: Page, _ links: [(destination: String, isImage: Bool)]) {
        guard page.reuse.topicDocumentHash != 0 else { return }
        let parsed = links.map { OutboundLink(destination: $0.destination, isImage: $0.isImage,
                                              parsed: LinkTable.parse($0.destination, from: page.sourcePath, isImage: $0.isImage)) }
        lock.withLock { entries[page.sourcePath] = Entry(text: page.text, topicDocumentHash: page.reuse.topicDocumentHash, links: parsed) }
    }

    func removeAll() { lock.withLock { entries = [:] } }
}
