import Synchronization

/// A mutable, named tensor that training updates: Keras's `Variable`.
///
/// Layers keep their weights in variables; optimizers ``assign(_:)`` new values. Inside
/// ``valueWithGradients(of:_:)`` reading ``value`` gives the tensor the gradient is taken with
/// respect to.
///
/// ```swift
/// let w = Variable(Tensor.zeros([3, 1]), name: "kernel")
/// w.assign(w.value - 0.1 * gradient)
/// ```
public final class Variable: @unchecked Sendable, CustomStringConvertible {
    /// The variable's name, e.g. `"kernel"`.
    public let name: String
    /// The variable's path in its model, Keras's `variable.path`: the names of the layers it
    /// was created in, then ``name`` (`"sequential/dense/kernel"`). Optimizer slots are named
    /// after it.
    public var path: String {
        get { pathStorage.withLock { $0 } }
        set { pathStorage.withLock { $0 = newValue } }
    }
    private let pathStorage: Mutex<String>
    /// A projection optimizers apply after each update (Keras's `variable.constraint`), e.g.
    /// a max-norm constraint a layer gave its kernel.
    public var constraint: (@Sendable (Tensor) -> Tensor)? {
        get { constraintStorage.withLock { $0 } }
        set { constraintStorage.withLock { $0 = newValue } }
    }
    private let constraintStorage = Mutex<(@Sendable (Tensor) -> Tensor)?>(nil)
    /// Whether optimizers update it (`false` for e.g. BatchNormalization's moving statistics).
    public var trainable: Bool {
        get { trainableFlag.withLock { $0 } }
        set { trainableFlag.withLock { $0 = newValue } }
    }
    private let trainableFlag: Mutex<Bool>
    private let state: Mutex<Tensor>

    /// Makes a variable holding `value`.
    public init(_ value: Tensor, name: String = "variable", path: String? = nil, trainable: Bool = true) {
        var v = value
        v.tapeHandle = nil
        self.name = name
        self.pathStorage = Mutex(path ?? name)
        self.trainableFlag = Mutex(trainable)
        self.state = Mutex(v)
    }

    /// The current value; the tracked one while a gradient with respect to this variable is taken.
    /// Inside ``autocasting(to:_:)`` a floating-point value reads as that dtype.
    public var value: Tensor {
        var v = storedValue
        if let tape = GradientTape.current, let tracked = tape.trackedValue(of: self) { v = tracked }
        if let target = Variable.autocastDType, v.dtype.isFloatingPoint, v.dtype != target { return cast(v, to: target) }
        return v
    }

    /// The dtype floating-point variables read as in the current scope (Keras's `AutocastScope`).
    @TaskLocal static var autocastDType: DType?

    /// Runs `body` with floating-point variables read as `dtype`, as a mixed-precision layer
    /// computes (float32 variables, float16 math); assignments keep each variable's own dtype.
    public static func autocasting<T>(to dtype: DType?, _ body: () throws -> T) rethrows -> T {
        try $autocastDType.withValue(dtype, operation: body)
    }

    var storedValue: Tensor { state.withLock { $0 } }

    /// The shape of the value.
    public var shape: [Int] { storedValue.shape }
    /// The dtype of the value.
    public var dtype: DType { storedValue.dtype }

    /// Replaces the value. The new value must have the same shape; it is cast to the variable's dtype.
    public func assign(_ newValue: Tensor) {
        let current = storedValue
        guard newValue.shape == current.shape else {
            opFailure("Variable.assign", "variable \"\(name)\" has shape \(Shape.describe(current.shape)) but the new value has shape \(Shape.describe(newValue.shape)).")
        }
        var v = newValue.dtype == current.dtype ? newValue : cast(newValue, to: current.dtype)
        v.tapeHandle = nil
        state.withLock { $0 = v }
        GradientTape.current?.invalidate(self)
    }

    /// Adds `delta` to the value.
    public func assignAdd(_ delta: Tensor) { assign(storedValue + delta) }

    /// Subtracts `delta` from the value.
    public func assignSub(_ delta: Tensor) { assign(storedValue - delta) }

    /// `<Variable name=kernel shape=(3, 1) dtype=float32>`
    public var description: String {
        "<Variable name=\(name) shape=\(Shape.describe(shape)) dtype=\(dtype)>"
    }
}
