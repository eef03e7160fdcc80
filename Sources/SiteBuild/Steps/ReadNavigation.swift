import Foundation
import SiteCore

extension BuildStep {
    /// Applies the navigation files of the notes folder (`SUMMARY.md`, `_sidebar.md`; the root's first): the
    /// notes and sections they list come first, in their order and under their titles; notes they do not
    /// list follow in path order. A label with entries all in one folder (`- 第一部分` over `part1/…`)
    /// titles that folder's section. A link to no note is a warning at its line.
    public static let readNavigation = BuildStep("read navigation") { context in
        guard !context.navigationFiles.isEmpty else { return }
        var pageIndex: [String: Int] = [:]
        var indexPageOf: [String: Int] = [:]
        for (i, page) in context.pages.enumerated() {
            pageIndex[page.sourcePath] = i
            if page.isIndex { indexPageOf[page.section ?? ""] = i }
        }
        let folders = Set(context.sectionPaths.keys)
        let assets = Set(context.assets)
        let shownNotes = context.displayPath(context.notesURL)

        enum Target { case page(Int), section(String), elsewhere }
        /// What `destination` (in the navigation file in `folder`) names; `nil` when nothing.
        func target(_ destination: String, from folder: String) -> Target? {
            var path = Substring(destination)
            if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
            if path.isEmpty || LinkTable.hasScheme(destination) { return .elsewhere }
            let decoded = LinkTable.percentDecoded(String(path))
            // docsify resolves sidebar links from the site root, Markdown from the file's folder: try both.
            let bases = decoded.hasPrefix("/") || folder.isEmpty ? [""] : [folder, ""]
            for base in bases {
                let resolved = LinkTable.normalise(base.isEmpty ? decoded : "\(base)/\(decoded)")
                if let i = pageIndex[resolved] ?? pageIndex[resolved + ".md"] { return .page(i) }
                if resolved.isEmpty || folders.contains(resolved) { return indexPageOf[resolved].map(Target.page) ?? .section(resolved) }
                if assets.contains(resolved) { return .elsewhere }
            }
            return nil
        }

        var rank: [Int: Int] = [:]
        var sectionRanks: [String: Int] = [:]
        /// Applies `entries`; returns the sections (`""` for the root) of what they list.
        func apply(_ entries: [NavigationOutline.Entry], in folder: String, file: String) -> Set<String> {
            var listed: Set<String> = []
            for entry in entries {
                var section: String?
                if let destination = entry.destination {
                    switch target(destination, from: folder) {
                    case .page(let i):
                        let page = context.pages[i]
                        if rank[i] == nil {
                            rank[i] = rank.count
                            context.pages[i].listedInNavigation = true
                            if !entry.title.isEmpty { context.pages[i].navigationTitle = entry.title }
                        }
                        if page.isIndex, let key = page.section {
                            context.sectionTitles[key] = context.sectionTitles[key] ?? entry.title
                        }
                        // The root's index page is the home page itself, not a section in the list.
                        section = page.isIndex && page.section == nil ? nil : page.section ?? ""
                    case .section(let key):
                        section = key.isEmpty ? nil : key
                        if !key.isEmpty { context.sectionTitles[key] = context.sectionTitles[key] ?? entry.title }
                    case .elsewhere:
                        break
                    case nil:
                        context.diagnostics.append(.warning(
                            "'\(file)' lists '\(destination)', which is not a note in the notes folder; correct the link or remove the entry",
                            code: "link-broken", at: SourceLocation(path: shownNotes.isEmpty ? file : "\(shownNotes)/\(file)", line: entry.line, column: entry.column)))
                    }
                }
                if let section {
                    listed.insert(section)
                    sectionRanks[section] = min(sectionRanks[section] ?? Int.max, rank.count)
                }
                let below = apply(entry.children, in: folder, file: file)
                listed.formUnion(below)
                if entry.destination == nil, below.count == 1, let only = below.first, !only.isEmpty, !entry.title.isEmpty {
                    context.sectionTitles[only] = context.sectionTitles[only] ?? entry.title
                }
            }
            return listed
        }

        let files = context.navigationFiles.sorted {
            ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1)
        }
        for file in files {
            let shown = shownNotes.isEmpty ? file : "\(shownNotes)/\(file)"
            let text: String
            do {
                switch TextDecoding.utf8(try context.fileSystem.read(context.notesURL.appendingPathComponent(file)), path: shown,
                                         code: "note-encoding", consequence: "; the file is not used for the order of notes") {
                case .success(let decoded): text = decoded
                case .failure(let failure):
                    var diagnostic = failure.diagnostic
                    diagnostic.severity = .warning
                    context.diagnostics.append(diagnostic)
                    continue
                }
            } catch {
                context.diagnostics.append(.warning("cannot read '\(shown)': \(FileSystem.reason(for: error)); it is not used for the order of notes",
                                                    code: "note-unreadable", at: SourceLocation(path: shown, line: 1, column: 1)))
                continue
            }
            let folder = file.split(separator: "/").dropLast().joined(separator: "/")
            _ = apply(NavigationOutline(parsing: text).entries, in: folder, file: file)
        }
        context.sectionRanks = sectionRanks
        let order = context.pages.indices.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        context.pages = order.map { context.pages[$0] }
    }
}
