// TEMPORARY: replaced by the real vocabulary (Initializers, Regularizers, Constraints, Activations).
public struct Initializer: Sendable {
    let make: @Sendable ([Int], DType) -> Tensor
    public func callAsFunction(shape: [Int], dtype: DType) -> Tensor { make(shape, dtype) }
    public static var zeros: Initializer { Initializer { Tensor.zeros($0, dtype: $1) } }
    public static var ones: Initializer { Initializer { Tensor.ones($0, dtype: $1) } }
    public static var glorotUniform: Initializer {
        Initializer { shape, dtype in
            let fanIn = shape.count >= 2 ? shape[shape.count - 2] * shape.dropLast(2).reduce(1, *) : (shape.first ?? 1)
            let fanOut = shape.count >= 2 ? shape[shape.count - 1] * shape.dropLast(2).reduce(1, *) : (shape.first ?? 1)
            let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
            return Random.uniform(shape, min: -limit, max: limit, dtype: dtype, seed: UInt64.random(in: 0...UInt64.max))
        }
    }
}
public struct Regularizer: Sendable {
    let f: @Sendable (Tensor) -> Tensor
    public func callAsFunction(_ x: Tensor) -> Tensor { f(x) }
    public static func l2(_ v: Double = 0.01) -> Regularizer { Regularizer { square($0).sum() * v } }
}
public struct Constraint: Sendable {
    let f: @Sendable (Tensor) -> Tensor
    public func callAsFunction(_ x: Tensor) -> Tensor { f(x) }
    public static var nonNeg: Constraint { Constraint { relu($0) } }
}
public struct Activation: Sendable {
    public let name: String
    let f: @Sendable (Tensor) -> Tensor
    public func callAsFunction(_ x: Tensor) -> Tensor { f(x) }
    public static var linear: Activation { Activation(name: "linear") { $0 } }
    public static var relu: Activation { Activation(name: "relu") { KerasCore.relu($0) } }
    public static var softmax: Activation { Activation(name: "softmax") { KerasCore.softmax($0) } }
    public static var tanh: Activation { Activation(name: "tanh") { KerasCore.tanh($0) } }
    public static var sigmoid: Activation { Activation(name: "sigmoid") { KerasCore.sigmoid($0) } }
}
