/// Max pooling over `[N, C, H, W]`; padding reads −∞. `stride` defaults to the kernel size.
public func maxPool2d(_ input: Tensor, kernel: Pair2D, stride: Pair2D? = nil, padding: Pair2D = Pair2D(0),
                      dilation: Pair2D = Pair2D(1)) throws -> Tensor {
    try pool(input, kernel: kernel, stride: stride ?? kernel, padding: padding, dilation: dilation,
             padValue: -.infinity, what: "max_pool2d") { try $0.max(axes: [2]) }
}

/// Average pooling over `[N, C, H, W]`; zero padding counts towards the average (PyTorch default).
public func avgPool2d(_ input: Tensor, kernel: Pair2D, stride: Pair2D? = nil, padding: Pair2D = Pair2D(0)) throws -> Tensor {
    try pool(input, kernel: kernel, stride: stride ?? kernel, padding: padding, dilation: Pair2D(1),
             padValue: 0, what: "avg_pool2d") { try $0.mean(axes: [2]) }
}

/// Global average pooling: `[N, C, H, W] → [N, C]`.
public func globalAvgPool2d(_ input: Tensor) throws -> Tensor {
    guard input.rank == 4 else { throw TensorError("global average pooling needs [N,C,H,W], got \(shapeText(input.shape))") }
    return try input.mean(axes: [2, 3])
}

private func pool(_ input: Tensor, kernel: Pair2D, stride: Pair2D, padding: Pair2D, dilation: Pair2D, padValue: Double,
                  what: String, reduce: (Tensor) throws -> Tensor) throws -> Tensor {
    let g = try convGeometry(input: input.shape, kernel: kernel, stride: stride, padding: padding,
                             dilation: dilation, padValue: padValue, what: what)
    guard padding.height * 2 <= kernel.height, padding.width * 2 <= kernel.width else {
        throw TensorError("\(what) padding \(padding.height)x\(padding.width) must be at most half the kernel \(kernel.height)x\(kernel.width)")
    }
    let windows = try input.im2colPrimitive(g).reshape([g.batch, g.channels, kernel.height * kernel.width, g.outHeight * g.outWidth])
    return try reduce(windows).reshape([g.batch, g.channels, g.outHeight, g.outWidth])
}
