/// An optimiser: turns parameters and their gradients into updated parameters, keeping its own state.
/// Updates are plain tensor arithmetic (no gradient code); tracked parameters come back as fresh leaves.
public protocol Optimizer: Sendable {
    /// One update; `gradients[i]` must have the shape of `parameters[i]`.
    mutating func step(_ parameters: [Tensor], gradients: [Tensor]) throws -> [Tensor]
}

func checkStep(_ parameters: [Tensor], _ gradients: [Tensor], state: inout [Tensor], initial: (Tensor) -> Tensor) throws {
    guard parameters.count == gradients.count else {
        throw TensorError("optimizer got \(parameters.count) parameters but \(gradients.count) gradients")
    }
    for (p, g) in zip(parameters, gradients) where p.shape != g.shape {
        throw TensorError("gradient of shape \(shapeText(g.shape)) for parameter of shape \(shapeText(p.shape))")
    }
    if state.isEmpty { state = parameters.map(initial) }
    guard state.count == parameters.count, zip(state, parameters).allSatisfy({ $0.shape == $1.shape }) else {
        throw TensorError("optimizer state does not match the parameters it was created for")
    }
}

func rewrap(_ updated: Tensor, like original: Tensor) -> Tensor {
    original.requiresGrad ? updated.requiringGrad() : updated.detached()
}

/// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, PyTorch semantics:
/// g ← g + λp; v ← μv + (1 − dampening)g (v₁ = g); step = nesterov ? g + μv : v; p ← p − lr·step.
public struct SGD: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public var dampening: Double
    public var nesterov: Bool
    public var weightDecay: Double
    private var velocity: [Tensor] = []

    public init(learningRate: Double, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: [Tensor], gradients: [Tensor]) throws -> [Tensor] {
        let firstStep = velocity.isEmpty
        try checkStep(parameters, gradients, state: &velocity) { $0.constantLike(0) }
        var updated: [Tensor] = []
        for i in parameters.indices {
            let p = parameters[i].detached()
            var g = try gradients[i].detached() + p * weightDecay
            if momentum != 0 {
                velocity[i] = firstStep ? g : try velocity[i] * momentum + g * (1 - dampening)
                g = nesterov ? try g + velocity[i] * momentum : velocity[i]
            }
            updated.append(rewrap(try p - g * learningRate, like: parameters[i]))
        }
        return updated
    }
}

/// RMSprop: s ← αs + (1 − α)g²; p ← p − lr·g/(√s + ε), with optional L2 weight decay.
public struct RMSprop: Optimizer {
    public var learningRate: Double
    public var alpha: Double
    public var epsilon: Double
    public var weightDecay: Double
    private var meanSquare: [Tensor] = []

    public init(learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: [Tensor], gradients: [Tensor]) throws -> [Tensor] {
        try checkStep(parameters, gradients, state: &meanSquare) { $0.constantLike(0) }
        var updated: [Tensor] = []
        for i in parameters.indices {
            let p = parameters[i].detached()
            let g = try gradients[i].detached() + p * weightDecay
            meanSquare[i] = try meanSquare[i] * alpha + g.square() * (1 - alpha)
            updated.append(rewrap(try p - g / (meanSquare[i].sqrt() + epsilon) * learningRate, like: parameters[i]))
        }
        return updated
    }
}

/// Adam (and AdamW): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
/// Weight decay is L2 (added to g) for Adam and decoupled (p ← p − lr·λp before the step) for AdamW.
public struct Adam: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    /// `true` for AdamW's decoupled weight decay.
    public var decoupledWeightDecay: Bool
    public private(set) var stepCount = 0
    private var firstMoment: [Tensor] = []
    private var secondMoment: [Tensor] = []

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW: Adam with decoupled weight decay (PyTorch default λ = 0.01).
    public static func adamW(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                             epsilon: Double = 1e-8, weightDecay: Double = 0.01) -> Adam {
        Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
             weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    public mutating func step(_ parameters: [Tensor], gradients: [Tensor]) throws -> [Tensor] {
        try checkStep(parameters, gradients, state: &firstMoment) { $0.constantLike(0) }
        try checkStep(parameters, gradients, state: &secondMoment) { $0.constantLike(0) }
        stepCount += 1
        let correction1 = 1 - LibM.pow(beta1, Double(stepCount))
        let correction2 = 1 - LibM.pow(beta2, Double(stepCount))
        var updated: [Tensor] = []
        for i in parameters.indices {
            var p = parameters[i].detached()
            var g = gradients[i].detached()
            if decoupledWeightDecay {
                p = p * (1 - learningRate * weightDecay)
            } else if weightDecay != 0 {
                g = try g + p * weightDecay
            }
            firstMoment[i] = try firstMoment[i] * beta1 + g * (1 - beta1)
            secondMoment[i] = try secondMoment[i] * beta2 + g.square() * (1 - beta2)
            let mHat = firstMoment[i] / correction1
            let vHat = secondMoment[i] / correction2
            updated.append(rewrap(try p - mHat / (vHat.sqrt() + epsilon) * learningRate, like: parameters[i]))
        }
        return updated
    }
}

/// Scales gradients so their joint L2 norm is at most `maxNorm` (PyTorch `clip_grad_norm_`: factor
/// maxNorm/(norm + 1e-6) when the norm exceeds maxNorm). Returns the clipped gradients and the norm before clipping.
public func clipGradientsByNorm(_ gradients: [Tensor], maxNorm: Double) throws -> (gradients: [Tensor], norm: Double) {
    guard maxNorm >= 0 else { throw TensorError("clip norm must be non-negative, got \(maxNorm)") }
    let total = gradients.reduce(0) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } }.squareRoot()
    let factor = maxNorm / (total + 1e-6)
    guard factor < 1 else { return (gradients.map { $0.detached() }, total) }
    return (gradients.map { $0.detached() * factor }, total)
}

/// Clamps every gradient element into [−limit, limit].
public func clipGradientsByValue(_ gradients: [Tensor], limit: Double) -> [Tensor] {
    gradients.map { $0.detached().clamp(min: -limit, max: limit) }
}
