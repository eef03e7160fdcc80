import Foundation
import SiteCore
import SiteHTML
import SiteMarkdown

extension BuildStep {
    /// Renders each page's Markdown to HTML: heading ids, questions, examples, and links between notes
    /// rewritten to page URLs (checked: a missing note or anchor is a warning at the link). Raw HTML is
    /// marked for `sanitizeHTML`.
    public static let renderBodies = BuildStep("render HTML", perBatch: true) { context in
        let links = context.linkTable ?? LinkTable(context)
        let options = MarkdownOptions(allowRawHTML: context.config.allowRawHTML, eastAsianLineBreaks: true)
        let policy: HTMLPolicy = context.config.allowRawHTML ? .trusted : .notes
        let store = context.artifacts
        let permalinkLabel = context.config.language.lowercased().hasPrefix("zh") ? "本节链接" : "Link to this section"
        let permalink: @Sendable (String) -> String = { id in
            "<a class=\"heading-anchor\" href=\"\(("#" + id).hrefEscaped)\" aria-label=\"\(permalinkLabel)\">#</a>"
        }
        let linkTable = store == nil ? 0 : context.linkTableHash ?? links.hashValue
        if store != nil { context.linkTableHash = linkTable }
        context.updateBatchPages { page in
            var page = page
            guard page.protected != nil else { return page }
            // What the body shows from other notes besides its links: topic links and wikilinks (in the tree
            // after `linkTopics`) and the questions "also answered" elsewhere.
            let topicInputs = store == nil ? 0 : page.topicInputsHash
            page.reuse.linkTable = linkTable ^ topicInputs
            if let body = store?.reuseBody(page, linkTable: page.reuse.linkTable) {
                // Same note, same link table: its links resolve as before.
                page.reuse(body)
                page.reuse.linkResolutions = body.linkResolutions
                return page
            }
            // The link table changed: a note whose links all resolve as before keeps its body.
            if let known = store?.outboundLinks.links(page) {
                var resolutions = ""
                for link in known {
                    let result = links.resolve(link.parsed, from: page, isImage: link.isImage)
                    resolutions += "\(link.isImage)\u{1}\(link.destination)\u{1}\(result.url ?? "")\u{1}\(result.problem?.message ?? "")\u{0}"
                }
                page.reuse.linkResolutions = resolutions + "\u{2}\(topicInputs)"
                if let body = store?.reuseBody(page) {
                    page.reuse(body)
                    return page
                }
            }
            var rewritten: [String: String] = [:]
            var hasRawHTML = false
            var resolutions = ""
            var linkDiagnostics: [Diagnostic] = []
            var outbound: [(destination: String, isImage: Bool)] = []
            page.document.walk { node in
                let destination: String, isImage: Bool
                switch node.kind {
                case .link(let d, _): (destination, isImage) = (d, false)
                case .image(let d, _): (destination, isImage) = (d, true)
                case .htmlBlock, .htmlInline:
                    hasRawHTML = true
                    return true
                default: return true
                }
                let line = node.range?.startLine ?? 1
                outbound.append((destination, isImage))
                let result = links.resolve(destination, from: page, isImage: isImage)
                if let url = result.url { rewritten[destination] = url }
                resolutions += "\(isImage)\u{1}\(destination)\u{1}\(result.url ?? "")\u{1}\(result.problem?.message ?? "")\u{0}"
                if let problem = result.problem {
                    linkDiagnostics.append(.warning(problem.message, code: problem.code,
                                                    at: page.location(line: line, column: max(node.range?.startColumn ?? 1, 1))))
                }
                return true
            }
            page.reuse.linkResolutions = resolutions + "\u{2}\(topicInputs)"
            store?.outboundLinks.remember(page, outbound)
            if let body = store?.reuseBody(page) {
                page.reuse(body)
                return page
            }
            page.reuse.bodyDiagnostics = page.diagnostics.count
            page.diagnostics += linkDiagnostics
            var renderer = HTMLRenderer(options: options)
            renderer.headingIDs = page.headingIDs
            renderer.collapsibles = page.collapsibleHeadings
            renderer.headingPermalink = permalink
            let alsoAnswered = page.alsoAnswered
            renderer.afterAnswer = { line in alsoAnswered[line].map(Page.alsoAnsweredHTML) }
            renderer.rewriteURL = { rewritten[$0] ?? $0 }
            let blocks = page
            if hasRawHTML {
                // The whole body goes through the sanitiser: examples (SVG plots) and highlighted code join it
                // afterwards.
                let sanitizer = HTMLSanitizer(policy: policy)
                page.htmlSanitizer = sanitizer
                renderer.wrapRawHTML = { html, range in sanitizer.markers.mark(html, line: range?.startLine) }
                renderer.renderCodeBlock = { _, _, range in
                    range.flatMap { blocks.codeBlockHTML(line: $0.startLine) == nil ? nil : ExamplePlaceholder.make($0.startLine) }
                }
            } else {
                renderer.renderCodeBlock = { _, _, range in range.flatMap { blocks.codeBlockHTML(line: $0.startLine) } }
            }
            var document = page.document
            if page.liftedTitleHeading, !document.children.isEmpty {
                document.children.removeFirst()
                renderer.headingIDs.removeFirst()
            }
            page.bodyHTML = renderer.render(document)
            return page
        }
    }
}

extension Page {
    /// The list under an answer of the questions other notes also answer.
    static func alsoAnsweredHTML(_ links: [PageLink]) -> String {
        var html = "<aside class=\"also-answered\">\n<p class=\"also-answered-title\">其他笔记也回答了</p>\n<ul>\n"
        for link in links {
            html += "<li><a href=\"\(link.url.hrefEscaped)\">\(link.title.htmlEscaped)</a> <span class=\"also-answered-note\">\(link.detail.htmlEscaped)</span></li>\n"
        }
        return html + "</ul>\n</aside>"
    }
}

/// Where every note and asset lives, for resolving `[x](other.md#标题)` links.
struct LinkTable: Sendable, Hashable {
    struct Target: Sendable, Hashable {
        var url: String
        var anchors: Set<String>
    }

    var notes: [String: Target] = [:]
    /// The index in the build's pages of each note, and of each folder's index page.
    var pageIndices: [String: Int] = [:]
    var folderPageIndices: [String: Int] = [:]
    /// Sections by folder (`""` for the root, the home page): a link to a folder goes to its section page.
    var folders: [String: Target] = [:]
    var assets: Set<String>
    var basePath: String

    /// Every page, section and asset of the build so far.
    init(_ context: BuildContext) {
        self.init(pages: context.pages, assets: context.assets, sectionPaths: context.sectionPaths,
                  basePath: context.config.basePath)
    }

    init(pages: [Page], assets: [String], sectionPaths: [String: String], basePath: String) {
        folders[""] = Target(url: basePath, anchors: [])
        for (folder, path) in sectionPaths { folders[folder] = Target(url: basePath + path + "/", anchors: []) }
        for (i, page) in pages.enumerated() {
            let target = Target(url: page.url, anchors: Set(page.headingIDs))
            notes[page.sourcePath] = target
            pageIndices[page.sourcePath] = i
            if page.isIndex {
                folders[page.section ?? ""] = target
                folderPageIndices[page.section ?? ""] = i
            }
        }
        self.assets = Set(assets)
        self.basePath = basePath
    }

    struct Problem { var message: String; var code: String }

    /// The page (by index) a link from `page` leads to; `nil` for other sites, files and the page itself.
    func page(for destination: String, from page: Page) -> Int? {
        Self.linkedPath(destination, from: page.sourcePath).flatMap(self.page(at:))
    }

    /// What a link names in the notes folder: a path relative to it, and whether the path has an extension.
    struct LinkedPath: Hashable, Sendable {
        var path: String
        var hasExtension: Bool
    }

    /// What `destination`, linked from the note at `notePath`, names in the notes folder; `nil` for other
    /// sites and the page itself. Depends on nothing else, so it can be kept between builds.
    static func linkedPath(_ destination: String, from notePath: String) -> LinkedPath? {
        if destination.isEmpty || isExternal(destination, isImage: false) { return nil }
        let pathPart = splitFragment(destination).0
        if pathPart.isEmpty { return nil }
        let decoded = percentDecoded(pathPart)
        return LinkedPath(path: notesPath(of: decoded, from: notePath), hasExtension: !(decoded as NSString).pathExtension.isEmpty)
    }

    /// The page (by index) at `linked`: the note, else (without an extension) the note with `.md` added or
    /// the folder's index page.
    func page(at linked: LinkedPath) -> Int? {
        if let i = pageIndices[linked.path] { return i }
        guard !linked.hasExtension else { return nil }
        return pageIndices[linked.path + ".md"] ?? folderPageIndices[linked.path]
    }

    /// A link's destination taken apart relative to its note: a pure function of the destination, whether it
    /// is an image and the note's path, so resolving it again against another table is only lookups.
    enum ParsedLink: Sendable {
        /// Left alone: other sites, empty destinations and a bare `#`.
        case ignored
        /// `#fragment` on the note itself (the fragment percent-decoded).
        case ownAnchor(String)
        /// A path in the notes folder: as written (decoded), relative to the notes folder, its extension
        /// (lowercased), its fragment as written and the anchor it names (decoded; nil for none or an empty one).
        case path(decoded: String, resolved: String, ext: String, fragment: String?, anchor: String?)
    }

    /// `text` with `%XX` decoded, as written when it has none or an invalid one. (Foundation's decoding cost
    /// more than the rest of resolving a link, and most destinations have no `%`.)
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    static func parse(_ destination: String, from notePath: String, isImage: Bool) -> ParsedLink {
        if destination.isEmpty || isExternal(destination, isImage: isImage) { return .ignored }
        let (pathPart, fragment) = splitFragment(destination)
        let decodedFragment = fragment.map(percentDecoded)
        if pathPart.isEmpty {
            guard let decodedFragment, !(fragment ?? "").isEmpty else { return .ignored }
            return .ownAnchor(decodedFragment)
        }
        let decoded = percentDecoded(pathPart)
        return .path(decoded: decoded, resolved: notesPath(of: decoded, from: notePath), ext: (decoded as NSString).pathExtension.lowercased(),
                     fragment: fragment, anchor: fragment.flatMap { $0.isEmpty ? nil : decodedFragment })
    }

    func resolve(_ destination: String, from page: Page, isImage: Bool) -> (url: String?, problem: Problem?) {
        resolve(Self.parse(destination, from: page.sourcePath, isImage: isImage), from: page, isImage: isImage)
    }

    func resolve(_ link: ParsedLink, from page: Page, isImage: Bool) -> (url: String?, problem: Problem?) {
        switch link {
        case .ignored:
            return (nil, nil)
        case .ownAnchor(let fragment):
            return checkAnchor(fragment, in: notes[page.sourcePath], base: "", noteName: "this page")
        case .path(let decoded, let resolved, let ext, let fragment, let anchor):
            if assets.contains(resolved) {
                return (basePath + resolved + (fragment.map { "#\($0)" } ?? ""), nil)
            }
            // docsify links name notes without `.md`; GitHub links name a folder for its README.
            if let target = notes[resolved] ?? (ext.isEmpty ? notes[resolved + ".md"] ?? folders[resolved] : nil) {
                guard let anchor else { return (target.url, nil) }
                return checkAnchor(anchor, in: target, base: target.url, noteName: "'\(decoded)'")
            }
            if BuildStep.noteExtensions.contains(ext) {
                return (nil, Problem(message: "link to '\(decoded)', which is not a note in the notes folder", code: "link-broken"))
            }
            let kind = isImage ? "image" : "file"
            return (nil, Problem(message: "\(kind) '\(decoded)' does not exist in the notes folder", code: isImage ? "image-missing" : "link-broken"))
        }
    }

    /// `decoded` (a percent-decoded fragment) checked against the target's anchors.
    private func checkAnchor(_ decoded: String, in target: Target?, base: String, noteName: String) -> (url: String?, problem: Problem?) {
        guard let target else { return (nil, nil) }
        if target.anchors.contains(decoded) { return (base + "#" + decoded, nil) }
        // Authors often link by heading text (`#What is BN?`); ids are slugs of that text.
        let slug = HeadingAnchors.slug(decoded)
        if target.anchors.contains(slug) { return (base + "#" + slug, nil) }
        return (base.isEmpty ? nil : base + "#" + decoded,
                Problem(message: "\(noteName) has no heading '#\(decoded)'", code: "anchor-missing"))
    }

    /// Links sitegen leaves alone: other sites (`https:`, `mailto:`, `//host`) and site-absolute paths,
    /// except images: `/img/x.png` (a Jekyll site's root) is looked up from the notes folder.
    static func isExternal(_ destination: String, isImage: Bool) -> Bool {
        hasScheme(destination) || destination.hasPrefix("//") || (destination.hasPrefix("/") && !isImage)
    }

    /// The path relative to the notes folder that `link` (relative to the note at `notePath`, or to the notes
    /// folder when it starts with `/`) points to.
    static func notesPath(of link: String, from notePath: String) -> String {
        let folder = link.hasPrefix("/") ? "" : notePath.split(separator: "/").dropLast().joined(separator: "/")
        let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? link
        return normalise(folder.isEmpty ? path : "\(folder)/\(path)")
    }

    static func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let scheme = s[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    static func splitFragment(_ s: String) -> (String, String?) {
        guard let hash = s.firstIndex(of: "#") else { return (s, nil) }
        return (String(s[..<hash]), String(s[s.index(after: hash)...]))
    }

    /// Resolves `.` and `..` in a `/`-separated relative path.
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", !parts.isEmpty { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}

extension Page {
    /// A hash of the parts of the body that come from other notes through topics.
    var topicInputsHash: Int {
        var hasher = Hasher()
        if reuse.topicDocumentHash != 0 { hasher.combine(reuse.topicDocumentHash) } else { hasher.combine(document) }
        hasher.combine(alsoAnswered)
        return hasher.finalize()
    }
}
