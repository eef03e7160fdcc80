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
        let (templates, diagnostics) = TemplateSet.load(theme)
        context.diagnostics += diagnostics
        guard let templates, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw BuildAbort(step: "load templates")
        }
        context.theme = theme
        context.templates = templates
    }

    /// Renders every page, the home page, one page per section and the 404 page through the templates.
    public static let applyTemplates = BuildStep("apply templates") { context in
        guard let templates = context.templates else { throw BuildAbort(step: "apply templates") }
        let pages = context.pages.filter { $0.protected != nil }
        let model = SiteModel(context: context, pages: pages)
        let base = context.config.basePath
        let rendered: [(String, Data)] = pages.indices.map { $0 }.parallelMap { i in
            let html = templates.render("note", context: model.noteContext(pages, at: i))
            let path = pages[i].outputPath
            return (path, Data(RelativeURLs.rewrittenBytes(html, outputPath: path, basePath: base)))
        }
        for (path, data) in rendered { context.outputFiles[path] = data }

        let home = model.homeContext(title: context.config.title, sections: model.sections(pages), pages: pages)
        let homeHTML = templates.render("home", context: home)
        context.outputFiles["index.html"] = Data(RelativeURLs.rewrittenBytes(homeHTML, outputPath: "index.html", basePath: base))
        for section in model.sections(pages) where section.key != nil {
            let path = section.path + "/index.html"
            let html = templates.render("home", context: model.homeContext(title: section.title, sections: [section], pages: pages))
            context.outputFiles[path] = Data(RelativeURLs.rewrittenBytes(html, outputPath: path, basePath: base))
        }
        let notFound = model.baseContext(title: "404")
        context.outputFiles["404.html"] = Data(templates.render("404", context: notFound).utf8)

        var samples: [String: [[String: Any]]] = ["home": [home], "404": [notFound]]
        if !pages.isEmpty { samples["note"] = pages.indices.prefix(8).map { model.noteContext(pages, at: $0) } }
        context.diagnostics += templates.checkAll(samples)
    }
}

/// Builds the template contexts described in the README ("Template variables").
struct SiteModel {
    let config: SiteConfig
    let head: String
    let sectionPaths: [String: String]
    /// Previous and next page in the same section, by index into the rendered pages.
    let neighbours: [Int: (prev: Int?, next: Int?)]

    init(context: BuildContext, pages: [Page]) {
        config = context.config
        sectionPaths = context.sectionPaths
        head = MathAssets.headHTML(baseURL: context.config.basePath, mode: context.mathMode, macros: context.config.mathMacros)
        var bySection: [String?: [Int]] = [:]
        for (i, page) in pages.enumerated() { bySection[page.section, default: []].append(i) }
        var neighbours: [Int: (prev: Int?, next: Int?)] = [:]
        for members in bySection.values {
            for (k, i) in members.enumerated() {
                neighbours[i] = (k > 0 ? members[k - 1] : nil, k + 1 < members.count ? members[k + 1] : nil)
            }
        }
        self.neighbours = neighbours
    }

    struct Section {
        var key: String?
        var title: String
        var path: String
        var pages: [Int]
    }

    func sections(_ pages: [Page]) -> [Section] {
        var order: [String?] = []
        var members: [String?: [Int]] = [:]
        for (i, page) in pages.enumerated() {
            if members[page.section] == nil { order.append(page.section) }
            members[page.section, default: []].append(i)
        }
        order.sort { ($0 ?? "") < ($1 ?? "") }
        return order.map { key in
            let path = key.flatMap { sectionPaths[$0] } ?? ""
            return Section(key: key, title: key.map { String($0.split(separator: "/").last ?? "") } ?? config.title,
                           path: path, pages: members[key] ?? [])
        }
    }

    func baseContext(title: String) -> [String: Any] {
        var site: [String: Any] = [
            "title": config.title, "description": config.description, "language": config.language,
            "author": config.author, "base": config.basePath, "url": config.baseURL, "year": Self.year,
        ]
        site["hasAuthor"] = !config.author.isEmpty
        return ["site": site, "head": head, "generator": "sitegen \(sitegenVersion)", "pageTitle": title]
    }

    func noteContext(_ pages: [Page], at index: Int) -> [String: Any] {
        let page = pages[index]
        var context = baseContext(title: page.title)
        var model: [String: Any] = [
            "title": page.title, "url": page.url, "slug": page.slug, "content": page.bodyHTML,
            "toc": page.toc.map { ["id": $0.id, "text": $0.text.htmlEscaped, "level": $0.level, "depth": $0.depth] as [String: Any] },
            "hasToc": !page.toc.isEmpty,
            "questions": page.questions.map(Self.questionContext),
            "questionCount": page.questions.count, "hasQuestions": !page.questions.isEmpty,
            "format": page.normalized?.format.rawValue ?? "markdown",
            "source": page.sourcePath, "showTitle": !page.startsWithTitleHeading,
            "tags": page.frontMatter.tags.map { ["name": $0] },
        ]
        if let date = page.frontMatter.date { model["date"] = date }
        if let section = page.section {
            let path = sectionPaths[section] ?? ""
            model["section"] = ["title": String(section.split(separator: "/").last ?? ""), "url": config.basePath + path + "/"]
        }
        if let neighbours = neighbours[index] {
            if let prev = neighbours.prev { model["prev"] = Self.link(pages[prev]) }
            if let next = neighbours.next { model["next"] = Self.link(pages[next]) }
        }
        context["page"] = model
        return context
    }

    func homeContext(title: String, sections: [Section], pages: [Page]) -> [String: Any] {
        var context = baseContext(title: title)
        context["home"] = [
            "title": title,
            "sections": sections.map { section -> [String: Any] in
                let notes = section.pages.map { i -> [String: Any] in
                    var note: [String: Any] = [
                        "title": pages[i].title, "url": pages[i].url, "questionCount": pages[i].questions.count,
                        "format": pages[i].normalized?.format.rawValue ?? "markdown",
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
        ] as [String: Any]
        return context
    }

    private static func link(_ page: Page) -> [String: Any] { ["title": page.title, "url": page.url] }

    private static func questionContext(_ q: QuestionEntry) -> [String: Any] {
        ["id": q.id, "title": q.title, "followUps": q.followUps.map(questionContext), "hasFollowUps": !q.followUps.isEmpty]
    }

    static let year: String = {
        let components = Calendar(identifier: .gregorian).dateComponents([.year], from: Date())
        return String(components.year ?? 2026)
    }()
}
