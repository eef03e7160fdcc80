import Foundation
import SiteCore

/// Decodes files as UTF-8; a file that is not gets an error at the line and column of its first bad byte.
enum TextDecoding {
    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    /// `consequence` ends the message, e.g. `; the note is skipped`.
    static func utf8(_ data: Data, path: String, code: String, consequence: String = "") -> Result<String, Failure> {
        if let text = String(data: data, encoding: .utf8) { return .success(text) }
        var decoder = UTF8()
        var bytes = data.makeIterator()
        var offset = 0, line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput, .error:
                break decoding
            }
        }
        let shown = offset < data.count ? String(format: " (byte 0x%02X)", data[data.startIndex + offset]) : ""
        return .failure(Failure(diagnostic: .error("not UTF-8 text\(shown); save the file as UTF-8\(consequence)", code: code,
                                                   at: SourceLocation(path: path, line: line, column: column))))
    }
}
