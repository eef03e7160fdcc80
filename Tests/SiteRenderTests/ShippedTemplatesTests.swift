import Foundation
import SiteCore
import Testing
@testable import SiteRender

/// The default theme in `templates/`: it loads cleanly, uses only documented names, and renders pages
/// that contain what the context says. With `SITEGEN_SAMPLE_PAGES=<dir>` it also writes the three sample
/// pages and the stylesheet there, to look at in a browser.
@Suite struct ShippedTemplatesTests {
    private let templatesURL = repositoryRoot().appendingPathComponent("templates")

    private func shipped() throws -> TemplateSet {
        let (set, diagnostics) = TemplateSet.load(from: templatesURL, displayPath: "templates")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        return try #require(set)
    }

    @Test func loadsAndChecksWithoutDiagnostics() throws {
        let set = try shipped()
        #expect(Set(TemplateSet.requiredNames).isSubset(of: set.names))
        let diagnostics = set.checkAll([
            "note": [SampleContexts.note()], "home": [SampleContexts.home()], "404": [SampleContexts.notFound()],
            "topic": [SampleContexts.topic()],
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func notePageHasLayoutTocQuestionsAndNeighbours() throws {
        let html = try shipped().render("note", context: SampleContexts.note())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<html lang="zh-CN">"#))
        #expect(html.contains("<title>激活函数 &lt;Activation&gt; · 深度学习面试笔记</title>"))
        #expect(html.contains(#"<link rel="stylesheet" href="/notes/assets/style.3f2a9c1b2d.css">"#))
        #expect(html.contains(#"<script src="/notes/assets/search.0e1d2c3b4a.js" defer></script>"#))
        #expect(html.contains(#"<link rel="canonical" href="https://example.org/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/">"#))
        #expect(html.contains(#"<link rel="alternate" type="application/atom+xml" title="深度学习面试笔记" href="/notes/feed.xml">"#))
        #expect(html.contains(SampleContexts.head))
        #expect(html.contains(#"<a href="/notes/基础/">基础</a>"#))
        #expect(html.contains(#"<h1 class="note-title">激活函数 &lt;Activation&gt;</h1>"#))
        #expect(html.contains(#"<time datetime="2026-03-14">2026-03-14</time>"#))
        #expect(html.contains(#"<a class="tag" href="/notes/tags/面试/" rel="tag">面试</a>"#))
        // The TOC is in the sidebar and in the narrow-screen <details>; its text is already escaped.
        #expect(html.components(separatedBy: ##"<li class="toc-depth-1"><a href="#sigmoid-的问题">Sigmoid 的问题</a></li>"##).count == 3)
        #expect(html.contains("对比表 &amp; 小结</a>"))
        #expect(!html.contains("&amp;amp;"))
        #expect(html.contains("本页 3 个问题"))
        #expect(html.contains(##"<span class="question-label">Q2</span> <a href="#gelu-和-relu-的区别">GELU 和 ReLU 的区别</a>"##))
        #expect(html.contains(##"<ol class="follow-ups"><li><a href="#dead-relu-怎么办">Dead ReLU 怎么办？</a></li></ol>"##))
        #expect(html.components(separatedBy: "follow-ups").count == 2, "a question without follow-ups has no empty list")
        #expect(html.contains(#"href="/notes/基础/归一化/" rel="next"><span class="pager-label">下一篇</span>归一化 BatchNorm &amp; LayerNorm</a>"#))
        #expect(html.contains(SampleContexts.sampleContent))
        #expect(!html.contains("{{"))
    }

    @Test func notePageHasMetadataSidebarAndThemeToggle() throws {
        let html = try shipped().render("note", context: SampleContexts.note())
        #expect(html.contains(#"<meta name="description" content="激活函数给网络带来非线性，常见的有 Sigmoid、ReLU 与 GELU。">"#))
        #expect(html.contains(#"<meta property="og:title" content="激活函数 &lt;Activation&gt;">"#))
        #expect(html.contains(#"<meta property="og:type" content="article">"#))
        #expect(html.contains(#"<meta property="og:url" content="https://example.org/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/">"#))
        #expect(html.contains(#"<meta name="twitter:description" content="激活函数给网络带来非线性，常见的有 Sigmoid、ReLU 与 GELU。">"#))
        #expect(html.contains(#"<link rel="icon" href="/notes/assets/favicon.svg" type="image/svg+xml">"#))
        #expect(html.contains(#"<script src="/notes/assets/nav.5a6b7c8d9e.js" defer></script>"#))
        // The stored light/dark choice is applied in <head>, before the stylesheet draws anything.
        let inline = try #require(html.range(of: "localStorage.getItem(\"sitegen-theme\")"))
        #expect(inline.lowerBound < html.range(of: "rel=\"stylesheet\"")!.lowerBound)
        #expect(html.contains(#"<button class="theme-toggle" type="button""#))
        #expect(html.contains(#"更新于 <time datetime="2026-04-01">2026-04-01</time>"#))
        #expect(html.contains(#"<a href="https://github.com/lin/notes/edit/main/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0.md" rel="nofollow">编辑此页</a>"#))
        #expect(html.contains(#"<a href="/notes/基础/激活函数/" aria-current="page">激活函数 &lt;Activation&gt;</a>"#))
        #expect(html.contains(#"<a href="/notes/基础/损失函数/">损失函数</a>"#))
        #expect(html.contains("<details open>\n        <summary><a href=\"/notes/基础/\">基础</a>"))
        #expect(html.contains(#"<a class="sidebar-section-link" href="/notes/优化/">优化</a>"#))
        #expect(html.contains(##"<a class="back-to-top" href="#top">"##))
        #expect(html.contains(#"<a href="/notes/tags/">标签</a>"#))
    }

    @Test func withoutCanonicalThereAreNoOpenGraphTags() throws {
        let html = try shipped().render("404", context: SampleContexts.notFound())
        #expect(!html.contains("og:") && !html.contains("twitter:"))
        #expect(html.contains(#"<meta name="description" content="激活函数、优化器与 Transformer 的问答练习">"#))
    }

    @Test func notePageListsItsTopicsAndBacklinks() throws {
        let html = try shipped().render("note", context: SampleContexts.note())
        #expect(html.contains(#"<a href="/notes/topics/">主题</a>"#))
        #expect(html.contains(#"<a class="topic-chip" href="/notes/topics/梯度消失/">梯度消失</a>"#))
        #expect(html.contains(#"<li><a href="/notes/优化/优化器/#学习率">优化器</a> <span class="backlink-section">· 学习率</span></li>"#))
    }

    @Test func topicPageGroupsSectionsByNote() throws {
        let html = try shipped().render("topic", context: SampleContexts.topic())
        #expect(html.contains("<title>Sigmoid · 主题 · 深度学习面试笔记</title>"))
        #expect(html.contains(#"<h1 class="topic-title">Sigmoid</h1>"#))
        #expect(html.contains(#"<a href="/notes/topics/激活函数/">激活函数</a>"#))
        #expect(html.contains(#"<a class="topic-section-link" href="/notes/基础/激活函数/">开头</a>"#))
        #expect(html.contains(#"<li class="is-question">"#))
        #expect(html.contains("两端饱和 &lt;梯度小&gt;。"))
        #expect(html.contains("相关主题") && html.contains("也提到了") && !html.contains("子主题"))
    }

    @Test func notePageWithoutOptionalPartsLeavesThemOut() throws {
        var context = SampleContexts.note(content: "<p>只有一段。</p>")
        var page = context["page"] as? [String: Any] ?? [:]
        for key in ["section", "date", "updated", "editURL", "prev", "next"] { page[key] = nil }
        page["tags"] = [[String: Any]]()
        page["toc"] = [[String: Any]]()
        page["questions"] = [[String: Any]]()
        page["hasToc"] = false
        page["hasQuestions"] = false
        page["questionCount"] = 0
        page["showTitle"] = false
        context["page"] = page
        let html = try shipped().render("note", context: context)
        for absent in ["breadcrumbs", "<time", "toc-sidebar", "toc-inline", "question-index", "pager-prev", "pager-next", "note-title", "note-edit"] {
            #expect(!html.contains(absent), "\(absent)")
        }
        #expect(html.contains("<p>只有一段。</p>"))
    }

    @Test func homePageGroupsNotesBySectionWithCounts() throws {
        let html = try shipped().render("home", context: SampleContexts.home())
        #expect(html.contains("<h1>深度学习面试笔记</h1>"))
        #expect(html.contains("共 5 篇笔记"))
        #expect(html.contains(#"<a href="/notes/基础/">基础</a>"#))
        #expect(html.contains("3 篇 · 7 题"))
        #expect(html.contains("1 篇</span>"), "a section without questions shows no question count")
        #expect(html.contains(#"<a class="note-link" href="/notes/基础/激活函数/">激活函数</a>"#))
        #expect(html.contains(#"<span class="badge">4 题</span>"#))
        #expect(html.components(separatedBy: #"class="badge""#).count == 4, "notes without questions have no badge")
        #expect(html.contains("归一化 BatchNorm &amp; LayerNorm"))
        let sections = ["笔记", "基础", "Transformer"].compactMap { html.range(of: ">\($0)</")?.lowerBound }
        #expect(sections.count == 3 && sections == sections.sorted(), "sections in the order given")
    }

    @Test func aSectionPageIsTitledBySection() throws {
        var context = SampleContexts.home()
        var home = context["home"] as? [String: Any] ?? [:]
        home["title"] = "基础"
        context["home"] = home
        let html = try shipped().render("home", context: context)
        #expect(html.contains("<title>基础 · 深度学习面试笔记</title>"))
        #expect(html.contains("<h1>基础</h1>"))
        #expect(!html.contains("home-description"))
        let siteHome = try shipped().render("home", context: SampleContexts.home())
        #expect(siteHome.contains("<title>深度学习面试笔记</title>"))
    }

    /// A section's page has the section's title as its `<h1>` and lists the notes without a heading again.
    @Test func aSectionPageShowsItsTitleOnce() throws {
        var context = SampleContexts.home()
        var home = context["home"] as? [String: Any] ?? [:]
        let sections = home["sections"] as? [[String: Any]] ?? []
        home["title"] = "基础"
        home["isSection"] = true
        home["sections"] = [sections[1]]
        context["home"] = home
        let html = try shipped().render("home", context: context)
        #expect(html.components(separatedBy: ">基础<").count - 1 == 1)
        #expect(!html.contains("home-section-title"))
        #expect(html.contains(#"<a class="note-link" href="/notes/基础/激活函数/">激活函数</a>"#))
    }

    @Test func everyPageLoadsTheCodeCopyScript() throws {
        let html = try shipped().render("note", context: SampleContexts.note())
        #expect(html.contains(#"<script src="/notes/assets/code.5a6b7c8d9e.js" defer></script>"#))
    }

    @Test func anIndexPageIntroducesTheHomePage() throws {
        var context = SampleContexts.home()
        var home = context["home"] as? [String: Any] ?? [:]
        home["title"] = "面试题合集"
        home["content"] = "<p>这里是 <strong>介绍</strong>。</p>"
        context["home"] = home
        let html = try shipped().render("home", context: context)
        #expect(html.contains("<title>面试题合集 · 深度学习面试笔记</title>"))
        #expect(html.contains("<h1>面试题合集</h1>"))
        let intro = try #require(html.range(of: #"<div class="home-intro note-body">"#))
        let stats = try #require(html.range(of: "共 5 篇笔记"))
        #expect(intro.upperBound < stats.lowerBound && html.contains("<p>这里是 <strong>介绍</strong>。</p>"))
        #expect(!html.contains("home-description"))

        // The intro shows its own <h1>: the page adds none.
        home["showTitle"] = false
        context["home"] = home
        let ownTitle = try shipped().render("home", context: context)
        #expect(!ownTitle.contains("<h1>") && ownTitle.contains("共 5 篇笔记"))
    }

    @Test func notFoundPageLinksHome() throws {
        let html = try shipped().render("404", context: SampleContexts.notFound())
        #expect(html.contains(#"<a class="button" href="/notes/">"#))
        #expect(html.contains("<title>页面不存在 · 深度学习面试笔记</title>"))
        #expect(html.contains(#"<link rel="stylesheet" href="/notes/assets/style.3f2a9c1b2d.css">"#))
        #expect(!html.contains("rel=\"canonical\""), "the 404 page is served at any path: it has no canonical URL")
    }

    @Test func writesSamplePagesWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["SITEGEN_SAMPLE_PAGES"] else { return }
        let set = try shipped()
        let out = URL(fileURLWithPath: directory)
        let assets = out.appendingPathComponent("notes/assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        let css = try String(contentsOf: templatesURL.appendingPathComponent("assets/style.css"), encoding: .utf8)
        try css.write(to: assets.appendingPathComponent("style.3f2a9c1b2d.css"), atomically: true, encoding: .utf8)
        // Pages refer to /notes/assets/…; rewrite to relative paths so that file:// URLs work.
        var plain = SampleContexts.note()
        plain["page"] = ["title": "学习计划", "url": "/notes/学习计划/", "showTitle": true, "hasToc": false, "hasQuestions": false,
                         "content": "<p>没有目录、也没有问题的一篇短笔记。English words mixed in, like gradient clipping。</p>"]
        let pages = [("note", "note", SampleContexts.note()), ("note-plain", "note", plain), ("home", "home", SampleContexts.home()),
                     ("404", "404", SampleContexts.notFound())]
        for (file, name, context) in pages {
            let html = set.render(name, context: context).replacingOccurrences(of: "\"/notes/assets/", with: "\"notes/assets/")
            try html.write(to: out.appendingPathComponent("\(file).html"), atomically: true, encoding: .utf8)
            #expect(!html.isEmpty)
        }
    }
}
