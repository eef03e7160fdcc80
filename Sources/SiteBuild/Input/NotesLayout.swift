/// The files other tools keep in a notes folder, and what sitegen makes of them: a folder's index page
/// (GitHub `README.md`, Hugo `_index.md`, `index.md`), navigation files that order the notes (docsify
/// `_sidebar.md`, GitBook/mdBook `SUMMARY.md`), docsify parts that are no pages, and litter never copied.
enum NotesLayout {
    /// What a file of the notes folder is to the site.
    enum Role: Equatable {
        case note
        /// Gives the order and titles of notes and sections; not a page.
        case navigation
        /// Belongs to another tool's site (docsify's `_navbar.md`, `_coverpage.md`); not a page.
        case otherToolPart
        /// Neither a page nor copied: hidden files (`.DS_Store`, `.nojekyll`), `Thumbs.db`, `desktop.ini`.
        case litter
        /// Anything else beside the notes, copied to the site at the same path.
        case asset
    }

    static func role(of relativePath: String) -> Role {
        let components = relativePath.split(separator: "/")
        let name = components.last.map(String.init) ?? relativePath
        if components.contains(where: { $0.hasPrefix(".") }) || ["thumbs.db", "desktop.ini"].contains(name.lowercased()) {
            return .litter
        }
        let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
        // A `robots.txt` at the root is for crawlers, published as it is instead of the generated one.
        guard BuildStep.noteExtensions.contains(ext), relativePath != "robots.txt" else { return .asset }
        if name == "_sidebar.md" || (name == "SUMMARY.md" && components.count == 1) { return .navigation }
        if name == "_navbar.md" || name == "_coverpage.md" { return .otherToolPart }
        return .note
    }

    /// The index page of each folder (`""` for the root) among `notePaths`. A folder with several takes
    /// `_index.md`, else `index.md`, else `README.md` (any case); the others stay notes.
    static func indexPages(among notePaths: [String]) -> [String: String] {
        var best: [String: (rank: Int, path: String)] = [:]
        for path in notePaths {
            let slash = path.lastIndex(of: "/")
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            let rank: Int
            switch name {
            case "_index.md": rank = 0
            case "index.md": rank = 1
            case _ where name.lowercased() == "readme.md": rank = 2
            default: continue
            }
            let folder = slash.map { String(path[..<$0]) } ?? ""
            if best[folder].map({ rank < $0.rank }) ?? true { best[folder] = (rank, path) }
        }
        return best.mapValues(\.path)
    }
}
