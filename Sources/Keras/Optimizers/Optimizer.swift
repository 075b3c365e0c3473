import Synchronization

/// The base class of every optimizer: Keras's `keras.optimizers.Optimizer` contract in Swift.
///
/// An optimizer holds its state in variables, exactly as Keras does and in Keras's order and
/// paths: `iteration` (int32), `learning_rate` (float32, absent with a schedule), then the
/// slots ``build(_:)`` creates for each model variable (`adam/dense_kernel_momentum`, ...), so a
/// saved optimizer maps onto it one to one.
///
/// ``apply(_:to:)`` does one training step: it builds the slots on the first call, unscales,
/// accumulates and clips the gradients, applies weight decay, runs ``updateStep(gradient:variable:learningRate:)``
/// for each variable, updates the moving averages, applies the variables' constraints and
/// counts the iteration.
///
/// Subclass it for an optimizer of your own: create slots in ``build(_:)`` with
/// ``addVariable(from:name:initializer:)`` and write the rule in ``updateStep(gradient:variable:learningRate:)``.
///
/// ```swift
/// final class SignSGD: Optimizer, @unchecked Sendable {
///     init(learningRate: LearningRate = 0.01) throws { try super.init(learningRate: learningRate) }
///     override func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
///         variable.assign(variable.value - sign(gradient) * learningRate)
///     }
/// }
/// let (loss, grads) = try valueWithGradients(of: model.trainableVariables) {
///     square(try model(x, training: true) - y).mean()
/// }
/// try SignSGD().apply(grads, to: model.trainableVariables)
/// ```
open class Optimizer: @unchecked Sendable {
    /// The optimizer's name: given, or the snake-case class name, numbered to stay unique as
    /// Keras numbers it (`"adam"`, `"adam_1"`; `RMSprop` is `"rm_sprop"` as in Keras). Its
    /// variables' paths start with it.
    public let name: String
    /// The weight-decay rate: each step, `variable -= variable * weightDecay * learningRate`
    /// before the update, for every variable not excluded with ``excludeFromWeightDecay(variables:names:)``.
    public let weightDecay: Double?
    /// Clips each gradient separately to this L2 norm.
    public let clipnorm: Double?
    /// Clips each gradient element to `[-clipvalue, clipvalue]`.
    public let clipvalue: Double?
    /// Scales all gradients together so that their global L2 norm is at most this.
    public let globalClipnorm: Double?
    /// Whether an exponential moving average of the model variables is kept.
    public let useEMA: Bool
    /// The moving average's momentum: `average = emaMomentum * average + (1 - emaMomentum) * value`.
    public let emaMomentum: Double
    /// Every this many steps the model variables are overwritten with their moving averages.
    public let emaOverwriteFrequency: Int?
    /// The factor a loss is multiplied by before differentiation (``scaledLoss(_:)``); gradients
    /// are divided by it before the update.
    public let lossScaleFactor: Double?
    /// Updates happen every this many calls of ``apply(_:to:)``, with the mean of the gradients
    /// received since the last update.
    public let gradientAccumulationSteps: Int?

    /// Keras's `iteration` variable: the number of ``apply(_:to:)`` calls (int32, as Keras on
    /// JAX stores it).
    public let iterationsVariable: Variable
    /// Keras's `learning_rate` variable (float32), or `nil` when a schedule gives the rate.
    public private(set) var learningRateVariable: Variable?
    /// The schedule giving the learning rate, if the optimizer was made with one.
    public private(set) var schedule: (any LearningRateSchedule)?
    /// Whether ``build(_:)`` has run.
    public private(set) var isBuilt = false
    /// The model variables the optimizer was built for, in order (Keras's `_trainable_variables`).
    public private(set) var builtVariables: [Variable] = []

    var trackedVariables: [Variable] = []
    var variableIndices: [ObjectIdentifier: Int] = [:]
    var movingAverages: [Variable] = []
    var gradientAccumulators: [Variable] = []
    var weightDecayExcludedIDs: Set<ObjectIdentifier> = []
    var weightDecayExcludedNames: [String] = []
    var weightDecayExcludedPattern: Regex<AnyRegexOutput>?
    let applyLock = Mutex(())

    /// Makes an optimizer with Keras's base arguments; subclasses pass theirs through.
    ///
    /// - Parameters:
    ///   - learningRate: a number or a ``LearningRateSchedule``.
    ///   - weightDecay: decoupled weight decay applied before each update.
    ///   - clipnorm: clip each gradient to this norm.
    ///   - clipvalue: clip each gradient element to this magnitude.
    ///   - globalClipnorm: clip all gradients together to this global norm. At most one of the
    ///     three clipping arguments may be set.
    ///   - useEMA: keep an exponential moving average of the model variables.
    ///   - emaMomentum: the average's momentum, in `[0, 1]`.
    ///   - emaOverwriteFrequency: overwrite the variables with their averages every this many
    ///     steps (>= 1); `nil` leaves that to ``finalizeVariableValues(_:)``.
    ///   - lossScaleFactor: divide gradients by this before the update.
    ///   - gradientAccumulationSteps: update every this many steps (>= 2) with the mean gradient.
    ///   - name: the name; `nil` for the automatic, unique one.
    /// - Throws: ``KerasError`` naming the argument that is invalid.
    ///
    /// ```swift
    /// let optimizer = try Adam(learningRate: 1e-3, globalClipnorm: 1.0, useEMA: true)
    /// ```
    public init(learningRate: LearningRate, weightDecay: Double? = nil, clipnorm: Double? = nil,
                clipvalue: Double? = nil, globalClipnorm: Double? = nil, useEMA: Bool = false,
                emaMomentum: Double = 0.99, emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        let name = name ?? LayerNaming.uniqueName(LayerNaming.snakeCase(Self.kerasClassName))
        self.name = name
        self.weightDecay = weightDecay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.globalClipnorm = globalClipnorm
        self.useEMA = useEMA
        self.emaMomentum = emaMomentum
        self.emaOverwriteFrequency = emaOverwriteFrequency
        self.lossScaleFactor = lossScaleFactor
        self.gradientAccumulationSteps = gradientAccumulationSteps
        iterationsVariable = Variable(Tensor(0, dtype: .int32), name: "iteration", path: "\(name)/iteration", trainable: false)
        trackedVariables = [iterationsVariable]
        switch learningRate {
        case .constant(let rate):
            let variable = Variable(Tensor(rate, dtype: .float32), name: "learning_rate", path: "\(name)/learning_rate", trainable: false)
            learningRateVariable = variable
            trackedVariables.append(variable)
        case .schedule(let s):
            schedule = s
        }

        let owner = Self.kerasClassName
        if let steps = gradientAccumulationSteps, steps < 2 {
            throw KerasError(.invalidArgument, "\(owner) needs gradientAccumulationSteps >= 2 (or nil for no accumulation), but received gradientAccumulationSteps: \(steps).")
        }
        if useEMA {
            guard emaMomentum >= 0 && emaMomentum <= 1 else {
                throw KerasError(.invalidArgument, "\(owner) needs emaMomentum in [0, 1], but received emaMomentum: \(emaMomentum).")
            }
            if let frequency = emaOverwriteFrequency, frequency < 1 {
                throw KerasError(.invalidArgument, "\(owner) needs emaOverwriteFrequency >= 1 (or nil to overwrite only at the end), but received emaOverwriteFrequency: \(frequency).")
            }
        }
        let clipping = [("clipnorm", clipnorm), ("clipvalue", clipvalue), ("globalClipnorm", globalClipnorm)]
        let given = clipping.filter { $0.1 != nil }
        if given.count > 1 {
            throw KerasError(.invalidArgument, "\(owner) takes only one of clipnorm, clipvalue and globalClipnorm, but received \(given.map { "\($0.0): \($0.1!)" }.joined(separator: ", ")). Keep one of them.")
        }
    }

    /// Keras's class name (`"Adam"`); defaults to the Swift class name.
    open class var kerasClassName: String {
        let full = String(describing: self)
        return full.split(separator: ".").last.map(String.init) ?? full
    }

    // MARK: State

    /// Every variable of the optimizer, in Keras's order: `iteration`, `learning_rate` (unless a
    /// schedule is used), then what ``build(_:)`` created. Saved `.keras` files store them in
    /// this order as `optimizer/vars/0`, `1`, ...
    ///
    /// ```swift
    /// try optimizer.apply(grads, to: model.trainableVariables)
    /// optimizer.variables.map(\.path)
    /// // ["adam/iteration", "adam/learning_rate", "adam/sequential_dense_kernel_momentum", ...]
    /// ```
    public var variables: [Variable] { trackedVariables }

    /// The number of updates done (Keras's `optimizer.iterations`): the number of
    /// ``apply(_:to:)`` calls, divided by ``gradientAccumulationSteps`` when accumulating.
    public var iterations: Int {
        let count = appliedSteps
        guard let steps = gradientAccumulationSteps else { return count }
        return count / steps
    }

    /// The number of ``apply(_:to:)`` calls: the `iteration` variable's value. Schedules are
    /// evaluated at it.
    var appliedSteps: Int { Int(iterationsVariable.value.item()) }

    /// The learning rate the next update uses: the schedule at the current step, or the
    /// `learning_rate` variable (a float32 value).
    ///
    /// ```swift
    /// let optimizer = try SGD(learningRate: 0.1)
    /// optimizer.learningRate   // 0.10000000149011612, float32 as in Keras
    /// ```
    public var learningRate: Double {
        if let schedule { return schedule(appliedSteps) }
        return learningRateVariable?.value.item() ?? 0
    }

    /// Sets a constant learning rate (Keras's `optimizer.learning_rate = value`).
    ///
    /// - Throws: ``KerasError`` when the optimizer uses a schedule, whose rate cannot be set
    ///   (Keras raises `TypeError` there).
    ///
    /// ```swift
    /// try optimizer.setLearningRate(1e-4)
    /// ```
    public func setLearningRate(_ value: Double) throws {
        guard let variable = learningRateVariable else {
            throw KerasError(.invalidArgument, "Optimizer \"\(name)\" was made with a learning-rate schedule, so its learning rate cannot be set to \(value). Make the optimizer with a constant learning rate to change it by hand, or give it a new schedule with setLearningRate(_:) taking a schedule.")
        }
        variable.assign(Tensor(value, dtype: variable.dtype))
    }

    /// Replaces the learning rate by a schedule; the `learning_rate` variable is dropped from
    /// ``variables``, as Keras drops it.
    ///
    /// ```swift
    /// optimizer.setLearningRate(try CosineDecay(initialLearningRate: 0.01, decaySteps: 1000))
    /// ```
    public func setLearningRate(_ schedule: any LearningRateSchedule) {
        applyLock.withLock { _ in
            self.schedule = schedule
            if let variable = learningRateVariable {
                trackedVariables.removeAll { $0 === variable }
                learningRateVariable = nil
            }
        }
    }

    /// The loss multiplied by ``lossScaleFactor`` (Keras's `scale_loss`): what to differentiate
    /// in mixed-precision training; ``apply(_:to:)`` divides the gradients back. Without a
    /// factor, the loss itself.
    ///
    /// ```swift
    /// let (scaled, grads) = try valueWithGradients(of: vars) { optimizer.scaledLoss(try loss()) }
    /// try optimizer.apply(grads, to: vars)
    /// let reported = optimizer.unscaledLoss(scaled)
    /// ```
    public func scaledLoss(_ loss: Tensor) -> Tensor {
        guard let factor = lossScaleFactor else { return loss }
        return loss * factor
    }

    /// A loss computed through ``scaledLoss(_:)`` divided back by ``lossScaleFactor``, for
    /// reporting.
    ///
    /// ```swift
    /// let reported = optimizer.unscaledLoss(scaled)
    /// ```
    public func unscaledLoss(_ loss: Tensor) -> Tensor {
        guard let factor = lossScaleFactor else { return loss }
        return loss / factor
    }

    // MARK: Building

    /// Creates the optimizer's state for `variables` (Keras's `build`): the moving averages and
    /// gradient accumulators of the base class, then, in subclasses, their slots. Called by the
    /// first ``apply(_:to:)``; a subclass overrides it, returns at once when ``isBuilt``, calls
    /// `super.build` and adds its slots.
    ///
    /// ```swift
    /// override func build(_ variables: [Variable]) throws {
    ///     guard !isBuilt else { return }
    ///     try super.build(variables)
    ///     momentums = try variables.map { try addVariable(from: $0, name: "momentum") }
    /// }
    /// ```
    open func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        if useEMA {
            movingAverages = try variables.map { try addVariable(from: $0, name: "average") }
        }
        for (i, variable) in variables.enumerated() {
            variableIndices[ObjectIdentifier(variable)] = i
            if gradientAccumulationSteps != nil {
                gradientAccumulators.append(try addVariable(from: variable, name: "gradient_accumulator"))
            }
        }
        builtVariables = variables
        isBuilt = true
    }

    /// Creates an optimizer variable (Keras's `add_variable`) with the path `"<optimizer>/<name>"`.
    ///
    /// - Throws: ``KerasError`` when the initializer cannot fill `shape`.
    ///
    /// ```swift
    /// let product = try addVariable(shape: [], initializer: .ones, name: "product")
    /// ```
    @discardableResult
    public func addVariable(shape: [Int], initializer: Initializer = .zeros, dtype: DType = .float32,
                            name: String) throws -> Variable {
        let variable = Variable(try initializer(shape, dtype: dtype), name: name, path: "\(self.name)/\(name)", trainable: false)
        trackedVariables.append(variable)
        return variable
    }

    /// Creates a slot shaped like `reference` (Keras's `add_variable_from_reference`), named
    /// after its path: `dense/kernel` with `"momentum"` gives `dense_kernel_momentum`.
    ///
    /// ```swift
    /// let velocity = try addVariable(from: kernel, name: "velocity")
    /// ```
    @discardableResult
    public func addVariable(from reference: Variable, name: String, initializer: Initializer = .zeros) throws -> Variable {
        let prefix = String(reference.path.map { $0 == "/" ? "_" : $0 })
        return try addVariable(shape: reference.shape, initializer: initializer, dtype: reference.dtype,
                               name: "\(prefix)_\(name)")
    }

    /// Creates one slot per name for each variable, interleaved variable by variable as Keras's
    /// `add_optimizer_variables` does, and returns them grouped by name.
    ///
    /// ```swift
    /// let slots = try addVariables(from: variables, names: ["momentum", "velocity"])
    /// (momentums, velocities) = (slots[0], slots[1])
    /// ```
    public func addVariables(from references: [Variable], names: [String],
                             initializers: [Initializer]? = nil) throws -> [[Variable]] {
        var groups = Array(repeating: [Variable](), count: names.count)
        for reference in references {
            for (i, slotName) in names.enumerated() {
                groups[i].append(try addVariable(from: reference, name: slotName, initializer: initializers?[i] ?? .zeros))
            }
        }
        return groups
    }

    /// The position of `variable` among ``builtVariables``: where its slots are.
    ///
    /// ```swift
    /// let m = momentums[index(of: variable)]
    /// ```
    public func index(of variable: Variable) -> Int {
        guard let i = variableIndices[ObjectIdentifier(variable)] else {
            preconditionFailure("Optimizer \"\(name)\" was not built for variable \"\(variable.path)\".")
        }
        return i
    }

    // MARK: Updating

    /// Updates every variable from its gradient (Keras's `_backend_update_step`): calls
    /// ``updateStep(gradient:variable:learningRate:)`` for each. Override it for state shared by
    /// all variables of a step (Nadam's momentum-decay product).
    open func updateSteps(_ gradients: [Tensor], variables: [Variable], learningRate: Double) throws {
        for (gradient, variable) in zip(gradients, variables) {
            try updateStep(gradient: gradient, variable: variable, learningRate: learningRate)
        }
    }

    /// The optimizer's rule for one variable (Keras's `update_step`), run outside gradient
    /// recording with the processed gradient (cast to the variable's dtype) and the step's
    /// learning rate. ``iterations`` is the number of updates before this one.
    ///
    /// - Throws: ``KerasError`` in the base class, which has no rule.
    ///
    /// ```swift
    /// override func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
    ///     variable.assign(variable.value - gradient * learningRate)
    /// }
    /// ```
    open func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        throw KerasError(.unsupported, "\(Self.kerasClassName) has no update rule: an Optimizer subclass must override updateStep(gradient:variable:learningRate:).")
    }

    // MARK: Config

    /// Keras's `get_config()`: the base keys (`name`, `learning_rate` as a float32 number or a
    /// serialized schedule, `weight_decay`, `clipnorm`, `global_clipnorm`, `clipvalue`,
    /// `use_ema`, `ema_momentum`, `ema_overwrite_frequency`, `loss_scale_factor`,
    /// `gradient_accumulation_steps`), then the subclass's.
    ///
    /// ```swift
    /// try Adam().kerasConfig["learning_rate"]   // 0.0010000000474974513
    /// ```
    open var kerasConfig: JSONObject {
        let rate: JSONValue = schedule.map(\.serializedKerasObject) ?? .double(learningRateVariable?.value.item() ?? 0)
        return ["name": .string(name), "learning_rate": rate, "weight_decay": .optional(weightDecay),
                "clipnorm": .optional(clipnorm), "global_clipnorm": .optional(globalClipnorm),
                "clipvalue": .optional(clipvalue), "use_ema": .bool(useEMA), "ema_momentum": .double(emaMomentum),
                "ema_overwrite_frequency": emaOverwriteFrequency.map { .int($0) } ?? .null,
                "loss_scale_factor": .optional(lossScaleFactor),
                "gradient_accumulation_steps": gradientAccumulationSteps.map { .int($0) } ?? .null]
    }

    /// What `keras.saving.serialize_keras_object` writes for the optimizer, as a model's
    /// `compile_config` holds it: `{"module": "keras.optimizers", "class_name": "Adam",
    /// "config": {...}, "registered_name": null}`.
    ///
    /// ```swift
    /// let json = try Adam().serializedKerasObject.serialized()
    /// ```
    public var serializedKerasObject: JSONValue {
        ["module": "keras.optimizers", "class_name": .string(Self.kerasClassName), "config": .object(kerasConfig),
         "registered_name": nil]
    }
}

extension JSONValue {
    /// A number, or `null` for `nil`.
    static func optional(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
}
