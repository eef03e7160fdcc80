import SiteTopics
import Testing

@Suite struct WikilinkTests {
    @Test func targetHeadingAndLabel() {
        let found = Wikilink.all(in: "见 [[基础/激活函数#Sigmoid|S 形函数]] 和 [[BN]]，还有 [[#小结]]。")
        #expect(found.map(\.target) == ["基础/激活函数", "BN", ""])
        #expect(found.map(\.heading) == ["Sigmoid", nil, "小结"])
        #expect(found.map(\.text) == ["S 形函数", "BN", "小结"])
        let text = Array("见 [[BN]]".utf8)
        let only = Wikilink.all(in: "见 [[BN]]")[0]
        #expect(String(decoding: text[only.range], as: UTF8.self) == "[[BN]]")
    }

    @Test func notWikilinks() {
        #expect(Wikilink.all(in: "[[]] [[ ]] [[a\nb]] [[a] b]] [[x").isEmpty)
        #expect(Wikilink.all(in: "matrix[[1]]").map(\.target) == ["1"])
        #expect(Wikilink.all(in: "[[[a]]]").map(\.target) == ["a"])
        #expect(Wikilink.all(in: "数组 a[1] 与 [链接] 都不是").isEmpty)
    }
}
