import Foundation

/// A temporary templates folder holding the given files, removed when the test is done with it.
struct TemporaryTemplates {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("siterender-\(UUID().uuidString)")
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Minimal templates that satisfy `TemplateSet.requiredNames`, to add a test's own files to.
let minimalTemplates: [String: String] = [
    "note.mustache": "{{page.title}}",
    "home.mustache": "{{site.title}}",
    "404.mustache": "not found",
]

/// The repository root, from this file's path.
func repositoryRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
