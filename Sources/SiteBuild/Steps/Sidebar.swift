import SiteRender

/// The site-wide navigation shown beside every page: the notes at the root, then each section with its notes.
///
/// Every page carries it, so its size is bounded: a site of up to `fullTreeLimit` notes shows every
/// section's notes (the current section open, the others folded); a larger one shows the notes of the
/// current section only, at most `window` on each side of the current note, and the other sections by title.
struct Sidebar {
    struct Entry {
        var title: String
        var url: String
    }

    struct Group {
        /// The folder, `nil` for the notes at the root.
        var key: String?
        var title: String
        var url: String
        /// Folder nesting, 0 for a top-level folder.
        var depth: Int
        var notes: [Entry]
    }

    static let fullTreeLimit = 300
    static let window = 40

    let groups: [Group]
    let base: String
    let fullTree: Bool

    /// Each group's notes as template values, none of them current: every page's sidebar shows up to
    /// `2 × window + 1` of them, made once per site instead of once per page.
    private let noteValues: [[TemplateValue]]
    /// Each group's notes by URL (the first note with a URL).
    private let notePositions: [[String: Int]]

    init(groups: [Group], base: String) {
        self.groups = groups
        self.base = base
        fullTree = groups.reduce(0) { $0 + $1.notes.count } <= Self.fullTreeLimit
        noteValues = groups.map { group in group.notes.map { Self.value(of: $0, isCurrent: false) } }
        notePositions = groups.map { group in
            Dictionary(group.notes.enumerated().map { ($1.url, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private static func value(of note: Entry, isCurrent: Bool) -> TemplateValue {
        ["title": .string(note.title), "url": .string(note.url), "isCurrent": .bool(isCurrent)]
    }

    /// The template value `nav` for the page at `pageURL` in section `section` (`nil`: the root, or no page
    /// at all when `pageURL` is `nil`): `isHome`, `rootNotes[]`, `sections[]` (`title`, `url`, `depth`,
    /// `isCurrent`, `isOpen`, `hasNotes`, `notes[]`, `more`), each note `title`, `url`, `isCurrent`.
    func value(section: String? = nil, pageURL: String? = nil) -> TemplateValue {
        var nav: [String: TemplateValue] = ["isHome": .bool(pageURL == base)]
        var sections: [TemplateValue] = []
        for (g, group) in groups.enumerated() {
            let isOpen = pageURL != nil && group.key == section
            let shown = isOpen || fullTree ? notes(of: g, pageURL: isOpen ? pageURL : nil) : nil
            guard group.key != nil else {
                if let shown { nav["rootNotes"] = .list(shown.notes) }
                if let more = shown?.more { nav["rootMore"] = more }
                continue
            }
            var entry: [String: TemplateValue] = [
                "title": .string(group.title), "url": .string(group.url), "depth": .int(group.depth),
                "isCurrent": .bool(pageURL == group.url), "isOpen": .bool(isOpen), "hasNotes": .bool(!(shown?.notes.isEmpty ?? true)),
                "notes": .list(shown?.notes ?? []),
            ]
            if let more = shown?.more { entry["more"] = more }
            sections.append(.object(entry))
        }
        nav["sections"] = .list(sections)
        return .object(nav)
    }

    /// The group's notes to show (all, or a window around the current one) and, when some are left out,
    /// `more`: a link to the whole list with its count.
    private func notes(of g: Int, pageURL: String?) -> (notes: [TemplateValue], more: TemplateValue?) {
        let group = groups[g]
        var range = group.notes.indices
        if !fullTree, group.notes.count > 2 * Self.window + 1 {
            let current = pageURL.flatMap { notePositions[g][$0] } ?? 0
            let start = max(0, min(current - Self.window, group.notes.count - 2 * Self.window - 1))
            range = start..<(start + 2 * Self.window + 1)
        }
        var notes = Array(noteValues[g][range])
        if let pageURL, notePositions[g][pageURL] != nil {
            for i in range where group.notes[i].url == pageURL {
                notes[i - range.lowerBound] = Self.value(of: group.notes[i], isCurrent: true)
            }
        }
        let more: TemplateValue? = range.count < group.notes.count ? ["url": .string(group.url), "count": .int(group.notes.count)] : nil
        return (notes, more)
    }
}
