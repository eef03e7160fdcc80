import SiteHTML

/// The raw-HTML sanitiser (libxml2's HTML parser, the allow-list, URL and style rules, the writer) on the
/// input as one region of the author's HTML, with attribute values rewritten as the build rewrites links;
/// and on the input as renderer markup with no author regions (parsed, kept as it is).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let sanitizer = HTMLSanitizer(policy: .notes)
    _ = sanitizer.sanitize("<p>before</p>" + sanitizer.markers.mark(html, line: 3) + "<p>after</p>") { attribute in
        attribute.name == "href" ? "../" + attribute.value : attribute.value
    }
    _ = sanitizer.sanitize(html)
    _ = HTMLSanitizer(policy: .trusted).sanitize(sanitizer.markers.mark(html, line: 1))
    return 0
}
