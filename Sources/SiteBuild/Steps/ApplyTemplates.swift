import Foundation
import SiteCore
import SiteMath
import SiteRender

extension BuildStep {
    /// Loads the theme: the built-in one, overridden file by file by the templates folder. A templates
    /// folder that was named but does not exist, or a template syntax error, stops the build before any
    /// page is rendered.
    public static let loadTemplates = BuildStep("load templates") { context in
        let shown = context.displayPath(context.templatesURL)
        var theme = Theme.builtIn
        if let folder = Theme.folder(context.templatesURL, shownAs: shown) {
            theme = theme.overridden(by: folder)
        } else if context.config.templatesDirectoryRequired {
            context.diagnostics.append(.error("templates folder '\(shown)' does not exist", code: "template-missing"))
            throw BuildAbort(step: "load templates")
        }
        // With an artifact store, the templates are parsed again only when they changed.
        let key = context.artifacts.map { _ in BuildStep.fingerprint(theme.templates) }
        let (templates, diagnostics) = key.flatMap { context.artifacts?.loadedTemplates($0) } ?? TemplateSet.load(theme)
        if let key { context.artifacts?.rememberLoadedTemplates(key, (templates, diagnostics)) }
        context.diagnostics += diagnostics
        guard let templates, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw BuildAbort(step: "load templates")
        }
        context.theme = theme
        context.assetPaths = AssetNames.sitePaths(of: theme)
        context.diagnostics += AssetNames.plainReferences(in: theme, sitePaths: context.assetPaths)
        context.templates = templates
    }

    /// Renders every note (of the batch, when there is one) through the templates, and after the last the
    /// home page, one page per section and the 404 page; a folder's index page is shown on its section's
    /// page (the root's on the home page).
    public static let applyTemplates = BuildStep("apply templates", perBatch: true) { context in
        guard let templates = context.templates else { throw BuildAbort(step: "apply templates") }
        _ = context.siteModel()
        var batch: [Int]?
        if let pageBatch = context.batch {
            // The site model lists the notes as they were when it was made: the batch's are typeset since.
            let positions = context.siteModelPositions()
            batch = pageBatch.pages.compactMap { i in
                guard let j = positions[i] else { return nil }
                context.builtSiteModel?.1[j] = context.pages[i]
                return j
            }
        }
        let (model, pages) = context.siteModel()
        let renderer = PageRenderer(templates: templates, context: context)
        let store = context.artifacts
        let notes = batch ?? Array(pages.indices)
        renderer.createFolders(of: notes.map { pages[$0].outputPath })
        var rendered = notes.parallelMap { i in
            renderer.render("note", pages[i].outputPath,
                            inputs: { model.noteInputs(pages, at: i, bodyKey: store?.bodyKey(pages[i]) ?? TemplateInputs.key(of: pages[i].bodyHTML), into: &$0) },
                            streams: true) { model.noteValue(pages, at: i) }
        }
        guard context.isLastBatch else {
            try renderer.output(rendered, into: &context)
            return
        }
        let sections = model.sections(pages)
        let home = model.homeContext(section: nil, sections: sections.filter { $0.key != nil || !$0.pages.isEmpty }, pages: pages)
        rendered.append(renderer.render("home", "index.html", home))
        rendered += sections.filter { $0.key != nil }.parallelMap { section in
            renderer.render("home", section.path + "/index.html", model.homeContext(section: section, sections: [section], pages: pages))
        }
        var notFound = model.baseContext(title: "404")
        notFound["head"] = ""  // no formulas, so no math stylesheet
        // Relative from the site's root, where it is written; the page sets a `<base>` when served (see 404.mustache).
        rendered.append(renderer.render("404", "404.html", notFound))
        try renderer.output(rendered, into: &context)

        var samples: [String: [[String: Any]]] = ["home": [home], "404": [notFound]]
        if !pages.isEmpty { samples["note"] = pages.indices.prefix(8).map { model.noteContext(pages, at: $0) } }
        context.diagnostics += renderer.check(samples, step: "apply templates")
    }
}

extension BuildStep {
    /// A hash of the templates' texts (and names, as diagnostics show them), stable within the process.
    static func fingerprint(_ templates: [Theme.File]) -> Int {
        var hasher = Hasher()
        for file in templates {
            hasher.combine(file.path)
            hasher.combine(file.shownPath)
            hasher.combine((try? file.contents()) ?? Data())
        }
        return hasher.finalize()
    }
}

extension BuildContext {
    /// The model of the site's pages with the notes it lists (`Page.isListedNote`), made by the first step
    /// that needs it and kept for the next ones; a batch of `applyTemplates` puts its typeset notes in it.
    mutating func siteModel() -> (SiteModel, [Page]) {
        if let siteModel = builtSiteModel { return siteModel }
        let notes = pages.filter(\.isListedNote)
        let days = commitDays()
        let model = SiteModel(context: self, pages: notes, indexPages: pages.filter { $0.isNote && $0.isIndex }, commitDays: days)
        builtSiteModel = (model, notes)
        return (model, notes)
    }

    /// Where each page is in the site model's list of notes (`siteModel()`); nil for a page it does not list.
    func siteModelPositions() -> [Int?] {
        var next = 0
        return pages.map { page in
            guard page.isListedNote else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

extension Page {
    /// A note the site model lists: parsed (or cached), and not a folder's index page.
    var isListedNote: Bool { isNote && !isIndex }
}

/// Builds the template contexts described in the README ("Template variables").
struct SiteModel {
    let config: SiteConfig
    let head: String
    /// Where each theme asset is written (`BuildContext.assetPaths`), for the `assets` variable.
    let assetPaths: [String: String]
    /// The URL path of the Atom feed, when the build writes one (see `BuildStep.writeHostFiles`).
    let feedURL: String?
    let sectionPaths: [String: String]
    let sectionTitles: [String: String]
    let sectionRanks: [String: Int]
    /// Index pages by folder, `""` for the root.
    let indexPages: [String: Page]
    /// The titles of notes named like their folder (`chapter1/chapter1.md`), by folder.
    let namesakeTitles: [String: String]
    /// Previous and next page in the same section, by index into the rendered pages.
    let neighbours: [Int: (prev: Int?, next: Int?)]
    /// The site has topic pages: the header links to their index.
    let hasTopics: Bool
    /// Some note has tags: the header links to the tag pages.
    let hasTags: Bool
    /// The day each note was last committed, by its path relative to the notes folder (`CommitDates`).
    let commitDays: [String: String]
    private(set) var sidebar = Sidebar(groups: [], base: "/")
    /// What every page has before its title, sidebar and canonical URL (see `baseValue`).
    private(set) var shared: [String: TemplateValue] = [:]
    /// Hashes of `sidebar` and of `shared`, standing in for them in `noteInputs`.
    private(set) var sidebarKey = ""
    private(set) var sharedKey = ""

    init(context: BuildContext, pages: [Page], indexPages: [Page], commitDays: [String: String] = [:]) {
        config = context.config
        hasTopics = (context.counters["topicPages"] ?? 0) > 0
        hasTags = pages.contains { !$0.frontMatter.tags.isEmpty }
        self.commitDays = commitDays
        sectionPaths = context.sectionPaths
        sectionTitles = context.sectionTitles
        sectionRanks = context.sectionRanks
        self.indexPages = Dictionary(indexPages.map { ($0.section ?? "", $0) }) { first, _ in first }
        var namesakeTitles: [String: String] = [:]
        for i in pages.indices {  // by index: a `Page` is large to copy
            let fileName = pages[i].sourcePath.split(separator: "/").last ?? ""
            let stem = fileName.lastIndex(of: ".").map { fileName[..<$0] } ?? fileName
            guard let section = pages[i].section, stem == section.split(separator: "/").last else { continue }
            namesakeTitles[section] = namesakeTitles[section] ?? pages[i].title
        }
        self.namesakeTitles = namesakeTitles
        head = MathAssets.headHTML(baseURL: context.config.basePath, mode: context.mathMode, macros: context.config.mathMacros)
        assetPaths = context.assetPaths
        let hasFeed = context.config.siteURL != nil && pages.contains { $0.frontMatter.date != nil }
        feedURL = hasFeed ? context.config.basePath + "feed.xml" : nil
        var bySection: [String?: [Int]] = [:]
        for i in pages.indices { bySection[pages[i].section, default: []].append(i) }
        var neighbours: [Int: (prev: Int?, next: Int?)] = [:]
        for members in bySection.values {
            for (k, i) in members.enumerated() {
                neighbours[i] = (k > 0 ? members[k - 1] : nil, k + 1 < members.count ? members[k + 1] : nil)
            }
        }
        self.neighbours = neighbours
        sidebar = Sidebar(groups: sections(pages).map { section in
            Sidebar.Group(key: section.key, title: section.title,
                          url: section.key.map { _ in config.basePath + section.path + "/" } ?? config.basePath,
                          depth: section.key.map { $0.split(separator: "/").count - 1 } ?? 0,
                          notes: section.pages.map { Sidebar.Entry(title: pages[$0].title, url: pages[$0].url) })
        }, base: config.basePath)
        let sidebar = sidebar
        sidebarKey = TemplateInputs.key(templates: sidebar.fullTree ? 1 : 0, path: sidebar.base) { inputs in
            for group in sidebar.groups {
                inputs.combine(strings: group.key ?? "\u{0}", group.title, group.url)
                inputs.combine(group.depth)
                inputs.combine(strings: group.notes.flatMap { [$0.title, $0.url] })
            }
        }
        var site: [String: TemplateValue] = [
            "title": .string(config.title), "description": .string(config.description), "language": .string(config.language),
            "author": .string(config.author), "base": .string(config.basePath), "url": .string(config.baseURL), "year": .string(Self.year),
            "hasAuthor": .bool(!config.author.isEmpty), "hasTopics": .bool(hasTopics), "hasTags": .bool(hasTags),
        ]
        if let feedURL { site["feed"] = .string(feedURL) }
        shared = ["site": .object(site), "head": .string(head), "generator": .string("sitegen \(sitegenVersion)"),
                  "assets": TemplateValue(AssetNames.templateValue(assetPaths, basePath: config.basePath)) ?? [:],
                  "description": .string(config.description)]
        let shared = TemplateValue.object(shared)
        sharedKey = TemplateInputs.key(templates: 0, path: "") { $0.combine(value: shared.anyValue) }
    }

    struct Section {
        var key: String?
        var title: String
        var path: String
        var pages: [Int]
    }

    /// Where a section goes in the list: first those of `sections:` in `sitegen.yml`, in its order, then those
    /// the navigation files list, in theirs.
    func rank(_ key: String?) -> Int {
        if let key, let configured = config.sections.firstIndex(where: { $0.folder == key }) { return configured }
        return sectionRanks[key ?? ""].map { config.sections.count + $0 } ?? Int.max
    }

    /// The sections of the site (the root one, `key == nil`, holds the notes at the root), in the order
    /// `sitegen.yml` and the navigation files give, then the root, then by folder; folders holding only an
    /// index page included.
    func sections(_ pages: [Page]) -> [Section] {
        var members: [String?: [Int]] = [:]
        for i in pages.indices { members[pages[i].section, default: []].append(i) }
        for key in indexPages.keys where !key.isEmpty && members[key] == nil { members[key] = [] }
        let order = members.keys.sorted { a, b in
            let ra = rank(a), rb = rank(b)
            if ra != rb { return ra < rb }
            if (a == nil) != (b == nil) { return a == nil }
            return (a ?? "").naturallyPrecedes(b ?? "")
        }
        return order.map { key in
            Section(key: key, title: key.map(sectionTitle) ?? config.title, path: key.flatMap { sectionPaths[$0] } ?? "",
                    pages: members[key] ?? [])
        }
    }

    /// The title `sections:` in `sitegen.yml` gives, else the front matter title of the folder's index page,
    /// else the title a navigation file gives, else the index page's own title, else the title of the note named
    /// like the folder (`chapter1/chapter1.md`, as Docusaurus has it), else the folder's name.
    func sectionTitle(_ key: String) -> String {
        let index = indexPages[key]
        let configured = config.sections.first { $0.folder == key }?.title
        return [configured, index?.frontMatter.title, sectionTitles[key], index?.title, namesakeTitles[key]].compactMap { $0 }.first { !$0.isEmpty }
            ?? String(key.split(separator: "/").last ?? "")
    }

    /// What every page has; `outputPath` (absent for the 404 page, served at any path) gives the canonical URL.
    /// `nav` is the sidebar with the page marked; without it, the sidebar marks no page.
    func baseValue(title: String, outputPath: String? = nil, nav: TemplateValue? = nil) -> [String: TemplateValue] {
        var fields = shared
        fields["pageTitle"] = .string(title)
        fields["nav"] = nav ?? sidebar.value()
        if let siteURL = config.siteURL, let outputPath {
            fields["canonical"] = .string(HostFiles.absoluteURL(siteURL: siteURL, outputPath: outputPath))
        }
        return fields
    }

    /// `baseValue` as a plain context, for pages that add to it as such.
    func baseContext(title: String, outputPath: String? = nil, nav: TemplateValue? = nil) -> [String: Any] {
        TemplateValue.object(baseValue(title: title, outputPath: outputPath, nav: nav)).anyValue as? [String: Any] ?? [:]
    }

    /// Adds to `inputs` what `baseContext(title:outputPath:)` (no page marked in the sidebar) reads besides
    /// the output path, which is part of every page's key.
    func baseInputs(title: String, into inputs: inout TemplateInputs) {
        inputs.combine(strings: sharedKey, sidebarKey, title)
    }

    /// The template value of the note page at `index`; `page` stands in for `pages[index]` when given.
    func noteValue(_ pages: [Page], at index: Int, page: Page? = nil) -> TemplateValue {
        let page = page ?? pages[index]
        var fields = baseValue(title: page.title, outputPath: page.outputPath,
                               nav: sidebar.value(section: page.section, pageURL: page.url))
        if !page.hasMath { fields["head"] = "" }
        if !page.description.isEmpty { fields["description"] = .string(page.description) }

        var model: [String: TemplateValue] = [
            "title": .string(page.title), "url": .string(page.url), "slug": .string(page.slug), "content": .string(page.bodyHTML),
            "toc": .list(page.toc.map { ["id": .string($0.id), "text": .string($0.html), "level": .int($0.level), "depth": .int($0.depth)] }),
            "hasToc": .bool(!page.toc.isEmpty),
            "questions": .list(page.questions.map(Self.questionValue)),
            "questionCount": .int(page.questions.count), "hasQuestions": .bool(!page.questions.isEmpty),
            "format": .string(page.formatName),
            "source": .string(page.sourcePath), "showTitle": .bool(!page.contentShowsTitle),
            "tags": .list(page.frontMatter.tags.map { ["name": .string($0), "url": .string(config.basePath + TagPages.path(of: $0))] }),
            "description": .string(page.description),
            "topics": .list(page.topicsOn.map(Self.link)), "hasTopics": .bool(!page.topicsOn.isEmpty),
            "backlinks": .list(page.backlinks.map(Self.link)), "hasBacklinks": .bool(!page.backlinks.isEmpty),
        ]
        if let date = page.frontMatter.date { model["date"] = .string(date) }
        if let updated = page.frontMatter.updated ?? commitDays[page.sourcePath] { model["updated"] = .string(updated) }
        if let editURL = editURL(sourcePath: page.sourcePath) { model["editURL"] = .string(editURL) }
        if let section = page.section {
            let path = sectionPaths[section] ?? ""
            model["section"] = ["title": .string(sectionTitle(section)), "url": .string(config.basePath + path + "/")]
        }
        if let neighbours = neighbours[index] {
            if let prev = neighbours.prev { model["prev"] = Self.link(pages[prev]) }
            if let next = neighbours.next { model["next"] = Self.link(pages[next]) }
        }
        fields["page"] = .object(model)
        return .object(fields)
    }

    /// `noteValue` as a plain context, for the template variable check's samples.
    func noteContext(_ pages: [Page], at index: Int) -> [String: Any] {
        noteValue(pages, at: index).anyValue as? [String: Any] ?? [:]
    }

    /// Adds to `inputs` what the note page at `index` is rendered from: everything `noteValue` reads, as
    /// it is rather than built into a context (every page is keyed on every rebuild, so this must be cheap),
    /// with hashes standing in for what all pages share (`sharedKey`), the sidebar (a function of `sidebar`,
    /// the page's section and URL) and the body (`bodyKey`, its `TemplateInputs.key(of:)`). Keep it in step
    /// with `noteValue`.
    func noteInputs(_ pages: [Page], at index: Int, page: Page? = nil, bodyKey: String, into inputs: inout TemplateInputs) {
        let page = page ?? pages[index]
        inputs.combine(strings: sharedKey, sidebarKey, bodyKey, page.title, page.url, page.slug, page.outputPath, page.formatName,
                       page.sourcePath, page.description, page.section ?? "\u{0}", page.frontMatter.date ?? "\u{0}",
                       page.frontMatter.updated ?? commitDays[page.sourcePath] ?? "\u{0}",
                       editURL(sourcePath: page.sourcePath) ?? "\u{0}")
        inputs.combine(page.hasMath ? 1 : 0)
        inputs.combine(page.contentShowsTitle ? 1 : 0)
        inputs.combine(page.toc.count)
        for entry in page.toc {
            inputs.combine(strings: entry.id, entry.html)
            inputs.combine(entry.level)
            inputs.combine(entry.depth)
        }
        func combine(_ questions: [QuestionEntry]) {
            inputs.combine(questions.count)
            for question in questions {
                inputs.combine(strings: question.id, question.title, question.html, question.label)
                combine(question.followUps)
            }
        }
        combine(page.questions)
        inputs.combine(strings: page.frontMatter.tags)
        for links in [page.topicsOn, page.backlinks] {
            inputs.combine(links.count)
            for link in links { inputs.combine(strings: link.title, link.url, link.detail) }
        }
        if let section = page.section { inputs.combine(strings: sectionTitle(section), sectionPaths[section] ?? "") }
        let neighbours = neighbours[index]
        for neighbour in [neighbours?.prev, neighbours?.next] {
            if let neighbour { inputs.combine(strings: pages[neighbour].title, pages[neighbour].url) } else { inputs.combine(-1) }
        }
    }

    /// The home page (`section == nil`) or a section's page: its title, its index page's content, `sections`
    /// with their notes.
    func homeContext(section: Section?, sections: [Section], pages: [Page]) -> [String: Any] {
        let index = indexPages[section?.key ?? ""]
        // The home page's title is the site's unless its index page names one.
        let title = section?.title ?? index.map(\.title).flatMap { $0.isEmpty ? nil : $0 }
        let nav = sidebar.value(section: section?.key, pageURL: config.basePath + (section.map { $0.path + "/" } ?? ""))
        var context = baseContext(title: title ?? config.title, outputPath: section.map { $0.path + "/index.html" } ?? "index.html", nav: nav)
        if !(index?.hasMath ?? false) { context["head"] = "" }
        if let description = index?.description, !description.isEmpty { context["description"] = description }
        var home: [String: Any] = [
            "sections": sections.map { section -> [String: Any] in
                let notes = section.pages.map { i -> [String: Any] in
                    var note: [String: Any] = [
                        "title": pages[i].title, "url": pages[i].url, "questionCount": pages[i].questions.count,
                        "format": pages[i].formatName,
                    ]
                    if let date = pages[i].frontMatter.date { note["date"] = date }
                    return note
                }
                var s: [String: Any] = [
                    "title": section.title, "noteCount": section.pages.count, "notes": notes,
                    "questionCount": section.pages.reduce(0) { $0 + pages[$1].questions.count },
                ]
                if section.key != nil { s["url"] = config.basePath + section.path + "/" }
                return s
            },
            "noteCount": sections.reduce(0) { $0 + $1.pages.count },
            "showTitle": !(index?.contentShowsTitle ?? false),
            "isSection": section != nil,
        ]
        // The home page named like the site is titled once (`学习笔记`, not `学习笔记 · 学习笔记`).
        if let title, section != nil || title != config.title { home["title"] = title }
        if let index { home["content"] = index.bodyHTML }
        context["home"] = home
        return context
    }

    /// The URL of the page that edits the note at `sourcePath` on the repository's host (GitHub's
    /// `<repoURL>/edit/<branch>/<path>` form), when `repoURL` is set.
    func editURL(sourcePath: String) -> String? {
        guard !config.repoURL.isEmpty else { return nil }
        let folder = (config.editPath.isEmpty ? config.notesDirectory : config.editPath).split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        let path = (folder.map(String.init) + [sourcePath]).joined(separator: "/")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        let repository = config.repoURL.hasSuffix("/") ? String(config.repoURL.dropLast()) : config.repoURL
        return "\(repository)/edit/\(config.editBranch)/\(encoded)"
    }

    private static func link(_ page: Page) -> TemplateValue { ["title": .string(page.title), "url": .string(page.url)] }

    private static func link(_ link: PageLink) -> TemplateValue {
        ["title": .string(link.title), "url": .string(link.url), "detail": .string(link.detail),
         "hasDetail": .bool(!link.detail.isEmpty && link.detail != link.title)]
    }

    private static func questionValue(_ q: QuestionEntry) -> TemplateValue {
        ["id": .string(q.id), "title": .string(q.title), "html": .string(q.html), "label": .string(q.label),
         "followUps": .list(q.followUps.map(questionValue)), "hasFollowUps": .bool(!q.followUps.isEmpty)]
    }

    static let year: String = {
        let components = Calendar(identifier: .gregorian).dateComponents([.year], from: Date())
        return String(components.year ?? 2026)
    }()
}

extension Page {
    /// Whether the page has formulas: pages without any leave out the math stylesheet and scripts.
    var hasMath: Bool { formulaCount > 0 }
}
