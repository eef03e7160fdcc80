/// How much the parts of a page count for the terms in them.
///
/// A page's score for a term is idf × (title + headings + text), where
/// - title: `title` when the page title has the term;
/// - headings: the headings that have the term, each `question` or `heading`, summed as h and saturated to
///   `headings` × h / (h + 1): a page with a section on the term ranks high however long the page is;
/// - text: BM25 of the term's occurrences in the text (code counting `code` each), at most `k1 + 1` = 2.2.
public struct FieldWeights: Hashable, Sendable {
    public var title: Float = 2
    public var headings: Float = 3
    public var question: Float = 1.5
    public var heading: Float = 1
    /// Code is mostly identifiers and punctuation: a page that names a term in prose should rank above one
    /// whose code merely uses it, but `model.eval()` should still find the page.
    public var code: Float = 0.3

    public init() {}
}

/// The terms of one page and where they occur: all the index needs from a page besides its snippet text.
/// Depends on the page and the synonym names alone, so it can be computed in parallel (or cached per note).
public struct DocumentTerms: Hashable, Sendable {
    /// Term → occurrences in the text, code counting `FieldWeights.code` each.
    public var frequencies: [String: Float]
    /// Term → Σ of the weights of the headings that have it (each heading counts once).
    public var headings: [String: Float]
    /// The terms of the page title.
    public var titleTerms: Set<String>
    /// Number of terms in the page's text and code, for length normalisation.
    public var length: Int

    public init(_ document: SearchDocument, names: SearchTokenizer.SynonymNames = .init(), weights: FieldWeights = FieldWeights()) {
        var frequencies: [String: Float] = [:]
        var headings: [String: Float] = [:]
        var length = 0
        func add(_ text: String, _ weight: Float) {
            SearchTokenizer.forEachTerm(in: text, names: names) { term in
                frequencies[term, default: 0] += weight
                length += 1
            }
        }
        for section in document.sections {
            let weight = section.isQuestion ? weights.question : weights.heading
            for term in Set(SearchTokenizer.terms(in: section.heading, names: names)) { headings[term, default: 0] += weight }
            add(section.text, 1)
            add(section.code, weights.code)
        }
        self.frequencies = frequencies
        self.headings = headings
        titleTerms = Set(SearchTokenizer.terms(in: document.title, names: names))
        self.length = length
    }
}
