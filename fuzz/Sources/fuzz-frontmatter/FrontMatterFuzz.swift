import Foundation
import SiteBuild

/// The YAML readers: the bytes as a settings file (UTF-8 check, YAML, alias limit, typed settings), as a
/// note (front matter split off and read), and as the front matter of a note.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = ConfigLoader.load(Data(bytes), path: "sitegen.yml")
    let text = String(decoding: bytes, as: UTF8.self)
    for note in [text, "---\n\(text)\n---\n正文\n"] {
        let split = FrontMatter.split(note, path: "fuzz.md")
        precondition(split.bodyFirstLine >= 1 && split.diagnostics.allSatisfy { ($0.location?.line ?? 1) >= 1 },
                     "front matter diagnostics outside the note")
    }
    return 0
}
