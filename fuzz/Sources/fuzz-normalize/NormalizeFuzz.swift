import SiteCore
import SiteMath
import SiteNormalize

/// A note body: format detection, then every normaliser (detected and forced), then math protection of the
/// detected format's output with its line map, as the build chains them. Checks what the build relies on:
/// the line map covers the output, heading levels are 1–6, diagnostics point at lines of the note.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalize(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.sourceLines.count
    for format in [nil] + SourceFormat.allCases {
        let note = Normalizer.normalize(NormalizerInput(text: text, path: "fuzz.md", declaredFormat: format))
        if note.format != .markdown {
            let lines = note.markdown.isEmpty ? 0 : note.markdown.sourceLines.count - 1
            precondition(note.lineMap.origins.count == lines, "line map of \(note.format) does not cover its output")
        }
        precondition(note.headings.allSatisfy { (1...6).contains($0.level) }, "heading level out of range")
        precondition(note.diagnostics.allSatisfy { ($0.location?.line ?? 1) >= 1 && ($0.location?.line ?? 1) <= lineCount + 1 },
                     "diagnostic outside the note")
        if format == nil {
            _ = MathProtector.protect(note.markdown, path: "fuzz.md", lineMap: note.lineMap, fromExport: note.format != .markdown)
        }
    }
    return 0
}
