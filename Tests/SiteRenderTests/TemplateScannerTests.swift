import Testing
@testable import SiteRender

@Suite struct TemplateScannerTests {
    private func nodes(_ text: String) throws -> [TemplateNode] {
        try TemplateScanner.scan(text).get()
    }

    private func syntaxError(_ text: String) -> TemplateSyntaxError? {
        if case .failure(let error) = TemplateScanner.scan(text) { return error }
        return nil
    }

    @Test func variablesCarryTheLineAndColumnOfTheirName() throws {
        let scanned = try nodes("<p>\n  <b>{{ page.title }}</b>{{{page.content}}}{{&head}}")
        guard scanned.count == 3,
              case .variable(let a, let pa) = scanned[0],
              case .variable(let b, let pb) = scanned[1],
              case .variable(let c, let pc) = scanned[2] else {
            Issue.record("unexpected nodes \(scanned)")
            return
        }
        #expect(a.name == "page.title" && pa == TemplatePosition(line: 2, column: 9))
        #expect(b.name == "page.content" && pb == TemplatePosition(line: 2, column: 29))
        #expect(c.name == "head" && pc == TemplatePosition(line: 2, column: 47))
    }

    @Test func sectionsNestAndTransformsAreSplitOff() throws {
        let scanned = try nodes("{{#page.tags}}{{#first()}}[{{/first()}}{{uppercased(name)}}{{/page.tags}}{{^x}}{{/x}}")
        guard case .section(let tags, false, _, let body)? = scanned.first, case .section(let x, true, _, _)? = scanned.last else {
            Issue.record("unexpected nodes \(scanned)")
            return
        }
        #expect(tags.name == "page.tags" && x.name == "x")
        guard body.count == 2, case .section(let first, false, _, _) = body[0], case .variable(let name, _) = body[1] else {
            Issue.record("unexpected body \(body)")
            return
        }
        #expect(first == TagName(name: "", transforms: ["first"]))
        #expect(name == TagName(name: "name", transforms: ["uppercased"]))
        #expect(name.written == "uppercased(name)")
    }

    @Test func commentsSpanLinesAndCountTowardsPositions() throws {
        let scanned = try nodes("{{! a comment\n over two lines }}\r\n{{title}}")
        guard case .variable(_, let position)? = scanned.first else {
            Issue.record("unexpected nodes \(scanned)")
            return
        }
        #expect(position == TemplatePosition(line: 3, column: 3))
    }

    @Test func setDelimitersChangeWhatATagIs() throws {
        let scanned = try nodes("{{=<% %>=}}{{not.a.tag}} <%page.title%> <%={{ }}=%>{{back}}")
        let names = scanned.compactMap { node -> String? in
            if case .variable(let tag, _) = node { return tag.name }
            return nil
        }
        #expect(names == ["page.title", "back"])
    }

    @Test func parentTagsCollectTheirBlocks() throws {
        let scanned = try nodes("{{<base}}\n{{$title}}T{{/title}}\n{{$content}}{{page.title}}{{/content}}\n{{/base}}")
        guard case .parent("base", false, _, let blocks)? = scanned.first else {
            Issue.record("unexpected nodes \(scanned)")
            return
        }
        #expect(Set(blocks.keys) == ["title", "content"])
    }

    @Test func anUnclosedSectionIsReportedAtItsOpeningTag() {
        let error = syntaxError("<ul>\n  {{#page.tags}}\n  <li>{{name}}</li>\n</ul>\n")
        #expect(error?.position == TemplatePosition(line: 2, column: 3))
        #expect(error?.message.contains("never closed") == true)
    }

    @Test func aMismatchedCloseIsReportedAtTheCloseAndNamesTheOpening() {
        let error = syntaxError("{{#a}}\n{{#b}}\n  x {{/a}}\n{{/b}}")
        #expect(error?.position == TemplatePosition(line: 3, column: 5))
        #expect(error?.message.contains("'b' opened at line 2, column 1") == true)
    }

    @Test func malformedTagsAreErrors() {
        #expect(syntaxError("ok\n<p>{{page.title</p>\n")?.position == TemplatePosition(line: 2, column: 4))
        #expect(syntaxError("{{页面标题}}")?.message.contains("invalid tag name") == true)
        #expect(syntaxError("{{/a}}")?.message.contains("no matching opening") == true)
        #expect(syntaxError("{{{a}}")?.position == TemplatePosition(line: 1, column: 1))
        #expect(syntaxError("{{<base}}{{x}}{{/base}}")?.position == TemplatePosition(line: 1, column: 10))
        #expect(syntaxError("{{=<%>=}}") != nil)
        #expect(syntaxError("{{page title}}")?.message.contains("invalid tag name") == true)
        #expect(syntaxError("{{%CONTENT_TYPE:PDF}}") != nil)
        #expect(syntaxError("x {") != nil, "swift-mustache cannot end a template with the start of a delimiter")
    }
}
