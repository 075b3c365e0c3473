/// Adafactor: Adam-like steps with a factored second moment, for memory-light training of
/// large matrices (Keras's `Adafactor`).
///
/// For a variable of rank >= 2, the squared gradient's moving average is kept as a row factor
/// `r` (the last axis averaged out) and a column factor `c` (the second-to-last averaged out),
/// and `v = r / mean(r) ⊗ c`; smaller variables keep `v` whole. With `t` the update number:
/// `beta2_t = 1 - t^beta2Decay`, the step size is `max(epsilon2, rms(w)) * min(lr, 1/sqrt(t))`,
/// and the update `g / sqrt(v)` is clipped to RMS `clipThreshold`.
///
/// Slots, per variable as Keras creates them: `r` and `c` (named after the variable's `name`,
/// e.g. `adafactor/kernel`; for a variable of rank < 2, two int32 scalar placeholders), then
/// `velocity`.
///
/// ```swift
/// let optimizer = try Adafactor(learningRate: 0.01)
/// ```
public final class Adafactor: Optimizer, @unchecked Sendable {
    /// The exponent of the step in the second moment's decay, `1 - t^beta2Decay`.
    public let beta2Decay: Double
    /// Added to squared gradients for numerical stability.
    public let epsilon1: Double
    /// The floor of the variable's RMS in the step size.
    public let epsilon2: Double
    /// The RMS the update is clipped to.
    public let clipThreshold: Double
    /// Keras's `relative_step`, kept for its config: Keras 3.15.1 caps the step by `1/sqrt(t)`
    /// whether it is set or not, and so does this optimizer.
    public let relativeStep: Bool
    private var rowFactors: [Variable] = []
    private var columnFactors: [Variable] = []
    private var velocities: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - beta2Decay: the second moment's decay exponent.
    ///   - epsilon1: the stability constant for squared gradients.
    ///   - epsilon2: the floor of the variable's RMS.
    ///   - clipThreshold: the RMS the update is clipped to.
    ///   - relativeStep: recorded in the config; the step is capped by `1/sqrt(t)` either way, as in Keras.
    ///   - weightDecay: decoupled weight decay, applied before each update.
    ///   - clipnorm: clip each gradient to this L2 norm.
    ///   - clipvalue: clip each gradient element to this magnitude.
    ///   - globalClipnorm: clip all gradients together to this global norm (at most one of the
    ///     three clipping arguments).
    ///   - useEMA: keep an exponential moving average of the model variables.
    ///   - emaMomentum: the moving average's momentum, in `[0, 1]`.
    ///   - emaOverwriteFrequency: write the averages into the variables every this many steps.
    ///   - lossScaleFactor: divide the gradients by this before the update.
    ///   - gradientAccumulationSteps: update every this many calls (>= 2) with the mean gradient.
    ///   - name: the optimizer's name; `nil` for the automatic, unique one.
    /// - Throws: ``KerasError`` naming an invalid argument.
    ///
    /// ```swift
    /// let adafactor = try Adafactor(learningRate: 0.5, clipThreshold: 0.5, relativeStep: false)
    /// ```
    public init(learningRate: LearningRate = 0.001, beta2Decay: Double = -0.8, epsilon1: Double = 1e-30,
                epsilon2: Double = 1e-3, clipThreshold: Double = 1.0, relativeStep: Bool = true,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.beta2Decay = beta2Decay
        self.epsilon1 = epsilon1
        self.epsilon2 = epsilon2
        self.clipThreshold = clipThreshold
        self.relativeStep = relativeStep
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates, per variable, the factors `r` and `c` (placeholders below rank 2), then `velocity`.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        for variable in variables {
            let shape = variable.shape
            if shape.count < 2 {
                // Keras keeps int32 scalar placeholders so the lists stay aligned; they are saved too.
                rowFactors.append(try addVariable(shape: [], dtype: .int32, name: variable.name))
                columnFactors.append(try addVariable(shape: [], dtype: .int32, name: variable.name))
            } else {
                rowFactors.append(try addVariable(shape: Array(shape.dropLast()), dtype: variable.dtype, name: variable.name))
                columnFactors.append(try addVariable(shape: Array(shape.dropLast(2)) + [shape[shape.count - 1]],
                                                     dtype: variable.dtype, name: variable.name))
            }
            velocities.append(try addVariable(from: variable, name: "velocity"))
        }
    }

    /// One Adafactor step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let t = Float(iterations + 1)
        // Keras caps the rate by 1/sqrt(t) here whatever relativeStep says (its first cap is the same).
        let rho = Swift.min(Float(learningRate), 1 / Float32Math.sqrt(t))
        let alpha = maximum(Self.rms(variable.value), epsilon2) * Double(rho)
        let squared = square(gradient) + epsilon1
        let beta2t = 1 - Float32Math.pow(t, Float(beta2Decay))
        let v = velocities[i]
        if variable.shape.count >= 2 {
            let r = rowFactors[i], c = columnFactors[i]
            r.assign(r.value * Double(beta2t) + squared.mean(axes: [-1]) * Double(1 - beta2t))
            c.assign(c.value * Double(beta2t) + squared.mean(axes: [-2]) * Double(1 - beta2t))
            let rows = (r.value / r.value.mean(axes: [-1], keepingDimensions: true)).expandingDimensions(axis: -1)
            v.assign(rows * c.value.expandingDimensions(axis: -2))
        } else {
            v.assign(v.value * Double(beta2t) + squared * Double(1 - beta2t))
        }
        let u = gradient / sqrt(v.value)
        let clipped = u / maximum(Self.rms(u) / clipThreshold, 1.0)
        variable.assign(variable.value - clipped * alpha)
    }

    /// The root mean square of all elements.
    private static func rms(_ x: Tensor) -> Tensor { sqrt(square(x).mean()) }

    /// The base config, then `beta_2_decay`, `epsilon_1`, `epsilon_2`, `clip_threshold`, `relative_step`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["beta_2_decay"] = .double(beta2Decay)
        config["epsilon_1"] = .double(epsilon1)
        config["epsilon_2"] = .double(epsilon2)
        config["clip_threshold"] = .double(clipThreshold)
        config["relative_step"] = .bool(relativeStep)
        return config
    }
}
