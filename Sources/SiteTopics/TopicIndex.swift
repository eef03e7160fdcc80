import SiteSearch

/// The site-wide joins over the notes' `NoteTopics`: the sections on each topic, related topics, backlinks,
/// the questions other notes also answer, and questions asked twice. Cheap: it reads only the summaries.
public struct TopicIndex: Sendable {
    /// A section of a page, by index into the pages and into the page's sections.
    public struct Place: Hashable, Sendable {
        public var page: Int
        public var section: Int
        public init(page: Int, section: Int) {
            self.page = page
            self.section = section
        }
    }

    /// A section on a topic, with its score for the topic.
    public struct Entry: Hashable, Sendable {
        public var place: Place
        public var score: Int
    }

    /// By topic: the sections on it (heading names it, or the text more than once), in page order.
    public private(set) var entries: [[Entry]]
    /// By topic: pages that mention it only in passing, each with the first section that does.
    public private(set) var mentions: [[Place]]
    /// By topic: other topics its sections are also on, most shared first (parent and sub-topics left out).
    public private(set) var related: [[Int]]
    /// By page: the places that link to it (links and wikilinks), in page order.
    public private(set) var backlinks: [[Place]]
    /// Questions other notes also answer, by question: on the same topics, best first.
    public private(set) var alsoAnswered: [Place: [Place]]
    /// Pairs of questions in different notes that ask the same thing (the later one second): the same words,
    /// or a heading topic in common and mostly the same terms (`duplicateSimilarity`).
    public private(set) var duplicates: [(first: Place, second: Place)]

    /// A topic gets a page when any section is on it or mentions it.
    public func hasPage(_ topic: Int) -> Bool { !entries[topic].isEmpty || !mentions[topic].isEmpty }

    public static let relatedLimit = 8
    /// The share of terms (Dice coefficient of words, CJK characters and pairs) from which two questions on a
    /// common topic count as the same question. On the seeds, the four pairs at 0.65 and above are rewordings
    /// ("sigmoid和tanh为什么会导致梯度消失" and "为什么 Sigmoid 和 Tanh 激活函数会导致梯度消失现象"); short distinct
    /// questions on one topic reach 0.58 ("BN 和 LN 的区别" and "BN 训练和推理的区别").
    public static let duplicateSimilarity = 0.65
    public static let alsoAnsweredLimit = 5
    /// Questions compared with each question, at most: keeps the join linear on sites with thousands of them.
    static let candidateLimit = 200

    /// A hash of everything the joins read (the topic count, the parents, each section's topic hits, whether
    /// it is a question and its heading, and the links): equal keys make equal indexes, so a rebuild whose
    /// edits changed none of it (a word in a paragraph) keeps the last index. Stable within the process.
    public static func inputsKey(topicCount: Int, parents: [Int?], notes: [NoteTopics], links: [(from: Place, to: Int)]) -> Int {
        var hasher = Hasher()
        hasher.combine(topicCount)
        hasher.combine(parents)
        hasher.combine(notes.count)
        for note in notes {
            hasher.combine(note.sections.count)
            for section in note.sections {
                hasher.combine(section.topics)
                hasher.combine(section.isQuestion)
                var heading = section.heading  // by its bytes: the question join reads its scalars
                hasher.combine(heading.utf8.count)
                heading.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }
        hasher.combine(links.count)
        for link in links {
            hasher.combine(link.from)
            hasher.combine(link.to)
        }
        return hasher.finalize()
    }

    /// - Parameters:
    ///   - notes: each page's summary.
    ///   - links: links between pages (from a place to a page), already resolved.
    public init(topicCount: Int, parents: [Int?], notes: [NoteTopics], links: [(from: Place, to: Int)]) {
        entries = Array(repeating: [], count: topicCount)
        mentions = Array(repeating: [], count: topicCount)
        var sectionTopics: [[Int]] = []
        for (p, note) in notes.enumerated() {
            var mentioned: [Int: Int] = [:]
            var onTopics: Set<Int> = []
            for (s, section) in note.sections.enumerated() {
                var strong: [Int] = []
                for hit in section.topics where hit.topic < topicCount {
                    if hit.isStrong {
                        entries[hit.topic].append(Entry(place: Place(page: p, section: s), score: hit.score))
                        strong.append(hit.topic)
                        onTopics.insert(hit.topic)
                    } else if mentioned[hit.topic] == nil {
                        mentioned[hit.topic] = s
                    }
                }
                if strong.count > 1 { sectionTopics.append(strong) }
            }
            for (topic, s) in mentioned where !onTopics.contains(topic) {
                mentions[topic].append(Place(page: p, section: s))
            }
        }
        for t in mentions.indices { mentions[t].sort { $0.page < $1.page } }

        // Related topics: how many sections are on both, over the geometric mean of their sizes.
        var shared: [Int: [Int: Int]] = [:]
        for topics in sectionTopics where topics.count <= 12 {
            for a in topics { for b in topics where a != b { shared[a, default: [:]][b, default: 0] += 1 } }
        }
        let entries = self.entries
        related = (0..<topicCount).map { t in
            let family = Set([parents[t]].compactMap { $0 } + parents.indices.filter { parents[$0] == t })
            let scored = (shared[t] ?? [:]).filter { !family.contains($0.key) }.map { u, n in
                (u, Double(n) / Double(max(1, entries[t].count * entries[u].count)).squareRoot())
            }
            return scored.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(Self.relatedLimit).map(\.0)
        }

        backlinks = Array(repeating: [], count: notes.count)
        var seenLinks: Set<[Int]> = []
        for link in links where link.to != link.from.page && link.to < notes.count {
            if seenLinks.insert([link.from.page, link.from.section, link.to]).inserted { backlinks[link.to].append(link.from) }
        }
        for p in backlinks.indices { backlinks[p].sort { ($0.page, $0.section) < ($1.page, $1.section) } }

        (alsoAnswered, duplicates) = Self.questions(notes, topicCount: topicCount)
    }

    /// Also-answered lists and duplicates. Questions are compared only with other notes' questions whose
    /// headings name the same topic (the rarest of the question's heading topics, at most `candidateLimit`).
    private static func questions(_ notes: [NoteTopics], topicCount: Int) -> ([Place: [Place]], [(Place, Place)]) {
        struct Question {
            var place: Place
            var topics: Set<Int>
            var bigrams: Set<SearchTokenizer.Term>
            var key: String
        }
        var questions: [Question] = []
        var byTopic = Array(repeating: [Int](), count: topicCount)
        for (p, note) in notes.enumerated() {
            for (s, section) in note.sections.enumerated() where section.isQuestion {
                let topics = Set(section.topics.filter { $0.inHeading && $0.topic < topicCount }.map(\.topic))
                var bigrams: Set<SearchTokenizer.Term> = []
                var tokenizer = SearchTokenizer()
                tokenizer.forEachTerm(in: section.heading) { bigrams.insert($0) }
                let key = section.heading.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                    .map { String($0).lowercased() }.joined()
                questions.append(Question(place: Place(page: p, section: s), topics: topics, bigrams: bigrams, key: key))
                for t in topics { byTopic[t].append(questions.count - 1) }
            }
        }
        var also: [Place: [Place]] = [:]
        var duplicates: [(Place, Place)] = []
        var firstByKey: [String: Int] = [:]
        for (q, question) in questions.enumerated() {
            var duplicateOf: Int?
            if question.key.count >= 4 {
                if let first = firstByKey[question.key], questions[first].place.page != question.place.page {
                    duplicateOf = first
                } else if firstByKey[question.key] == nil {
                    firstByKey[question.key] = q
                }
            }
            defer { if let first = duplicateOf { duplicates.append((questions[first].place, question.place)) } }
            guard let rarest = question.topics.min(by: { (byTopic[$0].count, $0) < (byTopic[$1].count, $1) }) else { continue }
            var scored: [(Int, Double)] = []
            var closest: (question: Int, overlap: Double)?
            for other in byTopic[rarest].prefix(candidateLimit) where questions[other].place.page != question.place.page {
                let candidate = questions[other]
                let topicOverlap = Double(question.topics.intersection(candidate.topics).count) / Double(question.topics.union(candidate.topics).count)
                let textOverlap = Double(question.bigrams.intersection(candidate.bigrams).count) * 2
                    / Double(max(1, question.bigrams.count + candidate.bigrams.count))
                scored.append((other, topicOverlap + textOverlap))
                if other < q, textOverlap >= duplicateSimilarity, textOverlap > closest?.overlap ?? 0 { closest = (other, textOverlap) }
            }
            if duplicateOf == nil, let closest { duplicateOf = closest.question }
            let best = scored.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(alsoAnsweredLimit)
            if !best.isEmpty { also[question.place] = best.map { questions[$0.0].place } }
        }
        return (also, duplicates)
    }
}
