/// What a terminal shows of a build's diagnostics, so a flood stays readable: repeats of one code in one
/// file fold into a single count line after the first few, and a build with many warnings ends with a
/// table of counts per code. The report keeps every diagnostic; this is only the terminal's view.
public struct DiagnosticDigest: Sendable {
    /// How many diagnostics of one code in one file are shown in full before the rest fold.
    public var shownPerGroup = 3
    /// More warnings than this add the table of counts per code.
    public var tableAfterWarnings = 20

    /// Low-confidence hints the terminal leaves to the report (a gap that may be a lost formula).
    public static let reportOnlyCodes: Set<String> = ["math-lost-hint"]

    public init(shownPerGroup: Int = 3, tableAfterWarnings: Int = 20) {
        self.shownPerGroup = shownPerGroup
        self.tableAfterWarnings = tableAfterWarnings
    }

    /// The lines to print for `diagnostics` (in the order given, normally by location): each diagnostic in
    /// full, except that after `shownPerGroup` of one code and severity in one file, the rest become one
    /// line at the place of the first of them:
    /// `notes/x.md:40:3: warning: … and 37 more in this file (lines 40–910; the report lists each) [math-lost]`.
    /// Diagnostics in `reportOnlyCodes` are left out.
    public func lines(_ diagnostics: [Diagnostic]) -> [String] {
        let diagnostics = diagnostics.filter { !Self.reportOnlyCodes.contains($0.code) }
        struct Group: Hashable {
            var path: String?
            var code: String
            var severity: Diagnostic.Severity
        }
        struct Tally {
            var seen = 0
            var firstFolded = 0
            var lastLine: Int?
        }
        var tallies: [Group: Tally] = [:]
        for (i, d) in diagnostics.enumerated() {
            let group = Group(path: d.location?.path, code: d.code, severity: d.severity)
            var tally = tallies[group, default: Tally()]
            tally.seen += 1
            if tally.seen == shownPerGroup + 1 { tally.firstFolded = i }
            tally.lastLine = d.location?.line
            tallies[group] = tally
        }
        var lines: [String] = []
        var shown: [Group: Int] = [:]
        for (i, d) in diagnostics.enumerated() {
            let group = Group(path: d.location?.path, code: d.code, severity: d.severity)
            let tally = tallies[group] ?? Tally()
            let folded = tally.seen - shownPerGroup
            // Folding a single diagnostic would save nothing.
            guard folded > 1 else {
                lines.append(d.description)
                continue
            }
            let index = shown[group, default: 0]
            shown[group] = index + 1
            if index < shownPerGroup {
                lines.append(d.description)
            } else if i == tally.firstFolded {
                var span = ""
                if let first = d.location?.line, let last = tally.lastLine {
                    span = first == last ? "line \(first); " : "lines \(first)–\(last); "
                }
                let place = d.location == nil ? "" : " in this file"
                var summary = d
                summary.message = "… and \(folded) more\(place) (\(span)the report lists each)"
                lines.append(summary.description)
            }
        }
        return lines
    }

    /// The table of counts per code and severity, most severe and most frequent first, or nothing when
    /// there are at most `tableAfterWarnings` warnings:
    /// ```
    /// diagnostics by code:
    ///     390 warnings  math-katex-warning
    ///       5 errors    math-katex-error
    /// ```
    public func table(_ diagnostics: [Diagnostic]) -> [String] {
        guard diagnostics.warningCount > tableAfterWarnings else { return [] }
        struct Row: Hashable {
            var severity: Diagnostic.Severity
            var code: String
        }
        var counts: [Row: Int] = [:]
        for d in diagnostics { counts[Row(severity: d.severity, code: d.code), default: 0] += 1 }
        let rows = counts.sorted { a, b in
            if a.key.severity != b.key.severity { return a.key.severity > b.key.severity }
            if a.value != b.value { return a.value > b.value }
            return a.key.code < b.key.code
        }
        let width = String(rows.map(\.value).max() ?? 0).count
        return ["diagnostics by code:"] + rows.map { row, count in
            let number = String(repeating: " ", count: width - String(count).count) + String(count)
            let kind = row.severity.rawValue + (count == 1 ? "" : "s")
            return "  \(number) \(kind)\(String(repeating: " ", count: max(1, 10 - kind.count)))\(row.code)"
        }
    }
}
