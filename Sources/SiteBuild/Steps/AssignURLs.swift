import SiteCore

extension BuildStep {
    /// Gives every page a slug, a section (its folder) and a pretty URL (`<section>/<slug>/`), unique across the site.
    public static let assignURLs = BuildStep("assign URLs") { context in
        let base = context.config.basePath
        var taken: Set<String> = ["assets", "404.html", "index.html"]
        for i in context.pages.indices {
            var page = context.pages[i]
            let components = page.sourcePath.split(separator: "/").map(String.init)
            let fileName = components.last ?? page.sourcePath
            let stem = fileName.lastIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
            let folders = components.dropLast()
            page.section = folders.isEmpty ? nil : folders.joined(separator: "/")
            let sectionPath = folders.map { URLSlug.make($0) }.joined(separator: "/")
            let slug = URLSlug.make(page.frontMatter.slug ?? stem)
            var path = sectionPath.isEmpty ? slug : "\(sectionPath)/\(slug)"
            if taken.contains(path) {
                var n = 2
                while taken.contains("\(path)-\(n)") { n += 1 }
                page.diagnostics.append(.warning("another note already has the URL '\(base)\(path)/'; this one gets '\(base)\(path)-\(n)/'",
                                                 code: "slug-duplicate", at: SourceLocation(path: page.displayPath, line: 1)))
                path += "-\(n)"
            }
            taken.insert(path)
            page.slug = String(path.split(separator: "/").last ?? Substring(path))
            page.url = base + path + "/"
            page.outputPath = path + "/index.html"
            context.pages[i] = page
        }
    }
}

/// URL path segments that keep Chinese and stay readable: `激活函数`, `batch-norm`, `l1-和-l2`.
public enum URLSlug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let props = scalar.properties
            if props.isAlphabetic || props.numericType != nil || scalar == "_" || scalar == "." {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "note" : out
    }
}
