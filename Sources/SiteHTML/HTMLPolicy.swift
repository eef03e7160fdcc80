/// Which elements and attributes of a note's raw HTML reach the page, after GitHub's sanitiser.
///
/// Elements not listed are unwrapped (their content kept); `removedWithContent` elements go with
/// everything inside them. `center` becomes `<div align="center">`.
public struct HTMLPolicy: Sendable {
    /// Elements kept, each with the attributes it may carry besides `commonAttributes`.
    var elements: [String: Set<String>]
    var commonAttributes: Set<String>
    /// Elements dropped with their content: scripts, styles, embedded documents, forms' controls, SVG.
    var removedWithContent: Set<String>
    /// Keep everything (`rawHTML: true`): nothing is judged, URLs are still rewritten.
    var keepsEverything: Bool

    /// The default for notes: tables, images, line breaks, alignment, details, keyboard keys, ...
    public static let notes: HTMLPolicy = {
        let cell: Set = ["colspan", "rowspan", "valign", "width", "height", "abbr", "scope"]
        var elements: [String: Set<String>] = [
            "a": ["href", "name", "id", "rel", "target"],
            "img": ["src", "alt", "width", "height", "border"],
            "table": ["width", "border", "cellpadding", "cellspacing"],
            "td": cell, "th": cell,
            "col": ["span", "width"], "colgroup": ["span", "width"],
            "ol": ["start", "type", "reversed"], "li": ["value"],
            "details": ["open"],
            "del": ["datetime"], "ins": ["datetime"], "time": ["datetime"],
        ]
        for tag in ["h1", "h2", "h3", "h4", "h5", "h6"] { elements[tag] = ["id"] }
        let plain = [
            "p", "div", "span", "br", "hr", "wbr", "blockquote", "pre", "code", "kbd", "samp", "var", "tt",
            "b", "i", "em", "strong", "u", "s", "strike", "mark", "small", "big", "sup", "sub",
            "abbr", "cite", "dfn", "q", "ruby", "rt", "rp", "bdo",
            "ul", "dl", "dt", "dd",
            "caption", "thead", "tbody", "tfoot", "tr",
            "summary", "figure", "figcaption",
        ]
        for tag in plain where elements[tag] == nil { elements[tag] = [] }
        return HTMLPolicy(
            elements: elements,
            commonAttributes: ["title", "lang", "dir", "align", "style"],
            removedWithContent: [
                "script", "style", "template", "noscript", "title", "head",
                "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param", "portal",
                "svg", "math", "canvas", "audio", "video", "source", "track",
                "link", "meta", "base",
                "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "keygen",
                "xmp", "plaintext", "noembed",
            ],
            keepsEverything: false)
    }()

    /// `rawHTML: true`: the author's HTML as written (cmark's tag filter aside).
    public static let trusted = HTMLPolicy(elements: [:], commonAttributes: [], removedWithContent: [],
                                           keepsEverything: true)

    /// `center`'s replacement: a block that centres its content, as `center` did.
    static let centre = (name: "div", attribute: (name: "align", value: "center"))

    enum Treatment: Equatable {
        case keep(name: String)
        case unwrap
        case remove
    }

    func treatment(of element: String) -> Treatment {
        if keepsEverything { return .keep(name: element) }
        if element == "center" { return .keep(name: Self.centre.name) }
        if elements[element] != nil { return .keep(name: element) }
        if removedWithContent.contains(element) { return .remove }
        return .unwrap
    }

    /// Whether `element` (as written) may carry an attribute named `name`; values are checked apart.
    func allows(_ name: String, on element: String) -> Bool {
        if keepsEverything { return true }
        if commonAttributes.contains(name) { return true }
        let kept = element == "center" ? Self.centre.name : element
        return elements[kept]?.contains(name) ?? false
    }

    /// Attributes whose value is a URL, checked by `URLRules`.
    static let urlAttributes: Set<String> = ["href", "src"]
}
