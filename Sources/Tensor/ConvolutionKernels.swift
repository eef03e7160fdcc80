/// Unfolds sliding windows of an `[N, C, H, W]` image into columns `[N, C·kh·kw, oh·ow]` (im2col).
func imageToColumns(_ image: [Double], _ g: ConvGeometry) -> [Double] {
    let oh = g.outHeight, ow = g.outWidth
    let windows = oh * ow
    let rows = g.channels * g.kernelHeight * g.kernelWidth
    var columns = [Double](repeating: g.padValue, count: g.batch * rows * windows)
    image.withUnsafeBufferPointer { src in
        columns.withUnsafeMutableBufferPointer { dst in
            for n in 0..<g.batch {
                for ch in 0..<g.channels {
                    let plane = (n * g.channels + ch) * g.height * g.width
                    for ki in 0..<g.kernelHeight {
                        for kj in 0..<g.kernelWidth {
                            let row = (ch * g.kernelHeight + ki) * g.kernelWidth + kj
                            let rowBase = (n * rows + row) * windows
                            for oy in 0..<oh {
                                let y = oy * g.strideH - g.padH + ki * g.dilationH
                                if y < 0 || y >= g.height { continue }
                                let srcRow = plane + y * g.width
                                let dstRow = rowBase + oy * ow
                                for ox in 0..<ow {
                                    let x = ox * g.strideW - g.padW + kj * g.dilationW
                                    if x >= 0 && x < g.width { dst[dstRow + ox] = src[srcRow + x] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return columns
}

/// Folds columns back into an image, summing overlapping windows (col2im, the adjoint of im2col).
func columnsToImage(_ columns: [Double], _ g: ConvGeometry) -> [Double] {
    let oh = g.outHeight, ow = g.outWidth
    let windows = oh * ow
    let rows = g.channels * g.kernelHeight * g.kernelWidth
    var image = [Double](repeating: 0, count: g.batch * g.channels * g.height * g.width)
    columns.withUnsafeBufferPointer { src in
        image.withUnsafeMutableBufferPointer { dst in
            for n in 0..<g.batch {
                for ch in 0..<g.channels {
                    let plane = (n * g.channels + ch) * g.height * g.width
                    for ki in 0..<g.kernelHeight {
                        for kj in 0..<g.kernelWidth {
                            let row = (ch * g.kernelHeight + ki) * g.kernelWidth + kj
                            let rowBase = (n * rows + row) * windows
                            for oy in 0..<oh {
                                let y = oy * g.strideH - g.padH + ki * g.dilationH
                                if y < 0 || y >= g.height { continue }
                                let dstRow = plane + y * g.width
                                let srcRow = rowBase + oy * ow
                                for ox in 0..<ow {
                                    let x = ox * g.strideW - g.padW + kj * g.dilationW
                                    if x >= 0 && x < g.width { dst[dstRow + x] += src[srcRow + ox] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return image
}
