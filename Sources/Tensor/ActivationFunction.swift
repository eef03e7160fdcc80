/// The elementwise activations by name, for callers that look functions up from text (e.g. TensorScript).
public enum ActivationFunction: String, CaseIterable, Sendable {
    case sigmoid, tanh, relu, leakyRelu = "leaky_relu", elu, softplus, gelu, geluTanh = "gelu_tanh", silu, softsign

    /// Applies the activation with its default parameter (leaky ReLU α = 0.01, ELU α = 1).
    public func apply(_ x: Tensor) -> Tensor {
        switch self {
        case .sigmoid: x.sigmoid()
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .leakyRelu: x.leakyRelu()
        case .elu: x.elu()
        case .softplus: x.softplus()
        case .gelu: x.gelu()
        case .geluTanh: x.geluTanh()
        case .silu: x.silu()
        case .softsign: x.softsign()
        }
    }

    /// The elementwise derivative f′(x), computed by reverse-mode autodiff.
    public func derivative(_ x: Tensor) throws -> Tensor {
        try grad({ apply($0) }, x)
    }
}
