import Foundation
import Mustache
import SiteCore
import Testing
@testable import SiteRender

/// `FastRenderer` must render exactly what swift-mustache renders: on the shipped theme with realistic
/// contexts, and on random templates that mix every tag kind, whitespace and partial indentation.
@Suite struct FastRendererTests {
    @Test func shippedThemeRendersAsSwiftMustacheDoes() throws {
        let (loaded, diagnostics) = TemplateSet.load(from: repositoryRoot().appendingPathComponent("templates"))
        #expect(diagnostics.isEmpty)
        let set = try #require(loaded)
        #expect(set.usesFastRenderer)
        var bare = SampleContexts.note(content: "<p>x</p>")
        bare["page"] = ["title": "只有标题", "url": "/x/", "toc": [Any](), "questions": [Any](), "hasToc": false,
                        "hasQuestions": false, "questionCount": 0, "showTitle": true, "tags": [Any]()] as [String: Any]
        let cases: [(String, [String: Any])] = [
            ("note", SampleContexts.note()), ("note", bare), ("home", SampleContexts.home()), ("404", SampleContexts.notFound()),
        ]
        for (name, context) in cases {
            let reference = set.renderWithSwiftMustache(name, context: context)
            #expect(!reference.isEmpty)
            #expect(set.render(name, context: context) == reference, "\(name)")
            let value = try #require(TemplateValue(context))
            #expect(set.render(name, value: value) == reference, "\(name) (TemplateValue)")
        }
    }

    @Test func aPartialRecursingThroughTheContextStackStopsInsteadOfCrashing() throws {
        let folder = try TemporaryTemplates(minimalTemplates.merging([
            "tree.mustache": "<li>{{name}}{{#children}}<ul>{{>tree}}</ul>{{/children}}</li>",
        ]) { $1 })
        defer { folder.remove() }
        let set = try #require(TemplateSet.load(from: folder.url, displayPath: "templates").0)
        // The leaf has no `children`, so `{{#children}}` finds the root's again, forever.
        let html = set.render("tree", value: ["name": "root", "children": [["name": "leaf"]]])
        #expect(html.hasPrefix("<li>root<ul><li>leaf<ul><li>leaf"))
        #expect(html.contains("nested more than \(FastRenderer.maximumDepth) deep"))
        let fixed = set.render("tree", value: ["name": "root", "children": [["name": "leaf", "children": []]]])
        #expect(fixed == "<li>root<ul><li>leaf</li></ul></li>")
    }

    /// Found by fuzz/ (`fuzz-templates`): a partial that includes itself for each entry of a list it finds again
    /// through the context stack doubles its work at every level, 2¹⁰⁰ renders within the depth limit.
    @Test(.timeLimit(.minutes(1)))
    func aPartialIncludingItselfForEachEntryStopsAtThePartialBudget() throws {
        let folder = try TemporaryTemplates(minimalTemplates.merging([
            "toc.mustache": "{{#page.toc}}<li>{{text}}</li>{{>toc}}{{/page.toc}}",
        ]) { $1 })
        defer { folder.remove() }
        let set = try #require(TemplateSet.load(from: folder.url, displayPath: "templates").0)
        let html = set.render("toc", value: ["page": ["toc": [["text": "一"], ["text": "二"]]]])
        #expect(html.hasPrefix("<li>一</li><li>一</li>"))
        let notice = "more than \(FastRenderer.maximumPartials) partials on one page; 'toc' and later ones not rendered"
        #expect(html.components(separatedBy: notice).count == 2)
        #expect(html.components(separatedBy: "<li>").count - 1 <= 2 * (FastRenderer.maximumPartials + 1))
    }

    static let pieces = [
        "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{#b}}", "{{x}}", "{{{x}}}", "{{&x}}", "{{y}}", "{{#y}}", "{{/y}}",
        "{{#first()}}", "{{/first()}}", "{{^last()}}", "{{/last()}}", "{{index()}}", "{{c}}", "{{b}}", "{{.}}",
        "{{>p}}", "  {{>p}}\n", "\t{{>q}}\n", "{{<base}}", "{{$k}}", "{{/k}}", "{{/base}}", "  {{$k}}\n", "{{n.m}}",
        "{{#n}}", "{{/n}}", "{{m}}", "{{.m}}", "{{%CONTENT_TYPE:TEXT}}", "{{count(a)}}", "{{uppercased(k)}}",
        "{{plusone(y)}}", "{{#e}}", "{{/e}}", "{{^e}}", "{{#equalzero(y)}}", "{{/equalzero(y)}}", "{{!note}}",
        "{{=<% %>=}}", "<%x%>", "<%={{ }}=%>", "\n", "\r\n", "  ", "文字", "<p>", "'\"&",
    ]

    static let partials = [
        "p": "<{{b}}>\n  {{x}}\n{{#a}}-{{c}}{{/a}}\n",
        "q": "{{#n}}\n  {{m}}\n{{/n}}\n",
        "base": "head\n  {{$k}}default {{x}}{{/k}}\nfoot {{$t}}T{{/t}}\n",
    ]

    static var context: [String: Any] {
        [
            "a": [["b": 1, "c": "x<y"], ["b": 2, "c": ""], ["c": "三"]] as [[String: Any]],
            "b": true, "x": "<&>'\"", "y": 0, "k": "kappa", "n": ["m": "深度"], "e": [Any](),
        ]
    }

    @Test func randomTemplatesRenderAsSwiftMustacheDoes() throws {
        var library = MustacheLibrary()
        var fastTemplates: [String: RenderTemplate] = [:]
        for (name, text) in Self.partials {
            let template = try MustacheTemplate(string: text)
            library.register(template, named: name)
            let converted: RenderTemplate? = RenderTemplate(template)
            fastTemplates[name] = converted
            #expect(converted != nil, "\(name)")
        }
        let normalized = ContextNormalizer.normalized(Self.context)
        let value = try #require(TemplateValue(Self.context))
        var random = SeededGenerator(seed: 7)
        var compared = 0
        var mismatches: [String] = []
        for index in 0..<fuzzIterations(12000) {
            let text = (0..<Int(random.next() % 10 + 1)).map { _ in random.pick(Self.pieces) }.joined()
            guard let template = try? MustacheTemplate(string: text) else { continue }
            let reference = template.render(normalized, library: library)
            // Known difference: swift-mustache prints a list or dictionary as Swift source ("[…]").
            guard !reference.contains("[") else { continue }
            guard let fast = RenderTemplate(template) else {
                mismatches.append("#\(index) not convertible: \(String(reflecting: text))")
                continue
            }
            var templates = fastTemplates
            templates["t"] = fast
            let ours = FastRenderer(templates: templates).render("t", value).map { String(decoding: $0, as: UTF8.self) }
            compared += 1
            if ours != reference, mismatches.count < 6 {
                mismatches.append("#\(index) \(String(reflecting: text))\n  swift-mustache: \(String(reflecting: reference))\n  ours:           \(String(reflecting: ours ?? "nil"))")
            }
        }
        #expect(compared > 1000, "\(compared)")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
