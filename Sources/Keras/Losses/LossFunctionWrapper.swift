/// A ``Loss`` made from a function of labels and predictions (Keras's `LossFunctionWrapper`):
/// the ranks of both are matched first (a trailing size-1 axis squeezed or added), then the
/// function gives the unreduced values.
///
/// Keras's built-in loss classes (``MeanSquaredError``, ``BinaryCrossentropy``, ...) are such
/// wrappers around the ``Losses`` functions; `compile(loss: "mse")` wraps the function with the
/// string as its name, which ``Loss/named(_:)`` reproduces.
///
/// ```swift
/// let cubic = LossFunctionWrapper(name: "cubic") { yTrue, yPred in
///     abs(power(yPred - yTrue, 3)).mean(axes: [-1])
/// }
/// let value = try cubic(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // 0.5
/// ```
open class LossFunctionWrapper: Loss, @unchecked Sendable {
    /// The function's Keras name (`"mean_squared_error"`), written as the config's `"fn"`; the
    /// loss's name when none was given.
    public var functionName: String { givenFunctionName ?? name }
    private let givenFunctionName: String?
    /// The keyword arguments the function is called with, as Keras writes them in the config.
    public let functionArguments: JSONObject
    private let body: @Sendable (Tensor, Tensor) throws -> (values: Tensor, mask: Tensor?)

    /// Wraps `function`, which returns unreduced values.
    ///
    /// - Parameters:
    ///   - functionName: the name written in the config; `nil` uses the loss's name.
    ///   - name: the loss's name; `nil` gives `"loss_function_wrapper"` (numbered).
    ///   - reduction: the reduction.
    ///   - dtype: the dtype both inputs are converted to.
    ///   - function: labels and predictions (ranks matched) to per-sample values.
    public init(functionName: String? = nil, name: String? = nil, reduction: LossReduction = .sumOverBatchSize,
                dtype: DType = .float32, _ function: @escaping @Sendable (Tensor, Tensor) throws -> Tensor) {
        self.body = { yTrue, yPred in (try function(yTrue, yPred), nil) }
        self.functionArguments = [:]
        self.givenFunctionName = functionName
        super.init(name: name, reduction: reduction, dtype: dtype)
    }

    /// A wrapper of a built-in function whose values may carry a mask.
    init(builtin functionName: String, arguments: JSONObject = [:], name: String, reduction: LossReduction,
         dtype: DType, _ body: @escaping @Sendable (Tensor, Tensor) throws -> (values: Tensor, mask: Tensor?)) {
        self.givenFunctionName = functionName
        self.functionArguments = arguments
        self.body = body
        super.init(name: name, reduction: reduction, dtype: dtype)
    }

    /// The wrapped function's values on `yTrue` and `yPred` with their ranks matched by
    /// ``Loss/squeezeOrExpandToSameRank(_:_:expandRank1:)``.
    ///
    /// ```swift
    /// try MeanSquaredError().call(Tensor([1.0, 2]), Tensor([1.0, 3.0], shape: [2, 1]))   // [0, 1]
    /// ```
    open override func call(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        try callReturningMask(yTrue, yPred).values
    }

    /// The wrapped function's values and their mask, if the function gives one.
    open override func callReturningMask(_ yTrue: Tensor, _ yPred: Tensor) throws -> (values: Tensor, mask: Tensor?) {
        let (t, p) = Loss.squeezeOrExpandToSameRank(yTrue, yPred)
        return try body(t, p)
    }

    /// Keras's `LossFunctionWrapper.get_config()`: `name`, `reduction`, the function as `"fn"`,
    /// then its keyword arguments. Keras's built-in classes override this with their own keys.
    ///
    /// ```swift
    /// try Loss.named("mse").kerasConfig
    /// // {"name": "mse", "reduction": "sum_over_batch_size", "fn": {"module": "builtins", ...}}
    /// ```
    open override var kerasConfig: JSONObject {
        var config = baseConfig
        config["fn"] = ["module": "builtins", "class_name": "function", "config": .string(functionName),
                        "registered_name": "function"]
        for (key, value) in functionArguments.pairs { config[key] = value }
        return config
    }
}
