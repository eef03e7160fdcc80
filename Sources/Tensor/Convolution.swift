/// Output extent of a convolution or pooling window along one axis:
/// ⌊(input + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
public func convOutputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) throws -> Int {
    let limit = 1 << 30
    guard input > 0, kernel > 0, stride > 0, padding >= 0, dilation > 0,
          input < limit, kernel < limit, stride < limit, padding < limit, dilation < limit else {
        throw TensorError("invalid convolution geometry: input \(input), kernel \(kernel), stride \(stride), padding \(padding), dilation \(dilation)")
    }
    let span = input + 2 * padding - dilation * (kernel - 1) - 1
    guard span >= 0 else {
        throw TensorError("kernel \(kernel) with dilation \(dilation) is larger than padded input \(input + 2 * padding)")
    }
    return span / stride + 1
}

/// Output extent of a transposed convolution along one axis:
/// (input − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1.
public func convTransposeOutputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                                    outputPadding: Int = 0, dilation: Int = 1) throws -> Int {
    let limit = 1 << 30
    guard input > 0, kernel > 0, stride > 0, padding >= 0, outputPadding >= 0, dilation > 0,
          [input, kernel, stride, padding, outputPadding, dilation].allSatisfy({ $0 < limit }) else {
        throw TensorError("invalid transposed convolution geometry: input \(input), kernel \(kernel), stride \(stride), padding \(padding), output padding \(outputPadding), dilation \(dilation)")
    }
    let size = (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1
    guard size > 0 else { throw TensorError("transposed convolution output size \(size) is not positive") }
    return size
}

/// Learnable parameters of a 2-D convolution layer: out·(in/groups)·kh·kw weights plus out biases.
public func conv2dParameterCount(inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int,
                                 groups: Int = 1, bias: Bool = true) -> Int {
    let weights = elementCount([outChannels, inChannels / Swift.max(groups, 1), kernelHeight, kernelWidth])
    return bias ? weights.addingReportingOverflow(outChannels).overflow ? Int.max : weights + outChannels : weights
}

/// Learnable parameters of a fully connected layer: in·out weights plus out biases.
public func linearParameterCount(inFeatures: Int, outFeatures: Int, bias: Bool = true) -> Int {
    let weights = elementCount([inFeatures, outFeatures])
    return bias ? weights.addingReportingOverflow(outFeatures).overflow ? Int.max : weights + outFeatures : weights
}

/// A pair of per-axis settings (height, width).
public struct Pair2D: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public init(_ height: Int, _ width: Int) { self.height = height; self.width = width }
    public init(_ both: Int) { self.init(both, both) }
}

func convGeometry(input: [Int], kernel: Pair2D, stride: Pair2D, padding: Pair2D, dilation: Pair2D,
                  padValue: Double, what: String) throws -> ConvGeometry {
    guard input.count == 4 else { throw TensorError("\(what) needs an [N,C,H,W] input, got \(shapeText(input))") }
    _ = try convOutputSize(input: input[2], kernel: kernel.height, stride: stride.height, padding: padding.height, dilation: dilation.height)
    _ = try convOutputSize(input: input[3], kernel: kernel.width, stride: stride.width, padding: padding.width, dilation: dilation.width)
    let geometry = ConvGeometry(batch: input[0], channels: input[1], height: input[2], width: input[3],
                        kernelHeight: kernel.height, kernelWidth: kernel.width,
                        strideH: stride.height, strideW: stride.width, padH: padding.height, padW: padding.width,
                        dilationH: dilation.height, dilationW: dilation.width, padValue: padValue)
    return geometry
}

/// 2-D cross-correlation (PyTorch `conv2d`): input `[N, Cin, H, W]`, weight `[Cout, Cin/groups, kh, kw]`,
/// optional bias `[Cout]`. Implemented as im2col followed by one batched matmul per group.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Pair2D = Pair2D(1),
                   padding: Pair2D = Pair2D(0), dilation: Pair2D = Pair2D(1), groups: Int = 1) throws -> Tensor {
    guard weight.rank == 4, input.rank == 4, groups > 0 else {
        throw TensorError("conv2d of input \(shapeText(input.shape)) with weight \(shapeText(weight.shape))")
    }
    let (outChannels, groupInChannels, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
    guard input.shape[1] == groupInChannels * groups, outChannels % groups == 0 else {
        throw TensorError("conv2d of input \(shapeText(input.shape)) with weight \(shapeText(weight.shape)) and \(groups) groups: channels do not match")
    }
    let g = try convGeometry(input: input.shape, kernel: Pair2D(kh, kw), stride: stride, padding: padding,
                             dilation: dilation, padValue: 0, what: "conv2d")
    let n = input.shape[0], windows = g.outHeight * g.outWidth
    let patch = groupInChannels * kh * kw
    let columns = try input.im2colPrimitive(g).reshape([n, groups, patch, windows])
    let kernels = try weight.reshape([1, groups, outChannels / groups, patch])
    var out = try kernels.matmul(columns).reshape([n, outChannels, g.outHeight, g.outWidth])
    if let bias {
        guard bias.shape == [outChannels] else {
            throw TensorError("conv2d bias of shape \(shapeText(bias.shape)) for \(outChannels) output channels")
        }
        out = try out + bias.reshape([outChannels, 1, 1])
    }
    return out
}

/// Transposed 2-D convolution (PyTorch `conv_transpose2d`): input `[N, Cin, H, W]`, weight
/// `[Cin, Cout/groups, kh, kw]`; the adjoint of `conv2d`, computed as matmul followed by col2im.
public func convTranspose2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Pair2D = Pair2D(1),
                            padding: Pair2D = Pair2D(0), outputPadding: Pair2D = Pair2D(0),
                            dilation: Pair2D = Pair2D(1), groups: Int = 1) throws -> Tensor {
    guard weight.rank == 4, input.rank == 4, groups > 0, input.shape[1] == weight.shape[0],
          weight.shape[0] % groups == 0 else {
        throw TensorError("conv_transpose2d of input \(shapeText(input.shape)) with weight \(shapeText(weight.shape))")
    }
    let (n, inChannels, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (groupOut, kh, kw) = (weight.shape[1], weight.shape[2], weight.shape[3])
    let outH = try convTransposeOutputSize(input: h, kernel: kh, stride: stride.height, padding: padding.height,
                                           outputPadding: outputPadding.height, dilation: dilation.height)
    let outW = try convTransposeOutputSize(input: w, kernel: kw, stride: stride.width, padding: padding.width,
                                           outputPadding: outputPadding.width, dilation: dilation.width)
    guard outputPadding.height < Swift.max(stride.height, dilation.height),
          outputPadding.width < Swift.max(stride.width, dilation.width) else {
        throw TensorError("conv_transpose2d of input \(shapeText(input.shape)) gives an invalid output size \(outH)x\(outW)")
    }
    let g = ConvGeometry(batch: n, channels: groupOut * groups, height: outH, width: outW, kernelHeight: kh, kernelWidth: kw,
                         strideH: stride.height, strideW: stride.width, padH: padding.height, padW: padding.width,
                         dilationH: dilation.height, dilationW: dilation.width, padValue: 0)
    guard g.outHeight == h, g.outWidth == w else {
        throw TensorError("conv_transpose2d geometry does not invert for input \(shapeText(input.shape))")
    }
    let groupIn = inChannels / groups
    let x = try input.reshape([n, groups, groupIn, h * w])
    let kernels = try weight.reshape([1, groups, groupIn, groupOut * kh * kw]).transposed()
    let columns = try kernels.matmul(x).reshape([n, groups * groupOut * kh * kw, h * w])
    var out = try columns.col2imPrimitive(g)
    if let bias {
        guard bias.shape == [groupOut * groups] else {
            throw TensorError("conv_transpose2d bias of shape \(shapeText(bias.shape)) for \(groupOut * groups) output channels")
        }
        out = try out + bias.reshape([groupOut * groups, 1, 1])
    }
    return out
}
