import SiteCore

import Foundation
import SiteMarkdown
import SiteMath
import SiteNormalize

extension BuildStep {
    /// Parses each page with cmark-gfm and derives its title, heading ids, table of contents and questions.
    public static let parseMarkdown = BuildStep("parse") { context in
        context.pages = context.pages.parallelMap { page in
            var page = page
            guard let protected = page.protected, !page.reuse.parsed else { return page }
            let parsed = MarkdownParser.parseDocument(protected.text)
            page.document = parsed.document
            if let first = parsed.flattened.first {
                let places = parsed.flattened.count == 1 ? "" : " (\(parsed.flattened.count) places, the first here)"
                page.diagnostics.append(.warning(
                    "lists, quotes, emphasis or links nested more than \(MarkdownParser.maximumDepth) levels deep\(places): "
                        + "the deeper part is shown as plain text; nest less deeply",
                    code: "nesting-too-deep", at: page.location(line: first.startLine, column: first.startColumn)))
            }
            page.outline(spans: protected.spans)
            return page
        }
    }
}

extension Page {
    /// Heading ids, TOC, title and question entries from the parsed document.
    mutating func outline(spans: [MathSpan]) {
        var anchors = HeadingAnchors()
        let headings = document.collect { if case .heading = $0.kind { true } else { false } }
        var texts: [String] = []
        for heading in headings {
            let text = heading.plainText.replacingMathPlaceholders { spans.indices.contains($0) ? spans[$0].tex : "" }
            texts.append(text.trimmingCharacters(in: .whitespaces))
            headingIDs.append(anchors.makeID(for: text))
        }
        let firstH1 = headings.firstIndex { $0.kind == .heading(level: 1) }
        if case .heading(level: 1) = document.children.first?.kind, let first = texts.first {
            // A leading `# Title` is the page title: the template shows it, so it leaves the content,
            // unless front matter or a navigation file names a different title.
            let declared = frontMatter.title ?? navigationTitle ?? ""
            if declared.isEmpty || declared == first {
                liftedTitleHeading = true
            } else {
                contentShowsTitle = true
            }
        }
        if isIndex {
            // Only a title its author gave: otherwise the section keeps its folder's name (the home page, the site's title).
            title = [frontMatter.title, navigationTitle, firstH1.map { texts[$0] }].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        } else {
            title = [frontMatter.title, navigationTitle, normalized?.title, firstH1.map { texts[$0] }, texts.first]
                .compactMap { $0 }.first { !$0.isEmpty }
                ?? firstNonEmptyLine.map { String($0.prefix(80)) }
                ?? String(sourcePath.split(separator: "/").last ?? Substring(sourcePath))
        }
        if !liftedTitleHeading, !contentShowsTitle, !title.isEmpty {
            contentShowsTitle = zip(headings, texts).contains { $0.kind == .heading(level: 1) && $1 == title }
        }

        let minLevel = headings.compactMap { if case .heading(let l) = $0.kind, l > 1 { l } else { nil } }.min() ?? 2
        toc = []
        for (i, heading) in headings.enumerated() {
            guard case .heading(let level) = heading.kind, level > 1 else { continue }
            toc.append(TOCEntry(id: headingIDs[i], text: texts[i], level: level, depth: max(0, level - minLevel)))
        }

        // Questions are matched to headings by the original source line they came from.
        var idByLine: [Int: [(id: String, used: Bool)]] = [:]
        for (i, heading) in headings.enumerated() {
            guard let line = heading.range?.startLine else { continue }
            idByLine[location(line: line, column: 1).line, default: []].append((headingIDs[i], false))
        }
        func entry(_ q: Question) -> QuestionEntry {
            var id = ""
            if var candidates = idByLine[q.sourceLine], let k = candidates.firstIndex(where: { !$0.used }) {
                id = candidates[k].id
                candidates[k].used = true
                idByLine[q.sourceLine] = candidates
            }
            return QuestionEntry(id: id, title: q.title, sourceLine: q.sourceLine, followUps: q.followUps.map(entry))
        }
        questions = (normalized?.questions ?? []).map(entry)
    }

    /// The note's first line with text, the title of last resort.
    var firstNonEmptyLine: String? {
        body.sourceLines.lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// Start lines (in the parsed text) of the headings that are questions, for the renderer to wrap.
    var questionHeadingLines: Set<Int> {
        var ids: Set<String> = []
        func add(_ q: QuestionEntry) {
            if !q.id.isEmpty { ids.insert(q.id) }
            q.followUps.forEach(add)
        }
        questions.forEach(add)
        var lines: Set<Int> = []
        var index = 0
        document.walk { node in
            if case .heading = node.kind {
                if index < headingIDs.count, ids.contains(headingIDs[index]), let line = node.range?.startLine {
                    lines.insert(line)
                }
                index += 1
            }
            return true
        }
        return lines
    }
}
