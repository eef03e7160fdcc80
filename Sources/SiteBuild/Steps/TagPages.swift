import Foundation
import SiteCore

extension BuildStep {
    /// Renders a page per tag (`tags/<slug>/`, template `tag`) listing the notes with it, and the index of
    /// tags (`tags/`, template `tags`). Tags whose slugs agree (`BN`, `bn`) share one page, named by the
    /// first spelling in path order.
    public static let tagPages = BuildStep("tag pages") { context in
        guard let templates = context.templates else { return }
        let (model, pages) = context.siteModel()
        let tags = TagPages(pages: pages)
        guard !tags.tags.isEmpty else { return }
        let base = context.config.basePath
        let renderer = PageRenderer(templates: templates, context: context)
        var samples: [[String: Any]] = []
        var rendered: [PageRenderer.Rendered] = []
        for tag in tags.tags {
            let path = TagPages.path(of: tag.name) + "index.html"
            func page() -> [String: Any] {
                var page = model.baseContext(title: tag.name, outputPath: path)
                page["tag"] = tags.context(tag, pages: pages, model: model)
                return page
            }
            if samples.count < 4 { samples.append(page()) }
            rendered.append(renderer.render("tag", path, inputs: { inputs in
                model.baseInputs(title: tag.name, into: &inputs)
                tags.inputs(tag, pages: pages, model: model, into: &inputs)
            }, context: page))
        }
        let path = "tags/index.html"
        var list = model.baseContext(title: "标签", outputPath: path)
        list["tags"] = ["count": tags.tags.count, "list": tags.tags.map { tag -> [String: Any] in
            ["name": tag.name, "url": base + TagPages.path(of: tag.name), "count": tag.pages.count]
        }]
        rendered.append(renderer.render("tags", path, list))
        try renderer.output(rendered, into: &context)
        context.diagnostics += renderer.check(["tag": samples, "tags": [list]], step: "tag pages")
    }
}

/// The tags of a site's notes, each with the notes that carry it.
struct TagPages {
    struct Tag {
        var name: String
        /// Indices into the pages, in path order.
        var pages: [Int]
    }

    /// By name, each named by its first spelling in path order.
    let tags: [Tag]

    init(pages: [Page]) {
        var bySlug: [String: Tag] = [:]
        for i in pages.indices {
            for name in pages[i].frontMatter.tags {
                let slug = URLSlug.make(name)
                if bySlug[slug]?.pages.last == i { continue }
                bySlug[slug, default: Tag(name: name, pages: [])].pages.append(i)
            }
        }
        tags = bySlug.values.sorted { $0.name.naturallyPrecedes($1.name) }
    }

    /// The tag page's path in the site, `tags/<slug>/`.
    static func path(of tag: String) -> String { "tags/\(URLSlug.make(tag))/" }

    /// Adds to `inputs` what `context` reads, as it is rather than built into a context (every tag page is
    /// keyed on every rebuild). Keep it in step with `context`.
    func inputs(_ tag: Tag, pages: [Page], model: SiteModel, into inputs: inout TemplateInputs) {
        inputs.combine(strings: tag.name)
        inputs.combine(tag.pages.count)
        for i in tag.pages {
            inputs.combine(strings: pages[i].title, pages[i].url, pages[i].section.map(model.sectionTitle) ?? "\u{0}",
                           pages[i].frontMatter.date ?? "\u{0}")
        }
    }

    func context(_ tag: Tag, pages: [Page], model: SiteModel) -> [String: Any] {
        let notes = tag.pages.map { i -> [String: Any] in
            var note: [String: Any] = ["title": pages[i].title, "url": pages[i].url]
            if let section = pages[i].section { note["section"] = model.sectionTitle(section) }
            if let date = pages[i].frontMatter.date { note["date"] = date }
            return note
        }
        return ["name": tag.name, "slug": URLSlug.make(tag.name), "count": tag.pages.count, "notes": notes]
    }
}
