import Testing
@testable import SiteHTML

/// The author's HTML as one raw node starting at line 1, sanitised with the notes policy.
func clean(_ raw: String, policy: HTMLPolicy = .notes, rewrite: (HTMLAttribute) -> String = { $0.value }) -> SanitizedHTML {
    let sanitizer = HTMLSanitizer(policy: policy)
    return sanitizer.sanitize(sanitizer.markers.mark(raw, line: 1), rewrite: rewrite)
}

func removed(_ result: SanitizedHTML) -> [String] {
    result.removals.map { "\($0.kind):\($0.name)" }
}

@Suite struct XSSVectorTests {
    @Test func eventHandlerOnImage() {
        let result = clean(#"<img src=x onerror="alert(1)">"#)
        #expect(result.html == #"<img src="x" />"#)
        #expect(removed(result) == ["attribute:onerror"])
    }

    @Test func scriptAndStyleGoWithTheirBodies() {
        let result = clean("<p>a</p><script>alert('x<p>')</script><style>body{display:none}</style><p>b</p>")
        #expect(result.html == "<p>a</p><p>b</p>")
        #expect(removed(result) == ["element:script", "element:style"])
    }

    @Test func javascriptLinks() {
        for href in ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                     "java&#115;cript:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)",
                     "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>"]
        {
            let result = clean(#"<a href="\#(href)">x</a>"#)
            #expect(result.html == "<a>x</a>", "\(href)")
            #expect(result.removals.map(\.kind) == [.url], "\(href)")
        }
        #expect(clean(#"<a href="javascript:alert(1)">x</a>"#).removals.first?.name == "javascript")
    }

    @Test func entityThatLibxml2DoesNotKnowStaysText() {
        // `&colon;` is HTML5 only: libxml2 leaves it, and it is written so that browsers read it as text too.
        let result = clean(#"<a href="javascript&colon;alert(1)">x</a>"#)
        #expect(result.html == #"<a href="javascript&amp;colon;alert(1)">x</a>"#)
    }

    @Test func svgWithScript() {
        let result = clean("<svg><script>alert(1)</script><circle r=\"5\"/></svg>after")
        #expect(result.html == "after")
        #expect(removed(result) == ["element:svg"])
    }

    @Test func embeddedDocumentsAndForms() {
        let result = clean(#"<iframe src="https://e.com"></iframe><object data="x.swf"></object><embed src="x.swf"><form action="/x"><input name="q"><label>名字</label><button>go</button></form>"#)
        #expect(result.html == "名字")
        #expect(removed(result) == ["element:iframe", "element:object", "element:embed", "unwrapped:form", "element:input",
                                    "unwrapped:label", "element:button"])
    }

    @Test func linkAndMetaElements() {
        let result = clean(#"<link rel="stylesheet" href="https://e.com/x.css"><meta http-equiv="refresh" content="0;url=https://e.com">text"#)
        #expect(result.html == "text")
    }

    @Test func uppercaseTagsAndAttributes() {
        let result = clean(#"<IMG SRC="a.png" ONERROR="alert(1)"><SCRIPT>alert(2)</SCRIPT><B>粗</B>"#)
        #expect(result.html == #"<img src="a.png" /><b>粗</b>"#)
        #expect(removed(result) == ["attribute:onerror", "element:script"])
    }

    @Test func dataURLsOnlyForImages() {
        let png = "data:image/png;base64,iVBORw0KGgo="
        #expect(clean(#"<img src="\#(png)">"#).html == #"<img src="\#(png)" />"#)
        #expect(clean(#"<img src="data:image/svg+xml;base64,PHN2Zz4=">"#).html == "<img />")
        #expect(clean(#"<a href="\#(png)">x</a>"#).html == "<a>x</a>")
    }

    @Test func styleKeepsOnlySafeProperties() {
        let result = clean(#"<div style="width: 40%; position: fixed; background: url(https://e.com/t.png); color: gray; margin: -100px">x</div>"#)
        #expect(result.html == #"<div style="width: 40%; color: gray">x</div>"#)
        #expect(removed(result) == ["styleProperty:position", "styleProperty:background", "styleProperty:margin"])
        let none = clean(#"<span style="behavior: url(x.htc)">y</span>"#)
        #expect(none.html == "<span>y</span>")
    }

    @Test func commentsCDATAAndProcessingInstructions() {
        let result = clean("a<!-- 隐藏 <script>alert(1)</script> -->b<![CDATA[ c ]]><?php echo 1 ?>d")
        #expect(!result.html.contains("隐藏") && !result.html.contains("<script") && !result.html.contains("php"))
        #expect(result.html.hasPrefix("ab") && result.html.hasSuffix("d"))
        #expect(result.removals.isEmpty, "comments are invisible in browsers too")
    }

    @Test func unclosedTagsAreClosed() {
        let result = clean("<table><tr><td><b>粗体<td>second</table><p>段落<p>另一段")
        #expect(result.html == "<table><tr><td><b>粗体</b></td><td>second</td></tr></table><p>段落</p><p>另一段</p>")
    }

    @Test func strayEndTagsOfTheDocument() {
        let result = clean("<p>a</p></body></html><p>after</p><body onload=\"alert(1)\">text")
        #expect(!result.html.contains("onload") && !result.html.contains("body"))
        #expect(result.html.contains("<p>after</p>") && result.html.hasSuffix("text"))
    }

    @Test func metaCharsetDoesNotChangeTheEncoding() {
        let result = clean(#"<meta charset="iso-8859-1"><p>中文标题与说明</p>"#)
        #expect(result.html == "<p>中文标题与说明</p>")
    }

    @Test func attributeValuesAreEscaped() {
        let result = clean(#"<img alt='a"b<c>&amp;' src="x.png" title="&lt;script&gt;">"#)
        #expect(result.html == #"<img alt="a&quot;b&lt;c&gt;&amp;" src="x.png" title="&lt;script&gt;" />"#)
    }

    @Test func textIsEscaped() {
        let result = clean("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &nbsp;x</p>")
        #expect(result.html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \u{00A0}x</p>")
    }
}

@Suite struct AllowListTests {
    @Test func tableOfImagesWithCaptions() {
        let raw = """
        <table style="width:100%; table-layout:fixed;">
          <tr>
            <td><img width="150px" src="gif/填充.gif"></td>
          </tr>
          <tr>
            <td>无填充，步长为 1</td>
          </tr>
        </table>
        """
        let result = clean(raw)
        #expect(result.removals.isEmpty)
        #expect(result.html.contains(#"<table style="width: 100%; table-layout: fixed">"#))
        #expect(result.html.contains(#"<td><img width="150px" src="gif/%E5%A1%AB%E5%85%85.gif" /></td>"#))
        #expect(result.html.contains("<td>无填充，步长为 1</td>"))
    }

    @Test func nestedTables() {
        let raw = "<table><tr><td><table><tr><th colspan=\"2\">内</th></tr></table></td></tr></table>"
        #expect(clean(raw).html == #"<table><tr><td><table><tr><th colspan="2">内</th></tr></table></td></tr></table>"#)
    }

    @Test func centerBecomesACentredDiv() {
        #expect(clean("<center><img src=\"a.png\"></center>").html == #"<div align="center"><img src="a.png" /></div>"#)
        #expect(clean("<center align=\"left\">x</center>").html == #"<div align="left">x</div>"#)
    }

    @Test func formattingElements() {
        let raw = "<kbd>Ctrl</kbd> x<sup>2</sup> x<sub>i</sub> <mark>重点</mark> <u>下划线</u> <s>删</s> <small>小</small> <details open><summary>答案</summary>内容</details>"
        let result = clean(raw)
        #expect(result.html == raw)
        #expect(result.removals.isEmpty)
    }

    @Test func linksKeepSafeAttributes() {
        let result = clean(#"<a href="https://e.com/?a=1&b=2" title="t" target="_blank" rel="license" class="x" onclick="f()">x</a>"#)
        #expect(result.html == #"<a href="https://e.com/?a=1&amp;b=2" title="t" target="_blank" rel="license">x</a>"#)
        #expect(removed(result) == ["attribute:class", "attribute:onclick"])
        #expect(clean(##"<a href="#x" target="_top">x</a>"##).html == ##"<a href="#x">x</a>"##)
    }

    @Test func unknownElementsAreUnwrapped() {
        let result = clean(#"<font color="red">红色</font><section><p>段</p></section><custom-tag>t</custom-tag>"#)
        #expect(result.html == "红色<p>段</p>t")
        #expect(removed(result) == ["unwrapped:font", "unwrapped:section", "unwrapped:custom-tag"])
    }

    @Test func headingsKeepIDs() {
        #expect(clean(#"<h2 id="a" onclick="x">标题</h2>"#).html == #"<h2 id="a">标题</h2>"#)
        #expect(clean(#"<div id="search">x</div>"#).html == "<div>x</div>")
    }
}

@Suite struct TrustedPolicyTests {
    @Test func keepsEverything() {
        let raw = #"<img src="a.png" onerror="f()"><font color="red">x</font><a href="javascript:f()">y</a><!-- note -->"#
        let result = clean(raw, policy: .trusted)
        #expect(result.removals.isEmpty)
        #expect(result.html == #"<img src="a.png" onerror="f()" /><font color="red">x</font><a href="javascript:f()">y</a><!-- note -->"#)
    }
}

@Suite struct ParserQuirkTests {
    @Test func whatFollowsAVoidElementIsNotItsContent() {
        // libxml2 (HTML 4) does not know `embed`, `source`, `wbr` as empty and nests what follows in them.
        let result = clean(#"<embed src="x.swf"><p>后文</p><video><source src="v.mp4"></video>x<wbr>y"#)
        #expect(result.html == "<p>后文</p>x<wbr />y")
        #expect(removed(result) == ["element:embed", "element:video"])
    }
}

@Suite struct RawRegionTests {
    @Test func onlyTheAuthorsHTMLIsJudged() {
        let sanitizer = HTMLSanitizer(policy: .notes)
        let generated = #"<details class="question" open>"# + "\n<summary><h2 id=\"q\">问题</h2></summary>\n<div class=\"answer\">\n"
        let body = generated + "<p>" + sanitizer.markers.mark("<span class=\"x\" onclick=\"f()\">", line: 7) + "文字"
            + sanitizer.markers.mark("</span>", line: 7) + "</p>\n<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> 任务</li>\n</ul>\n</div>\n</details>\n"
        let result = sanitizer.sanitize(body)
        #expect(result.html == generated + "<p><span>文字</span></p>\n<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> 任务</li>\n</ul>\n</div>\n</details>\n")
        #expect(removed(result) == ["attribute:class", "attribute:onclick"])
    }

    @Test func aTableSpreadOverSeveralRawNodesStaysOneTable() {
        let sanitizer = HTMLSanitizer(policy: .notes)
        let body = sanitizer.markers.mark("<table>\n<tr><td>", line: 3) + "\n<p><strong>粗体</strong></p>\n"
            + sanitizer.markers.mark("</td></tr>\n</table>", line: 7)
        #expect(sanitizer.sanitize(body).html == "<table>\n<tr><td>\n<p><strong>粗体</strong></p>\n</td></tr>\n</table>")
    }

    @Test func removalsCarryTheirSourceLine() {
        let sanitizer = HTMLSanitizer(policy: .notes)
        let body = "<p>intro</p>\n<p>more\nlines</p>\n" + sanitizer.markers.mark("<div>\n<p>x</p>\n<script>f()</script>\n<img src=a onerror=f()>\n</div>", line: 40)
        let result = sanitizer.sanitize(body)
        #expect(result.removals.map(\.line) == [42, 43])
    }

    @Test func aNoteCannotCloseItsRegion() {
        let sanitizer = HTMLSanitizer(policy: .notes)
        for forged in ["<!--sitegen-raw-->", "<!--\(RawHTMLMarkers().nonce)-->", "<!--sitegen-raw-0-->"] {
            let body = sanitizer.markers.mark(forged + "<img src=x onerror=alert(1)>", line: 1)
            #expect(sanitizer.sanitize(body).html == #"<img src="x" />"#)
        }
    }

    @Test func anUnclosedQuoteFailsClosed() {
        // The raw node's quote swallows the end mark: what follows is judged as the author's HTML.
        let sanitizer = HTMLSanitizer(policy: .notes)
        let body = sanitizer.markers.mark("<span title='a", line: 1)
            + "\n<p>it's</p>\n<details class=\"question\" open><summary>q</summary></details>\n"
        let result = sanitizer.sanitize(body)
        #expect(result.html.contains("<details open>"))
        #expect(result.removals.contains { $0.name == "class" })
    }

    @Test func attributesAreRewrittenBeforeTheyAreJudged() {
        var seen: [String] = []
        let result = clean(#"<img src="img/a.png" alt="图"><a href="other.md">o</a>"#) { attribute in
            seen.append("\(attribute.element).\(attribute.name)=\(attribute.value)@\(attribute.line ?? 0)")
            return attribute.name == "src" ? "../img/a.png" : attribute.name == "href" ? "javascript:x" : attribute.value
        }
        #expect(seen == ["img.src=img/a.png@1", "img.alt=图@1", "a.href=other.md@1"])
        #expect(result.html == #"<img src="../img/a.png" alt="图" /><a>o</a>"#)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 50_000
        let raw = String(repeating: "<div>", count: depth) + "深" + String(repeating: "</div>", count: depth)
        let result = clean(raw)
        #expect(result.html.contains("深"))
        #expect(result.removals.isEmpty)
    }
}

@Suite struct ClassicVectorTests {
    static let vectors = [
        #"<img """><script>alert("XSS")</script>">"#,
        #"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
        #"<a href="javascript&#58;alert(1)">x</a>"#,
        #"<a href="&#x6A;avascript:alert(1)">x</a>"#,
        #"<svg/onload=alert(1)>"#,
        #"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#,
        #"<details open ontoggle=alert(1)>"#,
        #"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
        #"<base href="javascript:alert(1)//">"#,
        #"<scr<script>ipt>alert(1)</script>"#,
        #"<<script>alert(1)//<</script>"#,
        #"<img src=x onerror=alert(1)//"#,
        #"<div style="background:url(javascript:alert(1))">x</div>"#,
        #"<p title='"><script>alert(1)</script>'>t</p>"#,
        #"<a href="java\#nscript:alert(1)">x</a>"#,
        #"<form action="javascript:alert(1)"><input type=submit></form>"#,
        #"<body onload=alert(1)>"#,
        #"<table background="javascript:alert(1)"><tr><td>x</td></tr></table>"#,
        #"<!--><script>alert(1)</script>-->"#,
        #"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
    ]

    @Test(arguments: vectors)
    func nothingExecutableSurvives(_ vector: String) {
        let html = clean(vector).html
        let lower = html.lowercased()
        #expect(!lower.contains("<script"), "\(html)")
        #expect(!lower.contains("javascript:"), "\(html)")
        // Text is escaped, so every `<` in the output opens a real tag: none may carry an event handler.
        for tag in lower.split(separator: "<").dropFirst() {
            let inside = tag.prefix { $0 != ">" }
            #expect(inside.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(html)")
            #expect(!inside.contains("background="), "\(html)")
        }
    }
}

@Suite struct InputTests {
    @Test func aNULDoesNotEndTheInput() {
        let result = clean("<p>a\u{0}b</p><p>后面</p>")
        #expect(result.html == "<p>a\u{FFFD}b</p><p>后面</p>")
    }
}
