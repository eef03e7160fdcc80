/// Rebuilds heading levels of a post so that there is one page title and no level is skipped,
/// keeping the reading order and the nesting the author wrote.
///
/// 1. Body `#` headings: a single `#` heading before every other heading, when `##` headings
///    follow, is a preface and becomes a `##` beside them (ambiguous, so it is reported); otherwise
///    any `#` heading means the body starts at `#` and every heading moves one level down.
/// 2. Each heading then sits one level below the nearest earlier heading with a smaller wanted
///    level (its parent), or at `##` without one; a heading that lands elsewhere than wanted (a
///    skipped level such as `##` → `####`) is reported.
enum HeadingLevels {
    struct Result: Equatable {
        var levels: [Int]
        /// Indices whose level was a guess, with the reason.
        var guesses: [(index: Int, reason: String)]

        static func == (a: Result, b: Result) -> Bool {
            a.levels == b.levels && a.guesses.map(\.index) == b.guesses.map(\.index)
        }
    }

    static func normalize(_ levels: [Int]) -> Result {
        var wanted = levels
        var guesses: [(Int, String)] = []
        let ones = levels.indices.filter { levels[$0] == 1 }
        if ones == [0], levels.contains(2) {
            wanted[0] = 2
            guesses.append((0, "a single # heading before the ## sections is read as a section beside them"))
        } else if !ones.isEmpty {
            wanted = levels.map { $0 + 1 }
        }
        var final = wanted
        var stack: [Int] = []
        for i in wanted.indices {
            while let top = stack.last, wanted[top] >= wanted[i] { stack.removeLast() }
            final[i] = stack.last.map { final[$0] + 1 } ?? 2
            if final[i] != wanted[i] {
                guesses.append((i, "level \(levels[i]) heading skips a level; placed at level \(final[i])"))
            }
            stack.append(i)
        }
        return Result(levels: final, guesses: guesses)
    }
}
