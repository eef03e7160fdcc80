import SiteTopics
import Testing

@Suite struct TopicMatcherTests {
}
