/// Finds many phrases at once in a stream of tokens: an Aho–Corasick automaton over tokens (words, characters)
/// rather than bytes, so one pass over a text finds every phrase in time linear in the text.
///
/// Feed tokens one by one with `next`; after each, `matches(at:)` lists the phrases that end there,
/// longest first. Search uses it to mark synonym names, topics to find the names of topics.
///
/// The stepping functions are `@inlinable` so that they are specialised for the token type where they are
/// called (every word of every page goes through `next`); unspecialised, each step looked up generic
/// metadata and hashed through witness tables.
public struct PhraseMatcher<Token: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
    /// A position in the automaton; `start` before any token and after a reset.
    public typealias State = Int
    public static var start: State { 0 }

    /// An arrow of the trie: from a node, on a token.
    @usableFromInline struct Edge: Hashable, Sendable {
        @usableFromInline var node: Int
        @usableFromInline var token: Token

        @inlinable init(_ node: Int, _ token: Token) {
            self.node = node
            self.token = token
        }
    }

    /// The trie's arrows, all in one table.
    @usableFromInline var edges: [Edge: Int] = [:]
    @usableFromInline var failure: [Int] = [0]
    @usableFromInline var depth: [Int] = [0]
    /// Values of the phrase that ends exactly at each node.
    @usableFromInline var values: [[Value]] = [[]]
    /// The nearest node, this one or along the failure links, at which a phrase ends; -1 when none.
    @usableFromInline var output: [Int] = [-1]

    public init(_ phrases: [(tokens: [Token], value: Value)]) {
        var children: [[(Token, Int)]] = [[]]
        for (tokens, value) in phrases where !tokens.isEmpty {
            var node = 0
            for token in tokens {
                if let child = edges[Edge(node, token)] {
                    node = child
                } else {
                    children.append([]); failure.append(0); depth.append(depth[node] + 1); values.append([]); output.append(-1)
                    edges[Edge(node, token)] = children.count - 1
                    children[node].append((token, children.count - 1))
                    node = children.count - 1
                }
            }
            if !values[node].contains(value) { values[node].append(value) }
        }
        // Breadth-first: a node's failure link is the longest proper suffix of its phrase that is in the trie.
        var queue = children[0].map { $0.1 }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            output[node] = values[node].isEmpty ? output[failure[node]] : node
            for (token, child) in children[node] {
                var fallback = failure[node]
                while fallback != 0, edges[Edge(fallback, token)] == nil { fallback = failure[fallback] }
                failure[child] = edges[Edge(fallback, token)] ?? 0
                queue.append(child)
            }
        }
    }

    /// True when there are no phrases.
    @inlinable public var isEmpty: Bool { edges.isEmpty }

    /// The state after `token`.
    @inlinable public func next(_ state: State, _ token: Token) -> State {
        var node = state
        while true {
            if let child = edges[Edge(node, token)] { return child }
            if node == 0 { return 0 }
            node = failure[node]
        }
    }

    /// The longest phrase ending at `state`: its length in tokens and its values.
    @inlinable public func longestMatch(at state: State) -> (length: Int, values: [Value])? {
        let node = output[state]
        return node < 0 ? nil : (depth[node], values[node])
    }

    /// Every phrase ending at `state`, longest first.
    @inlinable public func matches(at state: State, _ body: (_ length: Int, _ values: [Value]) -> Void) {
        var node = output[state]
        while node > 0 {
            body(depth[node], values[node])
            node = output[failure[node]]
        }
    }
}
