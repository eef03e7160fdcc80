import SiteCore

/// Cuts formulas out of Markdown before cmark-gfm sees it, repairing them and reporting lost ones.
public enum MathProtector {
    /// Replaces every formula in `markdown` by `MathPlaceholder.make(i)`.
    ///
    /// - Parameters:
    ///   - path: the original file, for diagnostics and span locations.
    ///   - lineMap: where the lines of `markdown` came from in that file (identity when `nil`).
    ///   - macros: the page's macros; their names count as TeX when looking for bare TeX in prose.
    ///   - fromExport: the text came from an export (Notion, Jekyll, …): also look for math copied from its
    ///     rendered form (italic letters, the typographic minus), which in hand-written Markdown is just typography.
    ///   - marksLost: a formula lost in export (a gap, `[公式]`) becomes a `.lost` span, which the page shows as
    ///     a marker; otherwise the text stays as it is.
    public static func protect(
        _ markdown: String, path: String, lineMap: LineMap? = nil, macros: [String: String] = [:],
        fromExport: Bool = true, marksLost: Bool = true
    ) -> ProtectedMarkdown {
        let t = ScalarText(markdown)
        var cursor = MathCursor(t)
        let matches = cursor.run()
        let inputMap = lineMap ?? LineMap.identity(lineCount: t.lineCount)

        var spans: [MathSpan] = []
        var diagnostics: [Diagnostic] = []
        var text = ""
        text.reserveCapacity(markdown.utf8.count)
        var origins = [1]
        var inputLine = 1
        var copied = 0

        func copy(upTo end: Int) {
            text += t.string[t.range(copied, end)]
            for k in copied..<max(copied, end) {
                let c = t.scalars[k]
                if c == "\n" || (c == "\r" && t[k + 1] != "\n") {
                    inputLine += 1
                    origins.append(inputLine)
                }
            }
            copied = end
        }

        // The rest of the paragraph of an unclosed opener is a broken formula, already reported as one.
        var unclosedParagraphs: [Range<Int>] = []
        for opener in cursor.unclosed where opener.offset >= (unclosedParagraphs.last?.upperBound ?? 0) {
            unclosedParagraphs.append(opener.offset..<t.paragraphEnd(after: opener.offset))
        }
        let detector = LostFormulaDetector(
            t, codeLines: cursor.isCodeLine, excluded: matches.map { $0.start..<$0.end } + cursor.codeSpans + unclosedParagraphs,
            extraCommands: Set(macros.keys.map { $0.hasPrefix("\\") ? String($0.dropFirst()) : $0 }),
            findsCopiedMath: fromExport
        )
        /// Spots in prose that become spans too: unmistakable bare TeX, and markers of lost formulas.
        var prose: [(range: Range<Int>, span: MathSpan)] = []
        for finding in detector.findings() {
            let p = t.position(of: finding.offset)
            let location = inputMap.location(path: path, line: p.line, column: p.column)
            if let range = detector.unmistakableTeX(finding) {
                let tex = t.text(range.lowerBound, range.upperBound)
                let p = t.position(of: range.lowerBound)
                let location = inputMap.location(path: path, line: p.line, column: p.column)
                diagnostics.append(.note(
                    "TeX outside math delimiters typeset as inline math: `\(tex)`; wrap it in `$…$` in the note",
                    code: "math-bare-tex", at: location))
                prose.append((range, MathSpan(tex: tex, original: tex, delimiter: .bare, display: false, location: location)))
            } else if finding.repeatsEarlier {
                continue
            } else if finding.isHint {
                diagnostics.append(.note(message(for: finding), code: "math-lost-hint", at: location))
            } else {
                diagnostics.append(.warning(message(for: finding), code: "math-lost", at: location))
                if marksLost, finding.kind == .gap || finding.kind == .placeholder {
                    // A gap keeps its spaces, the marker goes after the first; `[公式]` is replaced.
                    let range = finding.kind == .gap ? finding.offset + 1..<finding.offset + 1 : finding.offset..<finding.end
                    var marker = MathSpan(tex: "", original: t.text(range.lowerBound, range.upperBound), delimiter: .lost,
                                          display: false, location: location)
                    marker.lostReason = message(for: finding)
                    prose.append((range, marker))
                }
            }
        }
        var pendingProse = prose[...]
        /// Puts the spots of `prose` before `offset` into the text.
        func copyProse(upTo offset: Int) {
            while let next = pendingProse.first, next.range.lowerBound < offset || next.range.isEmpty && next.range.lowerBound == offset {
                pendingProse = pendingProse.dropFirst()
                copy(upTo: next.range.lowerBound)
                text += MathPlaceholder.make(spans.count)
                spans.append(next.span)
                copied = next.range.upperBound
            }
        }

        let displayedImageLines = linesOfDisplayedImages(matches, in: t)
        for m in matches {
            copyProse(upTo: m.start)
            let position = t.position(of: m.start)
            let location = inputMap.location(path: path, line: position.line, column: position.column)
            if let image = m.image, image.formula.tex.isEmpty {
                // Nothing to typeset, and the page must not ask the service for an image of nothing.
                diagnostics.append(.warning(
                    "formula image without a formula, left out of the page; remove it from the note (image URL: \(image.url))",
                    code: "math-formula-image-empty", at: location))
                copy(upTo: m.start)
                inputLine = t.line(of: max(m.end - 1, m.start)) + 1
                copied = m.end
                continue
            }
            let original = t.text(m.start, m.end)
            let source = m.image?.formula.tex ?? tex(of: m, in: t)
            let display = m.delimiter.isDisplay || (m.delimiter == .dollar && standsAlone(m, in: t))
                || m.image?.centred == true || (m.image != nil && displayedImageLines.contains(t.line(of: m.start)))
                || opensDisplayEnvironment(source)
            if let image = m.image {
                diagnostics.append(.note(
                    "formula image typeset at build time as \(excerpt(source)); write it as \(display ? "`$$…$$`" : "`$…$`") "
                        + "in the note (image URL: \(image.url))",
                    code: "math-formula-image", at: location))
            }
            let repair = MathRepair.repair(source, delimiter: m.delimiter)
            for kind in repair.applied {
                diagnostics.append(.note("repaired formula \(excerpt(original)): \(kind.explanation)", code: kind.rawValue, at: location))
            }
            if repair.applied.contains(.notionEmphasisWrapper), let token = FlattenedScripts.suspect(in: repair.tex) {
                diagnostics.append(.warning(
                    "formula \(excerpt(original)) was copied from rendered math and may have lost sub- or superscripts: "
                        + "`\(token)` (perhaps `\(token.prefix(1))_{\(token.dropFirst())}`)",
                    code: "math-lost-script", at: location))
            }
            copy(upTo: m.start)
            text += MathPlaceholder.make(spans.count)
            spans.append(MathSpan(tex: repair.tex, original: original, delimiter: m.delimiter, display: display, location: location))
            inputLine = t.line(of: max(m.end - 1, m.start)) + 1
            copied = m.end
        }
        copyProse(upTo: t.count)
        copy(upTo: t.count)

        if let k = t.scalars.firstIndex(where: { $0 == MathPlaceholder.open || $0 == MathPlaceholder.close }) {
            let p = t.position(of: k)
            diagnostics.append(.warning(
                "the private-use character U+\(String(t.scalars[k].value, radix: 16, uppercase: true)) is reserved for math placeholders; remove it from the note",
                code: "math-placeholder-collision", at: inputMap.location(path: path, line: p.line, column: p.column)))
        }
        // An environment opened inside an unclosed `$$` is part of the same mistake: one report.
        let firstOpeners = Set(unclosedParagraphs.map(\.lowerBound))
        for opener in cursor.unclosed where firstOpeners.contains(opener.offset) || !opener.opener.hasPrefix("\\begin") {
            let p = t.position(of: opener.offset)
            diagnostics.append(.warning(
                "`\(opener.opener)` opens a formula that is not closed before the end of its paragraph; it is shown as text",
                code: "math-unclosed", at: inputMap.location(path: path, line: p.line, column: p.column)))
        }

        for stretch in cursor.ambiguousDollars {
            let p = t.position(of: stretch.offset)
            let chosen = stretch.formulas.isEmpty ? "none of them as a formula"
                : stretch.formulas.prefix(3).map { excerpt(t.text($0.lowerBound, $0.upperBound)) }.joined(separator: ", ")
            diagnostics.append(.note(
                "the `$` signs from here on pair up in more than one way; read as \(chosen); write `\\$` for a dollar sign and put no space just inside `$…$`",
                code: "math-dollar-pairing", at: inputMap.location(path: path, line: p.line, column: p.column)))
        }

        let localMap = LineMap(origins: origins.map { LineMap.Origin(line: $0) })
        return ProtectedMarkdown(
            text: text, spans: spans, lineMap: inputMap.composed(with: localMap),
            diagnostics: diagnostics.sortedByLocation()
        )
    }

    /// A `$…$` is promoted to display math when it is the only thing on its line and that line is a
    /// paragraph of its own (blank or no lines around it).
    static func standsAlone(_ m: MathScanner.OffsetMatch, in t: ScalarText) -> Bool {
        let l = t.line(of: m.start)
        guard t.line(of: m.end - 1) == l else { return false }
        var before = m.start
        while before > t.lineStarts[l], t.scalars[before - 1].isMarkdownSpace { before -= 1 }
        var after = m.end
        while after < t.lineEnds[l], t.scalars[after].isMarkdownSpace { after += 1 }
        guard before == t.lineStarts[l], after == t.lineEnds[l] else { return false }
        return t.isBlankLine(l - 1) && t.isBlankLine(l + 1)
    }

    /// The TeX between the delimiters; in a block quote, the `>` markers of its continuation lines removed.
    static func tex(of m: MathScanner.OffsetMatch, in t: ScalarText) -> String {
        let first = t.line(of: m.start), last = t.line(of: max(m.end - 1, m.start))
        let depth = LineShape.quoteDepth(t, line: first)
        guard last > first, depth > 0 else { return t.text(m.contentStart, m.contentEnd) }
        var pieces = [t.text(m.contentStart, t.lineEnds[first])]
        for l in (first + 1)...last {
            let start = max(LineShape.afterQuoteMarkers(t, line: l, upTo: depth), t.lineStarts[l])
            pieces.append(t.text(start, min(t.lineEnds[l], m.contentEnd)))
        }
        return pieces.joined(separator: "\n")
    }

    /// Environments KaTeX typesets only in display mode.
    static let displayEnvironments: Set<String> = [
        "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "alignat", "alignat*",
    ]

    /// `$\begin{equation*}…$`: inline delimiters around an environment that only exists as display math.
    static func opensDisplayEnvironment(_ tex: String) -> Bool {
        let scalars = tex.unicodeScalars.drop { $0.isUnicodeWhitespace }
        guard scalars.starts(with: "\\begin{".unicodeScalars) else { return false }
        let name = scalars.dropFirst(7).prefix(30).prefix { $0 != "}" }
        return displayEnvironments.contains(String(String.UnicodeScalarView(name)))
    }

    /// Lines of formula images shown as display math: each alone on its line (after quote markers and
    /// indentation), in a paragraph of such lines only (`![](…)` between blank lines, or a column of them).
    static func linesOfDisplayedImages(_ matches: [MathScanner.OffsetMatch], in t: ScalarText) -> Set<Int> {
        var alone: Set<Int> = []
        for m in matches where m.image != nil {
            let l = t.line(of: m.start)
            guard t.line(of: m.end - 1) == l, LineShape(t, line: l).contentStart == m.start else { continue }
            var after = m.end
            while after < t.lineEnds[l], t.scalars[after].isMarkdownSpace { after += 1 }
            if after == t.lineEnds[l] { alone.insert(l) }
        }
        var displayed: Set<Int> = []
        var l = 0
        while l < t.lineCount, !alone.isEmpty {
            var e = l
            while e < t.lineCount, !t.isBlankLine(e) { e += 1 }
            if e > l, (l..<e).allSatisfy(alone.contains) { displayed.formUnion(l..<e) }
            l = e + 1
        }
        return displayed
    }

    /// The first 60 characters of a formula on one line, in backticks (only the head is read: formulas can be huge).
    static func excerpt(_ s: String) -> String {
        let head = s.prefix(120)
        let oneLine = head.split(whereSeparator: \.isNewline).joined(separator: " ")
        let truncated = oneLine.count > 60 || head.endIndex < s.endIndex
        return "`" + (truncated ? oneLine.prefix(57) + "…" : oneLine) + "`"
    }

    static func message(for f: LostFormulaDetector.Finding) -> String {
        switch f.kind {
        case .placeholder:
            "a formula was lost in export: `[公式]` stands where it was"
        case .gap where f.isHint:
            "perhaps a formula was lost here: a gap in the text at `\(f.excerpt)`"
        case .gap:
            "a formula seems lost in export: a gap in the text at `\(f.excerpt)` where a symbol must have stood"
        case .italicMath:
            "a formula seems lost in export: `\(f.excerpt)` looks like math that kept only its italics (Notion exports formulas this way); write it as TeX in `$…$`"
        case .unicodeMinus:
            "a formula seems lost in export: the Unicode minus in `\(f.excerpt)` comes from rendered math; write it as TeX in `$…$`"
        case .bareTeX:
            "TeX outside math delimiters: `\(f.excerpt)`; wrap the formula in `$…$` or `\\(…\\)`"
        }
    }
}
