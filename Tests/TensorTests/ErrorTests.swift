import Testing
@testable import Tensor

/// Bad shapes are thrown `TensorError`s whose messages name the shapes.
@Suite struct ErrorTests {
    func message(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func messagesNameShapes() throws {
        #expect(message { try Tensor.zeros([2, 3]).matmul(.zeros([4, 5])) } == "cannot matmul [2,3] and [4,5]")
        #expect(message { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) } == "cannot broadcast [2,3] and [4]")
        #expect(message { try Tensor.zeros([2, 3]).reshape([4, 2]) } == "cannot reshape [2,3] to [4,2]")
        #expect(message { try Tensor([[1, 2], [3]]) } == "ragged nested list: rows of shape [2] and [1]")
        #expect(message { try Tensor(shape: [2, 2], scalars: [1, 2, 3]) } == "shape [2,2] needs 4 values, got 3")
        #expect(message { try Tensor.zeros([2, 3]).sum(axes: [2]) } == "axis 2 out of range for shape [2,3]")
        #expect(message { try Tensor.zeros([2, 3]).backward() }?.contains("[2,3]") == true)
        #expect(message { try conv2d(.zeros([1, 3, 8, 8]), weight: .zeros([4, 2, 3, 3])) }?.contains("[1,3,8,8]") == true)
        #expect(message { try mseLoss(.zeros([3]), .zeros([4])) } == "mse loss needs equal shapes, got [3] and [4]")
        #expect(message { try Tensor.concatenate([.zeros([2, 3]), .zeros([3, 3])], axis: 1) }?.contains("[3,3]") == true)
        #expect(message { try Tensor.zeros([2]).value(at: [5]) }?.contains("out of range") == true)
        #expect(message { try crossEntropyLoss(logits: .zeros([2, 3]), labels: [0, 7]) } == "label 7 out of range for 3 classes")
    }

    @Test func emptyAndDegenerateInputsDoNotCrash() throws {
        #expect(try Tensor.zeros([0, 3]).sum().scalar == 0)
        #expect(try Tensor.zeros([0, 3]).sum(axes: [0]).shape == [3])
        #expect(throws: TensorError.self) { try Tensor.zeros([0]).max(axes: [0]) }
        #expect(try Tensor.linspace(0, 1, 0).count == 0)
        #expect(try Tensor.arange(0, 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(throws: TensorError.self) { try Tensor.arange(0, 1, step: 0) }
        #expect(try Tensor.zeros([0, 4]).matmul(.zeros([4, 2])).shape == [0, 2])
        #expect(try Tensor.zeros([3, 0]).matmul(.zeros([0, 2])).scalars == [0, 0, 0, 0, 0, 0])
        #expect(throws: TensorError.self) { try Tensor(shape: [-1], scalars: []) }
    }
}

@Suite struct NestedGradientTests {

    @Test func sizeLimitsThrow() throws {
        #expect(throws: TensorError.self) { try Tensor.zeros([100_000, 1]) * Tensor.zeros([1, 100_000]) }
        #expect(throws: TensorError.self) { try Tensor.zeros([2]).reshape([Int.max, 2]) }
        #expect(throws: TensorError.self) { try Tensor.validatedShape([1 << 40, 1 << 40]) }
        #expect(try Tensor.validatedShape([2, 3]) == [2, 3])
        #expect(throws: TensorError.self) { try convTranspose2d(.zeros([1, 1, 2, 2]), weight: .zeros([1, 1, 2, 2]), stride: Pair2D(0)) }
        #expect(conv2dParameterCount(inChannels: Int.max, outChannels: Int.max, kernelHeight: 3, kernelWidth: 3) == Int.max)
    }
}

@Suite struct SaturationTests {
    @Test func binaryCrossEntropyAtZeroAndOneIsFinite() throws {
        let p = Tensor([0, 1, 0.5]).requiringGrad()
        let loss = try binaryCrossEntropyLoss(p, Tensor([0, 1, 1]))
        expectClose(loss, Tensor(Tensor(2.0).log().scalars[0] / 3), "only the p = 0.5 term contributes")
        let g = try loss.backward().gradient(of: p)
        #expect(g.scalars.allSatisfy { $0.isFinite })
        let wrong = try binaryCrossEntropyLoss(Tensor([0.0]), Tensor([1.0]))
        expectClose(wrong, Tensor(100.0), "log clamped at −100")
    }

    @Test func extremeLogitsStayFinite() throws {
        let x = Tensor([-1000, -50, 0, 50, 1000])
        for f in ActivationFunction.allCases {
            #expect(f.apply(x).scalars.allSatisfy { $0.isFinite }, "\(f.rawValue)")
            #expect(try f.derivative(x).scalars.allSatisfy { $0.isFinite }, "\(f.rawValue)'")
        }
        #expect(try grad({ try $0.softmax() }, x).scalars.allSatisfy { $0.isFinite })
        #expect(try grad({ try binaryCrossEntropyWithLogitsLoss($0, Tensor([1, 0, 1, 0, 1])) }, x).scalars.allSatisfy { $0.isFinite })
    }
}
