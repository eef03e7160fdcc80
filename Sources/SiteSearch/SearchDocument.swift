/// What the search index knows about one page: where it is, its title, and its text section by section.
public struct SearchDocument: Hashable, Sendable {
    /// The page's URL relative to the site root, e.g. `基础/激活函数/`.
    public var url: String
    public var title: String
    public var sections: [Section]

    public init(url: String, title: String, sections: [Section]) {
        self.url = url
        self.title = title
        self.sections = sections
    }

    /// The text from one heading to the next. The text before the first heading has an empty `anchor`.
    public struct Section: Hashable, Sendable {
        /// The heading's id on the page (`""` for the top of the page).
        public var anchor: String
        /// The heading as a reader sees it (empty for the top of the page).
        public var heading: String
        /// Plain prose, formulas left out; shown in snippets.
        public var text: String
        /// The text of code blocks: indexed with a low weight, never shown in snippets.
        public var code: String
        /// The heading is one of the note's questions.
        public var isQuestion: Bool

        public init(anchor: String, heading: String, text: String, code: String = "", isQuestion: Bool = false) {
            self.anchor = anchor
            self.heading = heading
            self.text = text
            self.code = code
            self.isQuestion = isQuestion
        }
    }
}
