/// How much the parts of a page count for the terms in them.
///
/// A page's score for a term is idf × (title + headings + text), where
/// - title: `title` when the page title has the term;
/// - headings: the headings that have the term, each `question` or `heading`, summed as h and saturated to
///   `headings` × h / (h + 1): a page with a section on the term ranks high however long the page is;
/// - text: BM25 of the term's occurrences in the text (code counting `code` each), at most `k1 + 1` = 2.2.
public struct FieldWeights: Hashable, Sendable {
    public var title: Float = 4
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
    public struct Occurrences: Hashable, Sendable {
        /// Occurrences in the text, code counting `FieldWeights.code` each.
        public var text: Float = 0
        /// Σ of the weights of the headings that have the term (each heading counts once).
        public var headings: Float = 0
        public var inTitle = false
    }

    public var terms: [SearchTokenizer.Term: Occurrences]
    /// Number of terms in the page's text and code, for length normalisation.
    public var length: Int

    public init(_ document: SearchDocument, names: SearchTokenizer.SynonymNames = .init(), weights: FieldWeights = FieldWeights()) {
        var tokenizer = SearchTokenizer(names: names)
        var terms: [SearchTokenizer.Term: Occurrences] = [:]
        // Generated and real notes have about one distinct term per 8 bytes of text: growing the table
        // step by step cost more than the counting.
        terms.reserveCapacity(document.sections.reduce(document.title.utf8.count) {
            $0 + $1.heading.utf8.count + $1.text.utf8.count + $1.code.utf8.count
        } / 8)
        var length = 0
        tokenizer.forEachTerm(in: document.title) { terms[$0, default: Occurrences()].inTitle = true }
        var inHeading: Set<SearchTokenizer.Term> = []
        for section in document.sections {
            inHeading.removeAll(keepingCapacity: true)
            tokenizer.forEachTerm(in: section.heading) { inHeading.insert($0) }
            let weight = section.isQuestion ? weights.question : weights.heading
            for term in inHeading { terms[term, default: Occurrences()].headings += weight }
            tokenizer.forEachTerm(in: section.text) { term in
                terms[term, default: Occurrences()].text += 1
                length += 1
            }
            tokenizer.forEachTerm(in: section.code) { term in
                terms[term, default: Occurrences()].text += weights.code
                length += 1
            }
        }
        self.terms = terms
        self.length = length
    }
}
