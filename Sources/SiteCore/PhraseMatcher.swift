/// Finds many phrases at once in a stream of tokens: an Aho–Corasick automaton over tokens (words, characters)
/// rather than bytes, so one pass over a text finds every phrase in time linear in the text.
///
/// Feed tokens one by one with `next`; after each, `matches(at:)` lists the phrases that end there,
/// longest first. Search uses it to mark synonym names, topics to find the names of topics.
public struct PhraseMatcher<Token: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
    /// A position in the automaton; `start` before any token and after a reset.
    public typealias State = Int
    public static var start: State { 0 }

    private var transitions: [[Token: Int]] = [[:]]
    private var failure: [Int] = [0]
    private var depth: [Int] = [0]
    /// Values of the phrase that ends exactly at each node.
    private var values: [[Value]] = [[]]
    /// The nearest node, this one or along the failure links, at which a phrase ends; -1 when none.
    private var output: [Int] = [-1]

    public init(_ phrases: [(tokens: [Token], value: Value)]) {
        for (tokens, value) in phrases where !tokens.isEmpty {
            var node = 0
            for token in tokens {
                if let child = transitions[node][token] {
                    node = child
                } else {
                    transitions.append([:]); failure.append(0); depth.append(depth[node] + 1); values.append([]); output.append(-1)
                    transitions[node][token] = transitions.count - 1
                    node = transitions.count - 1
                }
            }
            if !values[node].contains(value) { values[node].append(value) }
        }
        // Breadth-first: a node's failure link is the longest proper suffix of its phrase that is in the trie.
        var queue = transitions[0].values.sorted()
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            output[node] = values[node].isEmpty ? output[failure[node]] : node
            for (token, child) in transitions[node] {
                var fallback = failure[node]
                while fallback != 0, transitions[fallback][token] == nil { fallback = failure[fallback] }
                failure[child] = transitions[fallback][token] ?? 0
                queue.append(child)
            }
        }
    }

    /// True when there are no phrases.
    public var isEmpty: Bool { transitions[0].isEmpty }

    /// The state after `token`.
    public func next(_ state: State, _ token: Token) -> State {
        var node = state
        while true {
            if let child = transitions[node][token] { return child }
            if node == 0 { return 0 }
            node = failure[node]
        }
    }

    /// The longest phrase ending at `state`: its length in tokens and its values.
    public func longestMatch(at state: State) -> (length: Int, values: [Value])? {
        let node = output[state]
        return node < 0 ? nil : (depth[node], values[node])
    }

    /// Every phrase ending at `state`, longest first.
    public func matches(at state: State, _ body: (_ length: Int, _ values: [Value]) -> Void) {
        var node = output[state]
        while node > 0 {
            body(depth[node], values[node])
            node = output[failure[node]]
        }
    }
}
