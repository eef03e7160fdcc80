import Foundation
@testable import SiteRender

/// The templates folder of a site: the input cut at NUL bytes into the templates below, which override the
/// built-in theme as a templates folder does; loaded (our scanner, swift-mustache, include cycles), then
/// every page rendered with a small page model and the variable check run, as a build does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = UnsafeBufferPointer(start: data, count: size).split(separator: 0, omittingEmptySubsequences: false)
    var files: [String: Theme.File] = [:]
    for (name, part) in zip(TemplatesFuzz.names, parts) {
        let path = "\(name).mustache"
        files[path] = Theme.File(path: path, shownPath: "templates/\(path)", origin: .builtIn(Data(part)))
    }
    let (templates, _) = TemplateSet.load(Theme.builtIn.overridden(by: Theme(files: files)))
    guard let templates else { return 0 }
    for (name, context) in TemplatesFuzz.contexts {
        _ = templates.render(name, context: context)
    }
    _ = templates.checkAll(TemplatesFuzz.contexts.mapValues { [$0] })
    return 0
}

enum TemplatesFuzz {
    static let names = ["note", "home", "404", "base", "toc", "pager", "question-list"]

    static var site: [String: Any] {
        ["title": "笔记 <x>", "base": "/notes/", "language": "zh-CN", "year": "2026"]
    }

    static var contexts: [String: [String: Any]] {
            [
            "note": [
                "site": site, "head": "<link>", "generator": "sitegen",
                "page": [
                    "title": "激活函数 & ReLU", "url": "/notes/a/", "content": "<p>正文</p>", "date": "2026-03-14",
                    "section": ["title": "基础", "url": "/notes/基础/"],
                    "tags": [["name": "a"], ["name": "面试"]],
                    "toc": [["id": "x", "text": "一", "level": 2, "depth": 0], ["id": "y", "text": "二", "level": 3, "depth": 1]],
                    "hasToc": true, "showTitle": true, "hasQuestions": true, "questionCount": 1,
                    "questions": [["id": "q", "title": "为什么？", "followUps": [["id": "f", "title": "然后？"]]]],
                    "prev": ["title": "前", "url": "/notes/p/"], "next": NSNull(),
                ] as [String: Any],
            ],
            "home": [
                "site": site, "head": "", "generator": "sitegen",
                "home": ["noteCount": 2, "sections": [["title": "基础", "url": "/notes/基础/", "pages": [["title": "a", "url": "/a/"]]]]],
            ],
            "404": ["site": site, "title": "404"],
        ]
    }
}
