import SiteCore

extension BuildStep {
    /// Gives every page a slug, a section (its folder) and a pretty URL (`<section>/<slug>/`), unique across the
    /// site; a folder's index page gets its section's URL (the root's, the home page's).
    ///
    /// When two want one URL, nothing is dropped: folders are placed first (a section's index page is
    /// `<section>/index.html`), then notes in path order; a folder keeps its URL over a note (`优化/` over
    /// `优化.md`), and otherwise the first in path order keeps it. The other gets `-2` (`-3`, …) and a warning
    /// naming both.
    public static let assignURLs = BuildStep("assign URLs") { context in
        let base = context.config.basePath
        let notesFolder = context.displayPath(context.notesURL)
        func shown(_ relative: String) -> String { notesFolder.isEmpty ? relative : "\(notesFolder)/\(relative)" }
        func folder(of page: Page) -> String? {
            let components = page.sourcePath.split(separator: "/").dropLast()
            return components.isEmpty ? nil : components.joined(separator: "/")
        }
        func free(_ path: String, in taken: [String: String]) -> String {
            var n = 2
            while taken["\(path)-\(n)"] != nil { n += 1 }
            return "\(path)-\(n)"
        }

        // Every folder and its parents, parents first, each under its parent's (possibly moved) path.
        var folders: Set<String> = []
        var firstPage: [String: Int] = [:]
        for (i, page) in context.pages.enumerated() {
            guard let key = folder(of: page) else { continue }
            if firstPage[key] == nil { firstPage[key] = i }
            var prefix = ""
            for component in key.split(separator: "/") {
                prefix = prefix.isEmpty ? String(component) : "\(prefix)/\(component)"
                folders.insert(prefix)
            }
        }
        var folderPaths: [String: String] = [:]
        var folderOwners: [String: String] = ["topics": "", "tags": "", "search": ""]
        for key in folders.sorted(by: { $0.naturallyPrecedes($1) }) {
            let name = String(key.split(separator: "/").last ?? "")
            let parent = key.contains("/") ? folderPaths[String(key[..<key.lastIndex(of: "/")!])].map { "\($0)/" } ?? "" : ""
            var path = parent + URLSlug.make(name)
            if let owner = folderOwners[path] {
                let moved = free(path, in: folderOwners)
                let holder = owner.isEmpty ? "sitegen's own pages have" : "folder '\(owner)/' already has (the first in path order keeps it)"
                let message = "folder '\(shown(key))/' would have the URL '\(base)\(path)/', which \(holder); its pages are under '\(base)\(moved)/'"
                let page = firstPage[key] ?? context.pages.indices.first { context.pages[$0].sourcePath.hasPrefix(key + "/") }
                if let page {
                    context.pages[page].diagnostics.append(.warning(message, code: "url-collision",
                                                                    at: SourceLocation(path: context.pages[page].displayPath, line: 1, column: 1)))
                }
                path = moved
            }
            folderOwners[path] = shown(key)
            folderPaths[key] = path
        }
        context.sectionPaths = folderPaths.filter { firstPage[$0.key] != nil }

        var owners: [String: String] = ["assets": "the theme's assets folder", "404.html": "the 404 page", "index.html": "the home page",
                                        "topics": "the topic pages", "tags": "the tag pages", "search": "the search index"]
        for (key, path) in context.sectionPaths { owners[path] = "the section of folder '\(shown(key))/'" }
        for i in context.pages.indices {
            var page = context.pages[i]
            let fileName = page.sourcePath.split(separator: "/").last.map(String.init) ?? page.sourcePath
            let stem = fileName.lastIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
            page.section = folder(of: page)
            if page.isIndex {
                // The section's own page (the home page at the root) shows it.
                let path = page.section.flatMap { context.sectionPaths[$0] }.map { "\($0)/" } ?? ""
                page.slug = String(path.split(separator: "/").last ?? "")
                page.url = base + path
                page.outputPath = path + "index.html"
                context.pages[i] = page
                continue
            }
            let slug = URLSlug.make(page.frontMatter.slug ?? stem)
            var path = page.section.flatMap { context.sectionPaths[$0] }.map { "\($0)/\(slug)" } ?? slug
            if let owner = owners[path] {
                let moved = free(path, in: owners)
                let rule = owner.hasPrefix("'") ? "(the first in path order keeps it)" : "(sections and sitegen's own pages keep theirs)"
                page.diagnostics.append(.warning("note '\(page.displayPath)' would have the URL '\(base)\(path)/', which \(owner) already has \(rule); this note gets '\(base)\(moved)/'",
                                                 code: "url-collision", at: SourceLocation(path: page.displayPath, line: 1, column: 1)))
                path = moved
            }
            owners[path] = "'\(page.displayPath)'"
            page.slug = String(path.split(separator: "/").last ?? Substring(path))
            page.url = base + path + "/"
            page.outputPath = path + "/index.html"
            context.pages[i] = page
        }
    }
}

/// URL path segments that keep Chinese and stay readable: `激活函数`, `batch-norm`, `l1-和-l2`.
public enum URLSlug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let props = scalar.properties
            if props.isAlphabetic || props.numericType != nil || scalar == "_" || scalar == "." {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "note" : out
    }
}
