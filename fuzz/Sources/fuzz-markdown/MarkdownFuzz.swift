import SiteHTML
import SiteMarkdown

/// cmark-gfm's parse converted to sitegen's tree, heading ids made for every heading, and the tree rendered
/// three ways: raw HTML omitted, kept as written (`rawHTML: true`), and marked and passed through the
/// sanitiser (the default), with link rewriting, code-block hooks and every heading a question.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let document = MarkdownParser.parse(text)
    var anchors = HeadingAnchors()
    let headings = document.collect { if case .heading = $0.kind { true } else { false } }
    let headingIDs = headings.map { anchors.makeID(for: $0.plainText) }
    let headingLines = Set(headings.compactMap { $0.range?.startLine })
    _ = HTMLRenderer().render(document)
    var trusted = HTMLRenderer(options: MarkdownOptions(allowRawHTML: true))
    trusted.headingIDs = headingIDs
    _ = trusted.render(document)

    let sanitizer = HTMLSanitizer(policy: .notes)
    var renderer = HTMLRenderer()
    renderer.headingIDs = headingIDs
    renderer.questionLines = headingLines
    renderer.rewriteURL = { $0.hasSuffix(".md") ? "../" + $0.dropLast(3) + "/" : $0 }
    renderer.renderCodeBlock = { info, literal, _ in info == "tensor" ? "<pre>\(literal.count)</pre>" : nil }
    renderer.wrapRawHTML = { html, range in sanitizer.markers.mark(html, line: range?.startLine) }
    _ = sanitizer.sanitize(renderer.render(document))
    return 0
}
