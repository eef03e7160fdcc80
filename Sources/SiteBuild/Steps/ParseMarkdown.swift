import SiteCore

import Foundation
import SiteMarkdown
import SiteMath
import SiteNormalize

extension BuildStep {
    /// Parses each page with cmark-gfm and derives its title, heading ids, table of contents and questions.
    public static let parseMarkdown = BuildStep("parse", perBatch: true) { context in
        let followUpLabel = followUpLabel(context.config)
        let keepsTexts = context.artifacts != nil
        context.updateBatchPages { page in
            var page = page
            guard page.protected != nil, !page.reuse.parsed else { return page }
            page.parse(followUpLabel: followUpLabel)
            // Three of the four copies of every note a large site held while its topics were linked go now
            // rather than at `finishParsedNotes`. (`sitegen serve`'s store keeps them.)
            if !keepsTexts { page.releaseSourceTexts() }
            return page
        }
    }

    /// How follow-up questions are labelled (`追问 1`) in the site's language.
    static func followUpLabel(_ config: SiteConfig) -> String {
        config.language.lowercased().hasPrefix("zh") ? "追问" : "Follow-up"
    }
}

extension Page {
    /// Lets go of the texts the note was parsed from (source, body, normalised text): once parsed, it needs
    /// only its protected text, for locations.
    mutating func releaseSourceTexts() {
        text = ""
        body = ""
        normalized?.markdown = ""
    }

    /// Parses the protected Markdown with cmark-gfm and derives the title, heading ids, table of contents
    /// and questions.
    mutating func parse(followUpLabel: String) {
        guard let protected else { return }
        let parsed = MarkdownParser.parseDocument(protected.text)
        document = parsed.document.promotingDeepHeadings(source: protected.text)
        if let first = parsed.flattened.first {
            let places = parsed.flattened.count == 1 ? "" : " (\(parsed.flattened.count) places, the first here)"
            diagnostics.append(.warning(
                "lists, quotes, emphasis or links nested more than \(MarkdownParser.maximumDepth) levels deep\(places): "
                    + "the deeper part is shown as plain text; nest less deeply",
                code: "nesting-too-deep", at: location(line: first.startLine, column: first.startColumn)))
        }
        outline(spans: protected.spans, followUpLabel: followUpLabel)
    }

    /// The tree `parse` made, made again from the protected Markdown (for a tree let go, see `parsesAgain`).
    func parsedTree() -> MarkdownNode {
        guard let protected else { return MarkdownNode(.document) }
        return MarkdownParser.parseDocument(protected.text).document.promotingDeepHeadings(source: protected.text)
    }
}

extension Page {
    /// Heading ids, TOC, title and question entries from the parsed document.
    /// Follow-up questions are labelled `followUpLabel 1`, `followUpLabel 2`, … within their question.
    mutating func outline(spans: [MathSpan], followUpLabel: String) {
        var anchors = HeadingAnchors()
        let headings = document.collect { if case .heading = $0.kind { true } else { false } }
        // Plain text (`√d_k`) for titles and ids; HTML with the formulas' placeholders for the TOC.
        var texts: [String] = [], htmls: [String] = []
        for heading in headings {
            let plain = heading.plainText.trimmingSpaces
            let text = plain.replacingMathPlaceholders { spans.indices.contains($0) ? TeXPlainText.text(spans[$0].tex) : "" }
            texts.append(text)
            htmls.append(plain.htmlEscaped)
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
            toc.append(TOCEntry(id: headingIDs[i], text: texts[i], html: htmls[i], level: level, depth: max(0, level - minLevel)))
        }

        // Questions are matched to headings by the original source line they came from.
        var idByLine: [Int: [(id: String, used: Bool)]] = [:]
        var htmlByID: [String: String] = [:]
        for (i, heading) in headings.enumerated() {
            htmlByID[headingIDs[i]] = htmls[i]
            guard let line = heading.range?.startLine else { continue }
            idByLine[location(line: line, column: 1).line, default: []].append((headingIDs[i], false))
        }
        func entry(_ q: Question, label: String) -> QuestionEntry {
            var id = ""
            if var candidates = idByLine[q.sourceLine], let k = candidates.firstIndex(where: { !$0.used }) {
                id = candidates[k].id
                candidates[k].used = true
                idByLine[q.sourceLine] = candidates
            }
            return QuestionEntry(id: id, title: q.title, html: htmlByID[id] ?? q.title.htmlEscaped, label: label, sourceLine: q.sourceLine,
                                 followUps: labelled(q.followUps) { "\(followUpLabel) \($0)" })
        }
        // Questions are counted `Q1`, `Q2`, …; a number the source gave one (`3.title`) is its label.
        func labelled(_ list: [Question], _ name: (Int) -> String) -> [QuestionEntry] {
            var last = 0
            return list.map { q in
                last = q.number ?? last + 1
                return entry(q, label: name(last))
            }
        }
        description = Self.description(of: document, spans: spans)
        questions = labelled(normalized?.questions ?? []) { "Q\($0)" }
        topicIDs = []
        for heading in normalized?.headings ?? [] where heading.role == .topic {
            if let id = idByLine[heading.sourceLine]?.first(where: { !$0.used })?.id { topicIDs.insert(id) }
        }
    }

    /// The longest description: search engines show about this many characters.
    static let descriptionLength = 160

    /// The document's first paragraph with text besides images, as plain text (formulas as `√d_k`, no TeX), white space
    /// collapsed (none between two Chinese characters), cut to `descriptionLength` characters with `…`.
    static func description(of document: MarkdownNode, spans: [MathSpan]) -> String {
        var text = ""
        document.walk { node in
            guard text.isEmpty else { return false }
            guard node.kind == .paragraph else { return true }
            let hasText = node.children.contains { child in
                if case .image = child.kind { return false }
                return !child.plainText.allSatisfy(\.isWhitespace)
            }
            guard hasText else { return false }
            let plain = node.plainText.replacingMathPlaceholders { spans.indices.contains($0) ? TeXPlainText.text(spans[$0].tex) : "" }
            var collapsed = ""
            var pendingSpace = false
            for scalar in plain.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !collapsed.isEmpty
                    continue
                }
                if pendingSpace, !(scalar.isCJK && collapsed.unicodeScalars.last?.isCJK == true) { collapsed += " " }
                pendingSpace = false
                collapsed.unicodeScalars.append(scalar)
            }
            text = collapsed
            return false
        }
        guard text.count > descriptionLength else { return text }
        return text.prefix(descriptionLength - 1).trimmingSpaces + "…"
    }

    /// The note's first line with text, the title of last resort.
    var firstNonEmptyLine: String? {
        body.sourceLines.lazy.map(\.trimmingSpaces).first { !$0.isEmpty }
    }

    /// The headings (by start line in the parsed text) the renderer folds with their section: questions
    /// with their labels, and topics, unlabelled.
    var collapsibleHeadings: [Int: HTMLRenderer.Collapsible] {
        var byID: [String: HTMLRenderer.Collapsible] = [:]
        for id in topicIDs { byID[id] = .topic }
        func add(_ q: QuestionEntry) {
            if !q.id.isEmpty { byID[q.id] = .question(q.label) }
            q.followUps.forEach(add)
        }
        questions.forEach(add)
        var lines: [Int: HTMLRenderer.Collapsible] = [:]
        var index = 0
        document.walk { node in
            if case .heading = node.kind {
                if index < headingIDs.count, let collapsible = byID[headingIDs[index]], let line = node.range?.startLine {
                    lines[line] = collapsible
                }
                index += 1
            }
            return true
        }
        return lines
    }
}
