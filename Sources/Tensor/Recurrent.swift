/// Weights of a recurrent cell in PyTorch layout: `inputWeight [G·H, I]`, `hiddenWeight [G·H, H]`,
/// biases `[G·H]`, where G is 1 (RNN), 4 (LSTM: gates i, f, g, o) or 3 (GRU: gates r, z, n).
public struct RecurrentWeights: Sendable {
    public var inputWeight: Tensor
    public var hiddenWeight: Tensor
    public var inputBias: Tensor?
    public var hiddenBias: Tensor?

    public init(inputWeight: Tensor, hiddenWeight: Tensor, inputBias: Tensor? = nil, hiddenBias: Tensor? = nil) {
        self.inputWeight = inputWeight
        self.hiddenWeight = hiddenWeight
        self.inputBias = inputBias
        self.hiddenBias = hiddenBias
    }

    /// Uniform(−1/√H, 1/√H) initialisation from `rng`, as PyTorch does, for `gates` gates.
    public init(inputSize: Int, hiddenSize: Int, gates: Int, rng: inout TensorRNG) throws {
        let bound = 1 / Double(Swift.max(hiddenSize, 1)).squareRoot()
        let rows = gates.multipliedReportingOverflow(by: hiddenSize).overflow ? Int.max : gates * hiddenSize
        inputWeight = try .uniform([rows, inputSize], low: -bound, high: bound, rng: &rng)
        hiddenWeight = try .uniform([rows, hiddenSize], low: -bound, high: bound, rng: &rng)
        inputBias = try .uniform([rows], low: -bound, high: bound, rng: &rng)
        hiddenBias = try .uniform([rows], low: -bound, high: bound, rng: &rng)
    }

    func check(gates: Int, hidden: Tensor, what: String) throws -> Int {
        let hiddenSize = hidden.shape.last ?? 0
        guard inputWeight.rank == 2, hiddenWeight.shape == [gates * hiddenSize, hiddenSize],
              inputWeight.shape[0] == gates * hiddenSize else {
            throw TensorError("\(what) weights \(shapeText(inputWeight.shape)) / \(shapeText(hiddenWeight.shape)) do not fit hidden state \(shapeText(hidden.shape))")
        }
        return hiddenSize
    }
}

/// One Elman RNN step: h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh).
public func rnnCell(_ x: Tensor, hidden: Tensor, weights: RecurrentWeights) throws -> Tensor {
    _ = try weights.check(gates: 1, hidden: hidden, what: "rnn cell")
    return try (linear(x, weight: weights.inputWeight, bias: weights.inputBias)
        + linear(hidden, weight: weights.hiddenWeight, bias: weights.hiddenBias)).tanh()
}

/// The gates and new state of one LSTM step.
public struct LSTMStep: Sendable {
    public var hidden: Tensor
    public var cell: Tensor
    public var inputGate: Tensor
    public var forgetGate: Tensor
    public var candidate: Tensor
    public var outputGate: Tensor
}

/// One LSTM step (PyTorch gate order i, f, g, o): c' = f⊙c + i⊙g, h' = o⊙tanh(c').
public func lstmCell(_ x: Tensor, hidden: Tensor, cell: Tensor, weights: RecurrentWeights) throws -> LSTMStep {
    let h = try weights.check(gates: 4, hidden: hidden, what: "lstm cell")
    guard cell.shape == hidden.shape else {
        throw TensorError("lstm cell state \(shapeText(cell.shape)) does not match hidden state \(shapeText(hidden.shape))")
    }
    let gates = try linear(x, weight: weights.inputWeight, bias: weights.inputBias)
        + linear(hidden, weight: weights.hiddenWeight, bias: weights.hiddenBias)
    func gate(_ k: Int) throws -> Tensor { try gates.slice(axis: -1, start: k * h, end: (k + 1) * h) }
    let i = try gate(0).sigmoid(), f = try gate(1).sigmoid(), g = try gate(2).tanh(), o = try gate(3).sigmoid()
    let newCell = try f * cell + i * g
    let newHidden = try o * newCell.tanh()
    return LSTMStep(hidden: newHidden, cell: newCell, inputGate: i, forgetGate: f, candidate: g, outputGate: o)
}

/// One GRU step (PyTorch gate order r, z, n): n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)), h' = (1−z)⊙n + z⊙h.
public func gruCell(_ x: Tensor, hidden: Tensor, weights: RecurrentWeights) throws -> Tensor {
    let h = try weights.check(gates: 3, hidden: hidden, what: "gru cell")
    let fromInput = try linear(x, weight: weights.inputWeight, bias: weights.inputBias)
    let fromHidden = try linear(hidden, weight: weights.hiddenWeight, bias: weights.hiddenBias)
    func part(_ t: Tensor, _ k: Int) throws -> Tensor { try t.slice(axis: -1, start: k * h, end: (k + 1) * h) }
    let r = try (part(fromInput, 0) + part(fromHidden, 0)).sigmoid()
    let z = try (part(fromInput, 1) + part(fromHidden, 1)).sigmoid()
    let n = try (part(fromInput, 2) + r * part(fromHidden, 2)).tanh()
    return try (1 - z) * n + z * hidden
}
