/// How much the fields of a page count for the terms in them.
public struct FieldWeights: Hashable, Sendable {
    /// A term in the page title adds this many times the term's idf, whatever the page's length: about
    /// as much as the term on every line of the page (BM25 saturates at `k1 + 1` = 2.2).
    public var title: Float = 2
    /// Weights of an occurrence in a question heading, another heading, the text, code.
    public var question: Float = 3
    public var heading: Float = 2
    public var body: Float = 1
    /// Code is mostly identifiers and punctuation: a page that names a term in prose should rank above one
    /// whose code merely uses it, but `model.eval()` should still find the page.
    public var code: Float = 0.3

    public init() {}
}

/// The terms of one page with their field-weighted frequencies: all the index needs from a page besides
/// its snippet text. Depends on the page and the synonym names alone, so it can be computed in parallel
/// (or cached per note).
public struct DocumentTerms: Hashable, Sendable {
    /// Term → Σ over headings, text and code of weight × occurrences.
    public var frequencies: [String: Float]
    /// The terms of the page title.
    public var titleTerms: Set<String>
    /// Number of terms in the page's headings, text and code, for length normalisation.
    public var length: Int

    public init(_ document: SearchDocument, names: SearchTokenizer.SynonymNames = .init(), weights: FieldWeights = FieldWeights()) {
        var frequencies: [String: Float] = [:]
        var length = 0
        func add(_ text: String, _ weight: Float) {
            SearchTokenizer.forEachTerm(in: text, names: names) { term in
                frequencies[term, default: 0] += weight
                length += 1
            }
        }
        for section in document.sections {
            add(section.heading, section.isQuestion ? weights.question : weights.heading)
            add(section.text, weights.body)
            add(section.code, weights.code)
        }
        self.frequencies = frequencies
        titleTerms = Set(SearchTokenizer.terms(in: document.title, names: names))
        self.length = length
    }
}
