import Foundation
import SiteCore
import Testing
@testable import SiteRender

@Suite struct TemplateSetTests {
    private func load(_ files: [String: String]) throws -> (TemplateSet?, [Diagnostic]) {
        let folder = try TemporaryTemplates(minimalTemplates.merging(files) { $1 })
        defer { folder.remove() }
        return TemplateSet.load(from: folder.url, displayPath: "templates")
    }

    @Test func rendersThroughALayoutWithEscaping() throws {
        let (set, diagnostics) = try load([
            "base.mustache": "<html lang=\"{{site.language}}\"><title>{{$title}}{{site.title}}{{/title}}</title>{{$content}}{{/content}}</html>",
            "note.mustache": "{{<base}}{{$title}}{{page.title}}{{/title}}{{$content}}<h1>{{page.title}}</h1>{{{page.content}}}{{/content}}{{/base}}",
        ])
        #expect(diagnostics.isEmpty)
        let html = try #require(set).render("note", context: [
            "site": ["language": "zh-CN", "title": "站点"],
            "page": ["title": "A & B <C> \"引号\"", "content": "<p>正文 <em>x</em></p>"],
        ])
        #expect(html == #"<html lang="zh-CN"><title>A &amp; B &lt;C&gt; &quot;引号&quot;</title><h1>A &amp; B &lt;C&gt; &quot;引号&quot;</h1><p>正文 <em>x</em></p></html>"#)
    }

    @Test func nilAndEmptyValuesRenderNothingAndSkipTheirSection() throws {
        let (set, _) = try load(["home.mustache": "[{{#site.author}}by {{site.author}}{{/site.author}}|{{site.date}}|{{^site.author}}anonymous{{/site.author}}]"])
        let none: String? = nil
        let html = try #require(set).render("home", context: ["site": ["author": "", "date": none as Any]])
        #expect(html == "[||anonymous]")
        #expect(set?.render("missing", context: [:]) == "")
    }

    @Test func aSyntaxErrorIsAnErrorAtItsLineAndColumn() throws {
        let (set, diagnostics) = try load(["note.mustache": "<article>\n<h1>{{page.title}}</h1>\n    {{#page.tags}}<span>{{name}}</span>\n</article>\n"])
        #expect(set == nil)
        #expect(diagnostics.map(\.description) == [
            "templates/note.mustache:3:5: error: section 'page.tags' is never closed; expected '{{/page.tags}}' [template-syntax]",
        ])
    }

    @Test func everyBrokenTemplateIsReported() throws {
        let (set, diagnostics) = try load([
            "home.mustache": "{{#a}}\n{{/b}}",
            "toc.mustache": "\n\n<a href=\"{{url}\">",
        ])
        #expect(set == nil)
        #expect(diagnostics.map { "\($0.location?.description ?? "") \($0.code)" } == [
            "templates/home.mustache:2:1 template-syntax",
            "templates/toc.mustache:3:10 template-syntax",
        ])
    }

    @Test func aMissingRequiredTemplateIsAnError() throws {
        let folder = try TemporaryTemplates(["note.mustache": "x"])
        defer { folder.remove() }
        let (set, diagnostics) = TemplateSet.load(from: folder.url, displayPath: "templates")
        #expect(set == nil)
        #expect(diagnostics.map(\.message).sorted() == [
            "required template 'templates/404.mustache' is missing",
            "required template 'templates/home.mustache' is missing",
        ])
        let (_, noFolder) = TemplateSet.load(from: folder.url.appendingPathComponent("nope"), displayPath: "nope")
        #expect(noFolder.first?.code == "template-missing")
    }

    @Test func aTemplateIncludingItselfOutsideASectionIsAnError() throws {
        let (set, diagnostics) = try load([
            "a.mustache": "x\n  {{>b}}",
            "b.mustache": "{{#items}}{{>b}}{{/items}}{{<base}}{{$content}}{{>a}}{{/content}}{{/base}}",
            "base.mustache": "{{$content}}{{/content}}",
            "tree.mustache": "{{#children}}{{>tree}}{{/children}}",
        ])
        #expect(set == nil)
        #expect(diagnostics.map(\.description) == [
            "templates/b.mustache:1:51: error: 'a' is included again outside any section (a → b → a): rendering would never end [template-recursion]",
        ])
    }

    @Test func aStrayOpeningDelimiterThatSwiftMustacheDropsIsAWarning() throws {
        let (set, diagnostics) = try load(["home.mustache": "<p>{{site.title}}</p>\n<p>{{\n</p>"])
        #expect(set != nil)
        #expect(diagnostics.map(\.description) == [
            "templates/home.mustache:2:4: warning: unclosed tag: '{{' has no matching '}}' [template-syntax]",
        ])
    }

    @Test func anUnknownVariableIsAWarningAtItsName() throws {
        let (set, _) = try load(["note.mustache": """
            <article>
              <h1>{{page.title}}</h1>
              <p class="by">{{ page.autor }}</p>
              {{#page.tags}}<span>{{name}} {{nmae}}</span>{{/page.tags}}
            </article>
            """])
        let diagnostics = try #require(set).check("note", sampleContexts: [SampleContexts.note()])
        #expect(diagnostics.map(\.description) == [
            "templates/note.mustache:3:20: warning: 'page.autor' is not provided by the page model [template-variable]",
            "templates/note.mustache:4:34: warning: 'nmae' is not provided by the page model [template-variable]",
        ])
    }

    @Test func aSectionOverAnOptionalValueIsNotAWarning() throws {
        let (set, _) = try load(["note.mustache": """
            {{#page.section}}<a href="{{url}}">{{title}}</a>{{/page.section}}
            {{#page.prev}}{{page.prev.title}}{{/page.prev}}
            {{#page.draft}}{{page.draft}}{{/page.draft}}
            {{^page.date}}undated{{/page.date}}
            """])
        var context = SampleContexts.note()
        var page = context["page"] as? [String: Any] ?? [:]
        page["section"] = nil
        page["prev"] = nil
        page["date"] = nil
        context["page"] = page
        var drafted = SampleContexts.note()
        drafted["page"] = (drafted["page"] as? [String: Any] ?? [:]).merging(["draft": true]) { $1 }
        let templates = try #require(set)
        #expect(templates.check("note", sampleContexts: [context, drafted]).isEmpty)
        // `draft` is in no sample and not documented: a misspelling, whether or not it is a section.
        let alone = templates.check("note", sampleContexts: [context])
        #expect(alone.map(\.description) == [
            "templates/note.mustache:3:4: warning: section 'page.draft' is not provided by the page model [template-variable]",
        ])
    }

    @Test func layoutsAndPartialsAreCheckedWithTheCallersContext() throws {
        let (set, _) = try load([
            "base.mustache": "<title>{{$title}}{{site.title}}{{/title}}</title>\n{{#page}}<h1>{{page.title}}</h1>{{/page}}\n{{$content}}{{/content}}\n{{site.titel}}",
            "note.mustache": "{{<base}}{{$content}}{{>toc}}{{>nav}}{{/content}}{{/base}}",
            "home.mustache": "{{<base}}{{$title}}{{home.titel}}{{/title}}{{/base}}",
            "404.mustache": "{{<base}}{{/base}}",
            "toc.mustache": "{{#page.toc}}\n<a href=\"#{{id}}\">{{{text}}}</a>{{{txet}}}\n{{/page.toc}}",
        ])
        let templates = try #require(set)
        let diagnostics = templates.checkAll([
            "note": [SampleContexts.note()], "home": [SampleContexts.home()], "404": [SampleContexts.notFound()],
        ])
        #expect(diagnostics.map(\.description) == [
            "templates/base.mustache:4:3: warning: 'site.titel' is not provided by the page model [template-variable]",
            "templates/home.mustache:1:22: warning: 'home.titel' is not provided by the page model [template-variable]",
            "templates/note.mustache:1:33: warning: partial 'nav' does not exist in the templates folder [template-partial]",
            "templates/toc.mustache:2:36: warning: 'txet' is not provided by the page model [template-variable]",
        ])
    }

    @Test func anUnknownTransformIsAWarning() throws {
        let (set, _) = try load(["note.mustache": "{{uppercased(page.title)}}\n{{#sorted(page.tags)}}{{/sorted(page.tags)}}\n{{upper(page.title)}}"])
        let diagnostics = try #require(set).check("note", sampleContexts: [SampleContexts.note()])
        #expect(diagnostics.map(\.description) == [
            "templates/note.mustache:3:3: warning: unknown transform 'upper'; swift-mustache renders nothing for it [template-transform]",
        ])
    }

    @Test func renderingFromManyTasksAtOnceGivesTheSameText() async throws {
        let (loaded, _) = try load(["note.mustache": "{{#page.toc}}<li>{{text}}</li>{{/page.toc}}{{{page.content}}}"])
        let set = try #require(loaded)
        let expected = set.render("note", context: SampleContexts.note())
        let value = try #require(TemplateValue(SampleContexts.note()))
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<32 {
                group.addTask { index.isMultiple(of: 2) ? set.render("note", context: SampleContexts.note()) : set.render("note", value: value) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.contains("<li>Sigmoid 的问题</li>"))
    }
}
