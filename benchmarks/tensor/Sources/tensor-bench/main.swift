import Tensor
let logits = Tensor.normal([1_000_000], seed: 6)
let clock = ContinuousClock()
func t(_ name: String, _ body: () throws -> Tensor) rethrows {
    var best = Duration.seconds(100)
    for _ in 0..<10 { let s = clock.now; _ = try body(); best = min(best, clock.now - s) }
    print(name, best)
}
let shift = logits.max()
try t("max") { logits.max() }
try t("sub bcast") { try logits - shift }
try t("add scalar") { logits + 1.0 }
try t("exp") { logits.exp() }
try t("sum") { logits.sum() }
try t("div same") { try logits / logits }
try t("bcast") { try shift.broadcast(to: [1_000_000]) }
try t("softmax") { try logits.softmax() }
try t("full") { Tensor.full([1_000_000], value: 1) }
let ones = Tensor.ones([1_000_000])
try t("add same") { try logits + ones }
try t("mul same") { try logits * ones }
try t("div same2") { try logits / ones }
