// Keras's STFT initializer: the real or imaginary part of a windowed DFT kernel, used by the
// STFTSpectrogram layer. Windows follow `scipy.signal.get_window`.

/// The window ``Initializer/stft(side:window:scaling:periodic:)`` multiplies the DFT kernel by;
/// raw values are the names `scipy.signal.get_window` takes.
///
/// ```swift
/// STFTWindow(rawValue: "hann")   // .hann
/// ```
public enum STFTWindow: String, Sendable, Hashable, CaseIterable {
    /// `0.5 - 0.5 cos(2πn / (N - 1))`.
    case hann
    /// `0.54 - 0.46 cos(2πn / (N - 1))`.
    case hamming
    /// `0.42 - 0.5 cos(2πn / (N - 1)) + 0.08 cos(4πn / (N - 1))`.
    case blackman
    /// The triangle `1 - |2n / (N - 1) - 1|`.
    case bartlett
    /// All ones.
    case boxcar

    /// The window of `length` samples; `periodic` computes `length + 1` and drops the last, as
    /// `scipy.signal.get_window(..., fftbins=True)`.
    ///
    /// ```swift
    /// STFTWindow.hann.values(length: 4, periodic: true)   // [0, 0.5, 1, 0.5]
    /// ```
    public func values(length: Int, periodic: Bool) -> [Double] {
        if length <= 0 { return [] }
        if length == 1 { return [1] }
        let m = periodic ? length + 1 : length
        let pi = 3.141592653589793
        let t = (0..<m).map { Double($0) / Double(m - 1) }
        let c1 = cosines(t.map { 2 * pi * $0 })
        let c2 = cosines(t.map { 4 * pi * $0 })
        let w: [Double] = (0..<m).map { n in
            switch self {
            case .hann: return 0.5 - 0.5 * c1[n]
            case .hamming: return 0.54 - 0.46 * c1[n]
            case .blackman: return 0.42 - 0.5 * c1[n] + 0.08 * c2[n]
            case .bartlett: return 1 - Swift.abs(2 * t[n] - 1)
            case .boxcar: return 1
            }
        }
        return Array(w.prefix(length))
    }
}

/// How ``Initializer/stft(side:window:scaling:periodic:)`` normalizes the window; raw values are
/// Keras's `scaling` strings.
public enum STFTScaling: String, Sendable, Hashable, CaseIterable {
    /// Divide by `sqrt(sum(window^2))`.
    case density
    /// Divide by `sum(|window|)`.
    case spectrum
}

extension Initializer {
    /// A DFT kernel of shape `[frameLength, channels, fftBins]` (Keras's `STFT`): the cosine
    /// (`side: "real"`) or sine (`"imag"`) of `-2π t f / (2 (fftBins - 1))`, times the window
    /// divided by its scaling.
    ///
    /// ```swift
    /// let kernel = try Initializer.stft(side: .real, window: .hann)([256, 1, 129])
    /// ```
    public static func stft(side: STFTSide = .real, window: STFTWindow? = .hann,
                            scaling: STFTScaling? = .density, periodic: Bool = false) -> Initializer {
        let config: JSONObject = [
            "side": .string(side.rawValue), "window": window.map { .string($0.rawValue) } ?? .null,
            "periodic": .bool(periodic), "scaling": scaling.map { .string($0.rawValue) } ?? .null,
        ]
        return stft(side: side, window: window.map { .named($0) }, scaling: scaling, periodic: periodic, config: config)
    }

    /// The part of the DFT an STFT kernel holds; raw values are Keras's `side` strings.
    public enum STFTSide: String, Sendable, Hashable, CaseIterable {
        /// The cosine part.
        case real
        /// The sine part.
        case imag
    }

    enum STFTWindowSource {
        case named(STFTWindow)
        case values([Double])
    }

    static func stft(reading reader: ConfigReader) throws -> Initializer {
        let sideName = try reader.string("side", default: "real")
        guard let side = STFTSide(rawValue: sideName) else {
            throw KerasError(.invalidArgument, "STFT side should be \"real\" or \"imag\", not \"\(sideName)\".")
        }
        var window: STFTWindowSource? = .named(.hann)
        switch reader.config["window"] {
        case nil: break
        case .null?: window = nil
        case .string(let name)?:
            guard let w = STFTWindow(rawValue: name) else {
                throw KerasError(.unsupported, "STFT window \"\(name)\" is not supported; use one of \(STFTWindow.allCases.map(\.rawValue).joined(separator: ", ")), a list of numbers, or null.")
            }
            window = .named(w)
        case .array(let values)?:
            let numbers = values.compactMap(\.doubleValue)
            guard numbers.count == values.count else {
                throw KerasError(.invalidConfig, "STFT window must be a name, a list of numbers or null.")
            }
            window = .values(numbers)
        case let other?:
            throw KerasError(.invalidConfig, "STFT window must be a name, a list of numbers or null, but received \(other.serialized()).")
        }
        var scaling: STFTScaling? = .density
        if let value = reader.config["scaling"] {
            if value.isNull {
                scaling = nil
            } else if let s = value.stringValue.flatMap(STFTScaling.init(rawValue:)) {
                scaling = s
            } else {
                throw KerasError(.invalidArgument, "STFT scaling must be null, \"density\" or \"spectrum\", but received \(value.serialized()).")
            }
        }
        let periodic = try reader.bool("periodic", default: false)
        let config: JSONObject = [
            "side": .string(side.rawValue), "window": reader.config["window"] ?? "hann",
            "periodic": .bool(periodic), "scaling": scaling.map { .string($0.rawValue) } ?? .null,
        ]
        return stft(side: side, window: window, scaling: scaling, periodic: periodic, config: config)
    }

    static func stft(side: STFTSide, window: STFTWindowSource?, scaling: STFTScaling?, periodic: Bool,
                     config: JSONObject) -> Initializer {
        Initializer(builtin: "STFT", config: config) { shape, dtype in
            guard shape.count == 3 else {
                throw KerasError(.invalidArgument, "STFT initializes kernels of shape [frame_length, input_channels, fft_length], but received shape \(shape).")
            }
            let (frames, channels, bins) = (shape[0], shape[1], shape[2])
            var win: [Double]? = nil
            var scale = 1.0
            if let window {
                switch window {
                case .named(let w): win = w.values(length: frames, periodic: periodic)
                case .values(let v): win = v
                }
                guard win?.count == frames else {
                    throw KerasError(.invalidArgument, "The STFT window must have frame_length (\(frames)) values, but has \(win?.count ?? 0).")
                }
                switch scaling {
                case .density?: scale = (win ?? []).reduce(0) { $0 + $1 * $1 }.squareRoot()
                case .spectrum?: scale = (win ?? []).reduce(0) { $0 + Swift.abs($1) }
                case nil: break
                }
            }
            let fftLength = Double((bins - 1) * 2)
            let pi = 3.141592653589793
            var angles = [Double](repeating: 0, count: frames * bins)
            for t in 0..<frames {
                for f in 0..<bins { angles[t * bins + f] = -2 * Double(t) * (Double(f) / fftLength) * pi }
            }
            let angleTensor = Tensor(angles, dtype: .float64)
            let parts = (side == .real ? cos(angleTensor) : sin(angleTensor)).doubles
            var values = [Double](repeating: 0, count: frames * channels * bins)
            for t in 0..<frames {
                for f in 0..<bins {
                    var v = parts[t * bins + f]
                    if let win { v = v * win[t] / scale }
                    for c in 0..<channels { values[(t * channels + c) * bins + f] = v }
                }
            }
            return Tensor(values, shape: shape, dtype: dtype)
        }
    }
}

/// `cos` of each value, through the engine (the Keras module has no math library of its own).
private func cosines(_ xs: [Double]) -> [Double] {
    xs.isEmpty ? [] : cos(Tensor(xs, dtype: .float64)).doubles
}
