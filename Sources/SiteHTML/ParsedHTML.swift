import CLibXML2

/// A page body parsed by libxml2's HTML parser, which recovers from broken markup the way browsers do
/// (unclosed `<p>` and `<td>`, stray end tags, uppercase names, entities, unquoted attributes).
///
/// The body is parsed as the content of `<body>`, always as UTF-8 (a `<meta charset>` inside is ignored).
/// libxml2 is thread-safe for separate documents once `xmlInitParser()` has run.
final class ParsedHTML {
    let document: htmlDocPtr

    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    private static let options: Int32 = {
        let html: [htmlParserOption] = [HTML_PARSE_NOERROR, HTML_PARSE_NOWARNING, HTML_PARSE_NONET,
                                         HTML_PARSE_NODEFDTD, HTML_PARSE_IGNORE_ENC]
        let xml: [xmlParserOption] = [XML_PARSE_HUGE]
        return Int32(html.reduce(0) { $0 | $1.rawValue } | xml.reduce(0) { $0 | $1.rawValue })
    }()

    /// `nil` only when libxml2 cannot allocate the document.
    init?(body: String) {
        _ = Self.parserReady
        // The wrapper keeps text at the start out of an implied `<p>`; a NUL would end libxml2's input early.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(body.utf8.count + 32)
        utf8 += "<html><body>".utf8
        for byte in body.utf8 {
            if byte == 0 { utf8 += "\u{FFFD}".utf8 } else { utf8.append(byte) }
        }
        utf8 += "</body></html>".utf8
        guard utf8.count < Int32.max, let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let parsed = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { bytes in
                htmlCtxtReadMemory(context, bytes, Int32(buffer.count), nil, "UTF-8", Self.options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The top-level nodes: the `html` element, and whatever libxml2 put beside it after a stray `</html>`.
    var topNodes: [xmlNodePtr] { Self.children(of: UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)) }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            found.append(c)
            child = c.pointee.next
        }
        return found
    }

    static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func content(of node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// Attributes in source order; `value` is `nil` for a bare attribute (`<details open>`).
    static func attributes(of node: xmlNodePtr) -> [(name: String, value: String?)] {
        var found: [(String, String?)] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            let name = a.pointee.name.map { String(cString: $0) } ?? ""
            var value: String?
            var part = a.pointee.children
            while let text = part {
                value = (value ?? "") + (text.pointee.content.map { String(cString: $0) } ?? "")
                part = text.pointee.next
            }
            found.append((name, value))
            attribute = a.pointee.next
        }
        return found
    }

    /// The line of the node in the parsed body (libxml2 stops counting at 65535).
    static func line(of node: xmlNodePtr) -> Int {
        Int(xmlGetLineNo(node))
    }
}
