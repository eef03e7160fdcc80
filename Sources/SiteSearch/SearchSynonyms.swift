import Foundation

/// Names that mean the same thing, for expanding queries: searching `BN` also finds `批归一化`.
///
/// Each group lists the names of one topic, Chinese and English, abbreviations and common misspellings. The
/// index carries the groups; the client expands a query's words that name a group into all of its names.
/// The topic registry supplies the groups of the site; `builtIn` is a small deep-learning default.
/// A name is best in one script: a name mixing Latin and CJK (`L2 正则`) matches wherever its parts all occur.
public struct SearchSynonyms: Hashable, Sendable {
    /// The groups in use: names trimmed and de-duplicated, groups of fewer than two names dropped.
    public let groups: [[String]]

    public init(_ groups: [[String]]) {
        self.groups = groups.compactMap { group in
            var seen: Set<String> = []
            let names = group.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
            return names.count > 1 ? names : nil
        }
    }

    /// The names as the tokenizer looks for them; group `i` is the index term `~i`.
    public var names: SearchTokenizer.SynonymNames { SearchTokenizer.SynonymNames(self) }

    public static let builtIn = SearchSynonyms([
        ["BN", "BatchNorm", "Batch Normalization", "批归一化", "批量归一化", "批标准化"],
        ["LN", "LayerNorm", "Layer Normalization", "层归一化", "层标准化"],
        ["Dropout", "随机失活", "丢弃法"],
        ["ReLU", "修正线性单元", "线性整流函数"],
        ["Sigmoid", "Sigmod", "逻辑函数", "logistic function"],
        ["tanh", "双曲正切"],
        ["Softmax", "归一化指数函数"],
        ["激活函数", "activation function"],
        ["梯度消失", "vanishing gradient", "gradient vanishing"],
        ["梯度爆炸", "exploding gradient", "gradient explosion"],
        ["过拟合", "overfitting", "over-fitting"],
        ["欠拟合", "underfitting"],
        ["正则化", "regularization"],
        ["权重衰减", "weight decay"],
        ["学习率", "learning rate", "lr"],
        ["优化器", "optimizer"],
        ["SGD", "随机梯度下降", "stochastic gradient descent"],
        ["梯度下降", "gradient descent"],
        ["反向传播", "backpropagation", "BP"],
        ["损失函数", "loss function"],
        ["交叉熵", "cross entropy", "cross-entropy"],
        ["CNN", "卷积神经网络", "convolutional neural network"],
        ["RNN", "循环神经网络", "recurrent neural network"],
        ["LSTM", "长短期记忆", "long short-term memory"],
        ["注意力机制", "attention"],
        ["批大小", "batch size"],
    ])
}
