import Foundation
import Testing
@testable import Tensor

/// The element cap holds for every operation that allocates, the deadline stops long kernels, and deep
/// autodiff graphs are released without deep recursion.
@Suite struct LimitsTests {
    /// The shape a refusal names, or nil when `body` did not throw a `.tooLarge` error.
    func refusedShape(_ body: () throws -> Any) -> [Int]? {
        do {
            _ = try body()
        } catch let error as TensorError {
            if case .tooLarge(let shape) = error.kind { return shape }
        } catch {}
        return nil
    }

    @Test func everyAllocatingOperationRefusesMoreThanTheCap() throws {
        let long = try Tensor.ones([8000])
        let block = try Tensor.ones([1000, 1000])
        #expect(Tensor.maxElementCount == 4_000_000)
        #expect(refusedShape { try long.outer(long) } == [8000, 8000])
        #expect(refusedShape { try Tensor.stack([block, block, block, block, block], axis: 0) } == [5, 1000, 1000])
        #expect(refusedShape { try Tensor.concatenate([block, block, block, block, block], axis: 0) } == [5000, 1000])
        #expect(refusedShape { try Tensor.oneHot(Array(0..<8000), classes: 8000) } == [8000, 8000])
        #expect(refusedShape { try Tensor.eye(3000) } == [3000, 3000])
        #expect(refusedShape { try causalMask(3000) } == [3000, 3000])
        #expect(refusedShape { try Tensor.zeros([100_000, 100_000]) } == [100_000, 100_000])
        #expect(refusedShape { try Tensor.normal([5000, 5000], seed: 1) } == [5000, 5000])
        #expect(refusedShape { try Tensor.uniform([5000, 5000], seed: 1) } == [5000, 5000])
        #expect(refusedShape { try long.reshape([-1, 1]) + long } == [8000, 8000])
        #expect(refusedShape { try block.padded(before: [0, 0], after: [4000, 0]) } == [5000, 1000])
        #expect(refusedShape { try Tensor.linspace(0, 1, 5_000_000) } == [5_000_000])
        #expect(refusedShape { try Tensor.arange(0, 5_000_000) } == [5_000_000])
        var rng = TensorRNG(seed: 0)
        #expect(refusedShape { try RecurrentWeights(inputSize: 3000, hiddenSize: 3000, gates: 4, rng: &rng) } == [12000, 3000])
        // im2col of a 3×3 convolution over a 1000×1000 image: 9 million columns entries
        #expect(refusedShape { try conv2d(block.reshape([1, 1, 1000, 1000]), weight: .ones([1, 1, 3, 3]), padding: Pair2D(1)) } == [1, 9, 1_000_000])
        #expect(throws: TensorError("a tensor of 33 axes has more than the 32 allowed")) { try Tensor.zeros([Int](repeating: 1, count: 33)) }
        #expect(throws: TensorError.self) { try Tensor(7).reshape([Int](repeating: 1, count: 100_000)) }
        // exactly at the cap is allowed
        #expect(try Tensor.zeros([2000, 2000]).count == Tensor.maxElementCount)
    }

    @Test func theRefusalNamesTheShape() {
        do {
            _ = try Tensor.ones([8000]).outer(Tensor.ones([8000]))
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "a tensor of shape [8000,8000] would hold 64000000 elements, more than the 4000000 allowed")
        }
    }

    @Test func aPassedDeadlineStopsAMatrixProduct() throws {
        let a = try Tensor.ones([300, 300])
        let stopped = ComputeDeadline.$current.withValue(ContinuousClock.now - .seconds(1)) {
            Result { try a.matmul(a) }
        }
        guard case .failure(let error as TensorError) = stopped else { Issue.record("the product finished"); return }
        #expect(error.kind == .deadlinePassed)
        let later = ComputeDeadline.$current.withValue(ContinuousClock.now + .seconds(3600)) { Result { try a.matmul(a) } }
        #expect(try later.get().scalars.allSatisfy { $0 == 300 })
        #expect(try a.matmul(a).count == 90_000)
    }

    @Test func aDeepGraphIsReleasedOnASmallStack() {
        // 100,000 chained primitives; releasing them recursively needs far more than 512 KB of stack.
        let released = onSmallStack {
            var x = Tensor(0.5).requiringGrad()
            for _ in 0..<100_000 { x = -x }
            let g = try? x.backward().gradient(of: x)
            return g?.scalar == 1
        }
        #expect(released)
    }
}

/// Runs `body` on a new thread with a 512 KB stack (what Dispatch worker threads have on macOS) and waits.
func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    let slot = Slot<T>()
    let thread = Thread {
        slot.value = body()
        slot.done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    slot.done.wait()
    return slot.value!
}

private final class Slot<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}
