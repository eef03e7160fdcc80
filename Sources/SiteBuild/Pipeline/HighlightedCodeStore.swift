import Foundation

/// Each note's code blocks as Prism highlighted them, kept between builds of one process (`sitegen serve`)
/// so a rebuild sends only the changed notes' code to node. Kept per note for the same text.
public final class HighlightedCodeStore: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (text: String, highlighted: [Int: String])] = [:]

    public init() {}

    /// The highlighted code blocks of an equal note (its parse reused), by start line.
    func highlighted(_ page: Page) -> [Int: String]? {
        guard page.reuse.parsed else { return nil }
        return lock.withLock { entries[page.sourcePath].flatMap { $0.text == page.text ? $0.highlighted : nil } }
    }

    /// Keeps the highlighted code of `pages` (those with a parse); `forgettingOthers`: and forgets other notes.
    func remember(_ pages: [Page], forgettingOthers: Bool = true) {
        var kept: [String: (text: String, highlighted: [Int: String])] = [:]
        for page in pages where page.protected != nil { kept[page.sourcePath] = (page.text, page.highlightedCode) }
        lock.withLock {
            if forgettingOthers { entries = kept } else { for (path, entry) in kept { entries[path] = entry } }
        }
    }

    func removeAll() { lock.withLock { entries = [:] } }
}
