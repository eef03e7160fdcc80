import Testing
@testable import SiteHTML

@Suite struct StyleRulesTests {
    @Test func keepsSizesAlignmentColoursAndBorders() {
        let real = "width: 60%; table-layout: fixed; border-collapse: collapse; text-align: center;"
        #expect(StyleRules.filter(real).kept == "width: 60%; table-layout: fixed; border-collapse: collapse; text-align: center")
        #expect(StyleRules.filter(real).removed.isEmpty)
        #expect(StyleRules.filter("font-size: 14px; color: gray;").kept == "font-size: 14px; color: gray")
        #expect(StyleRules.filter("border-bottom: 2px solid black").kept == "border-bottom: 2px solid black")
        #expect(StyleRules.filter("color: rgb(10, 20, 30); background-color: #eee").kept == "color: rgb(10, 20, 30); background-color: #eee")
        #expect(StyleRules.filter("display: flex; justify-content: center").kept == "display: flex; justify-content: center")
        #expect(StyleRules.filter("margin: 0 auto; padding: 4px 1.5em").kept == "margin: 0 auto; padding: 4px 1.5em")
        #expect(StyleRules.filter("WIDTH: 40%").kept == "width: 40%")
    }

    @Test func removesWhatCanLoadRunMoveOrHide() {
        let hostile = [
            "background: url(https://e.com/t.png)", "background-image: url(javascript:alert(1))",
            "width: expression(alert(1))", "position: fixed", "top: 0", "z-index: 9999", "margin: -200px 0 0 0",
            "display: none", "color: red !important", "behavior: url(x.htc)", "-moz-binding: url(x.xml#y)",
            "font-family: 'Comic Sans'", "width: 10px\\9", "color: #12345",
        ]
        for declaration in hostile {
            #expect(StyleRules.filter(declaration).kept.isEmpty, "\(declaration)")
            #expect(StyleRules.filter(declaration).removed.count == 1, "\(declaration)")
        }
        #expect(StyleRules.filter("width: 10px; position: absolute; left: 0").removed == ["position", "left"])
    }
}

@Suite struct URLRulesTests {
    @Test func linksMayGoToTheWebMailAndRelativePaths() {
        for url in ["https://e.com", "HTTP://e.com", "mailto:a@b.c", "other.md", "../图/a.png", "#标题", "/abs/path", "?q=1", "a/b:c"] {
            #expect(URLRules.forbiddenScheme(of: url, attribute: "href") == nil, "\(url)")
        }
        for (url, scheme) in [("javascript:x", "javascript"), ("\u{01}javascript:x", "javascript"), ("jav\nascript:x", "javascript"),
                              ("VBScript:x", "vbscript"), ("data:text/html,x", "data"), ("file:///etc/passwd", "file")] {
            #expect(URLRules.forbiddenScheme(of: url, attribute: "href") == scheme, "\(url)")
        }
    }

    @Test func imagesMayBeInlinePNGGIFJPEGWebP() {
        #expect(URLRules.forbiddenScheme(of: "data:image/png;base64,AAAA", attribute: "src") == nil)
        #expect(URLRules.forbiddenScheme(of: "DATA:IMAGE/JPEG;base64,AAAA", attribute: "src") == nil)
        #expect(URLRules.forbiddenScheme(of: "data:image/svg+xml;base64,AAAA", attribute: "src") == "data")
        #expect(URLRules.forbiddenScheme(of: "data:image/pngx,AAAA", attribute: "src") == "data")
        #expect(URLRules.forbiddenScheme(of: "mailto:a@b.c", attribute: "src") == "mailto")
    }
}

@Suite struct RemovalSummaryTests {
    @Test func groupsAndCountsInOrderOfFirstAppearance() {
        let removals = [
            HTMLRemoval(.element, "script", in: "script", line: 3),
            HTMLRemoval(.attribute, "onclick", in: "div", line: 4),
            HTMLRemoval(.unwrapped, "font", in: "font", line: 5),
            HTMLRemoval(.element, "script", in: "script", line: 9),
            HTMLRemoval(.attribute, "onclick", in: "a", line: 9),
            HTMLRemoval(.url, "javascript", in: "a", line: 9),
            HTMLRemoval(.attribute, "table-layout:fixed", in: "table", line: 10),
            HTMLRemoval(.styleProperty, "position", in: "div", line: 11),
            HTMLRemoval(.attribute, "onclick", in: "a", line: 12),
        ]
        #expect(HTMLRemoval.summary(removals)
            == "removed <script> (2), onclick attributes (3), javascript: URL, ‘table-layout:fixed’ attribute, style ‘position’; unwrapped <font> (text kept)")
    }
}
