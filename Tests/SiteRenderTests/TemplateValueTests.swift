import Testing
@testable import SiteRender

@Suite struct TemplateValueTests {
    struct Neighbour {
        var title: String
        var url: String?
        var note: String?
    }

    @Test func convertsContextTreesDroppingNilAndEmptyStrings() throws {
        let none: String? = nil
        let value = try #require(TemplateValue([
            "title": "标题", "empty": "", "missing": none as Any, "count": 3, "ratio": 0.5, "draft": false,
            "tags": ["a", "", "b"], "prev": Neighbour(title: "上一篇", url: "/prev/", note: nil),
        ] as [String: Any]))
        #expect(value == [
            "title": "标题", "count": 3, "ratio": .double(0.5), "draft": false,
            "tags": ["a", "b"], "prev": ["title": "上一篇", "url": "/prev/"],
        ])
        #expect(TemplateValue("" as Any) == nil)
        #expect(TemplateValue(Int64(7) as Any) == 7)
        #expect(TemplateValue(Float(0.5) as Any) == "0.5")
        #expect(TemplateValue(none as Any) == nil)
        #expect(value["prev"]?["url"] == "/prev/")
    }

    @Test func typedContextsRenderAndCheckLikeDictionaries() throws {
        let folder = try TemporaryTemplates(minimalTemplates.merging([
            "note.mustache": "{{page.title}}|{{#page.tags}}{{name}}{{^last()}},{{/last()}}{{/page.tags}}|{{page.ttile}}",
        ]) { $1 })
        defer { folder.remove() }
        let set = try #require(TemplateSet.load(from: folder.url, displayPath: "templates").0)
        let page: TemplateValue = ["page": ["title": "A&B", "tags": [["name": "x"], ["name": "y"]]]]
        #expect(set.render("note", value: page) == "A&amp;B|x,y|")
        #expect(set.check("note", samples: [page]).map(\.message) == ["'page.ttile' is not provided by the page model"])
        #expect(set.checkAll(samples: ["note": [page]]).count == 1)
    }

    /// A typed context may keep `""` values (so its plain form has the keys the variable check sees): they
    /// render as the dictionary form renders them, in lookups and in transforms over their object alike.
    @Test func emptyStringsRenderAsAbsent() throws {
        let folder = try TemporaryTemplates(minimalTemplates.merging([
            "note.mustache": "[{{site.author}}]{{#site.author}}by{{/site.author}}{{^site.author}}none{{/site.author}}|{{count(site)}}|{{#sorted(site)}}{{key}};{{/sorted(site)}}|{{empty(site)}}|{{#page}}{{description}}{{/page}}",
        ]) { $1 })
        defer { folder.remove() }
        let set = try #require(TemplateSet.load(from: folder.url, displayPath: "templates").0)
        let context: [String: Any] = ["site": ["author": "", "title": "T"], "page": ["description": ""], "description": "站点"]
        let typed: TemplateValue = ["site": ["author": "", "title": "T"], "page": ["description": ""], "description": "站点"]
        #expect(set.render("note", value: typed) == set.render("note", context: context))
        #expect(set.render("note", value: typed) == "[]none|1|title;|false|站点")
    }
}
