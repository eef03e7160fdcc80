import SiteCore
import SiteMath

/// Math protection (scanner, `$` pairing, repair, lost-formula detection) on a Markdown note, as written by
/// hand and as from an export; repair alone on the whole input under every delimiter. Checks the round trip
/// the build relies on: putting each formula's source back where its placeholder is gives the note again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.sourceLines.count
    for fromExport in [false, true] {
        let protected = MathProtector.protect(text, path: "fuzz.md", macros: ["\\R": "\\mathbb{R}"], fromExport: fromExport)
        precondition(protected.lineMap.origins.count == protected.text.sourceLines.count, "line map does not cover the text")
        precondition(protected.diagnostics.allSatisfy { ($0.location?.line ?? 1) >= 1 && ($0.location?.line ?? 1) <= lineCount },
                     "diagnostic outside the note")
        if !text.unicodeScalars.contains(where: { $0 == MathPlaceholder.open || $0 == MathPlaceholder.close }) {
            let restored = MathSubstitution.substitute(in: protected.text, rendered: protected.spans.map(\.original))
            precondition(restored == text, "formulas put back do not give the note again")
        }
    }
    for delimiter in [MathDelimiter.dollar, .doubleDollar, .parenthesis, .bracket, .environment] {
        _ = MathRepair.repair(text, delimiter: delimiter)
    }
    return 0
}
