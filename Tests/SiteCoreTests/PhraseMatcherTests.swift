import SiteCore
import Testing

@Suite struct PhraseMatcherTests {
    /// Every phrase ending at each token of `tokens`, as (end index, length, values).
    func run(_ matcher: PhraseMatcher<String, Int>, _ tokens: [String]) -> [(Int, Int, [Int])] {
        var found: [(Int, Int, [Int])] = []
        var state = PhraseMatcher<String, Int>.start
        for (i, token) in tokens.enumerated() {
            state = matcher.next(state, token)
            matcher.matches(at: state) { length, values in found.append((i, length, values)) }
        }
        return found
    }

    @Test func findsOverlappingPhrasesLongestFirst() {
        let matcher = PhraseMatcher<String, Int>([(["归", "一", "化"], 1), (["批", "归", "一", "化"], 0), (["一"], 2)])
        let found = run(matcher, ["用", "批", "归", "一", "化"])
        #expect(found.map(\.0) == [3, 4, 4])
        #expect(found.map(\.1) == [1, 4, 3])
        #expect(found.map(\.2) == [[2], [0], [1]])
        #expect(matcher.longestMatch(at: matcher.next(matcher.next(PhraseMatcher<String, Int>.start, "归"), "一"))?.values == [2])
    }

    @Test func failureLinksRecoverAfterAPartialPhrase() {
        // "a b a b c": the phrase "a b c" starts at the second "a", after "a b a" failed to continue.
        let matcher = PhraseMatcher<String, Int>([(["a", "b", "c"], 7)])
        let found = run(matcher, ["a", "b", "a", "b", "c"])
        #expect(found.count == 1 && found[0].0 == 4 && found[0].1 == 3)
    }

    @Test func oneValuePerPhraseAndEmptyPhrasesIgnored() {
        let matcher = PhraseMatcher<String, Int>([(["bn"], 0), (["bn"], 0), (["bn"], 3), ([], 9)])
        #expect(!matcher.isEmpty)
        #expect(matcher.longestMatch(at: matcher.next(PhraseMatcher<String, Int>.start, "bn"))?.values == [0, 3])
        #expect(PhraseMatcher<String, Int>([([], 1)]).isEmpty)
        #expect(matcher.longestMatch(at: matcher.next(PhraseMatcher<String, Int>.start, "bnf")) == nil)
    }
}
