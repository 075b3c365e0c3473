/// Hashes values into `numBins` bins (Keras's `Hashing`), bit for bit as Keras does through
/// TensorFlow: each value is written as text (floats are first truncated to int64), hashed with
/// FarmHash's Fingerprint64 (or keyed SipHash-2-4 when a `salt` is given), and reduced modulo the
/// number of bins. With a `maskValue`, bin 0 is reserved for it and the others shift up by one.
///
/// It takes tensors of integers, floats, booleans or text (``DType/string``, so it can follow
/// `Input(shape:dtype: .string)` in a model). Indices are int64 by default; `oneHot`,
/// `multiHot` and `count` encode them as ``CategoryEncoding`` does (float32 by default).
///
/// ```swift
/// let hash = try Hashing(numBins: 3)
/// let y = try hash(Tensor(strings: ["A", "B", "C", "D", "E"], shape: [5, 1]))   // [[1], [0], [1], [1], [2]]
/// ```
public final class Hashing: Layer {
    /// The number of bins, including the mask bin when there is a `maskValue`.
    public let numBins: Int
    /// The value that always hashes to bin 0 (compared as text with strings, as a number with
    /// numeric inputs).
    public let maskValue: String?
    /// The SipHash key, when the strong hash is used (Keras's `salt`).
    public let salt: [UInt64]?
    /// How the bin indices are returned.
    public let outputMode: OutputMode

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - numBins: the number of bins (the mask bin included).
    ///   - maskValue: a value sent to bin 0; `nil` (the default) reserves no bin.
    ///   - salt: one or two integers keying SipHash-2-4 (one is used twice); `nil` (the default)
    ///     uses the faster FarmHash fingerprint.
    ///   - outputMode: `.int` (the default), `.oneHot`, `.multiHot` or `.count`.
    ///   - name: the layer's name (`hashing`, ... by default).
    ///   - dtype: the output's dtype: int64 for `.int` and float32 otherwise by default.
    /// - Throws: ``KerasError`` when `numBins` is not positive, the salt has neither one nor two
    ///   values, the mode is `tfIdf`, or an `.int` layer is given a floating-point dtype.
    public init(numBins: Int, maskValue: String? = nil, salt: [Int]? = nil, outputMode: OutputMode = .int,
                name: String? = nil, dtype: DType? = nil) throws {
        try checkOutputMode(outputMode, allowed: [.int, .oneHot, .multiHot, .count], layer: "Hashing")
        guard numBins > 0 else {
            throw KerasError(.invalidArgument, "Hashing: the `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins=\(numBins).")
        }
        let resolved = dtype ?? (outputMode == .int ? .int64 : .float32)
        if outputMode == .int && resolved != .int32 && resolved != .int64 {
            throw KerasError(.invalidArgument, "Hashing: when `output_mode=\"int\"`, `dtype` should be an integer type, 'int32' or 'int64'. Received: dtype=\(resolved).")
        }
        if let salt {
            guard salt.count == 1 || salt.count == 2 else {
                throw KerasError(.invalidArgument, "Hashing: the `salt` argument for `Hashing` can only be a tuple of size 2 integers, or a single integer. Received: salt=\(salt).")
            }
            self.salt = (salt.count == 1 ? [salt[0], salt[0]] : salt).map { UInt64(truncatingIfNeeded: $0) }
        } else {
            self.salt = nil
        }
        self.numBins = numBins
        self.maskValue = maskValue
        self.outputMode = outputMode
        super.init(name: name, dtype: resolved)
    }

    /// The bin of one value's text, before the mask shift.
    func bin(_ text: String, bins: Int) -> Int64 {
        let bytes = Array(text.utf8)
        let hash = salt.map { StringHash.sipHash24(bytes, key0: $0[0], key1: $0[1]) } ?? StringHash.fingerprint64(bytes)
        return Int64(hash % UInt64(bins))
    }

    /// Bins for texts, with `isMask` telling which values equal the mask value.
    private func bins(_ texts: [String], isMask: (Int) -> Bool) -> [Int64] {
        let masking = maskValue != nil && numBins > 1
        let bins = masking ? numBins - 1 : numBins
        return texts.indices.map { i in
            if masking && isMask(i) { return 0 }
            return bin(texts[i], bins: bins) + (masking ? 1 : 0)
        }
    }

    /// Takes text.
    override var acceptsText: Bool { true }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        if input.dtype == .string {
            let strings = input.strings
            let indices = bins(strings) { strings[$0] == maskValue }
            return encode(Tensor(indices.map(Int.init), shape: input.shape, dtype: .int64))
        }
        let values = input.doubles
        let texts: [String]
        if input.dtype == .bool {
            texts = values.map { $0 != 0 ? "true" : "false" }
        } else {
            texts = input.scalars(as: Int64.self).map { String($0) }
        }
        let maskNumber = maskValue.flatMap { Double($0) }
        let indices = bins(texts) { maskNumber != nil && values[$0] == maskNumber! }
        return encode(Tensor(indices.map(Int.init), shape: input.shape, dtype: .int64))
    }

    private func encode(_ indices: Tensor) -> Tensor {
        var x = indices
        if outputMode == .oneHot, let last = x.shape.last, last == 1 { x = x.squeezed(axes: [-1]) }
        return encodeCategorical(x, mode: outputMode, depth: numBins, dtype: dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        var shape = inputShape
        if outputMode == .oneHot, shape.last == 1 { shape.removeLast() }
        return encodedShape(shape, mode: outputMode, depth: numBins)
    }

    /// Whether the config this layer was read from gave `mask_value` as a number (Keras keeps
    /// `0` and `"0"` apart).
    var maskValueIsNumber = false

    /// Keras's keys: `num_bins`, `salt` (a pair, as Keras stores it), `mask_value`,
    /// `output_mode`, and `sparse`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["num_bins"] = .int(numBins)
        config["salt"] = salt.map { .array($0.map { .int(Int(truncatingIfNeeded: $0)) }) } ?? .null
        if let maskValue {
            if maskValueIsNumber, let i = Int(maskValue) {
                config["mask_value"] = .int(i)
            } else if maskValueIsNumber, let d = Double(maskValue) {
                config["mask_value"] = .double(d)
            } else {
                config["mask_value"] = .string(maskValue)
            }
        } else {
            config["mask_value"] = .null
        }
        config["output_mode"] = .string(outputMode.rawValue)
        config["sparse"] = false
        return config
    }
}

extension Hashing: KerasSerializable {
    /// Hashing's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["num_bins", "mask_value", "salt", "output_mode", "sparse"]

    /// Rebuilds the layer from its Keras config; `mask_value` may be a string or a number.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse=true`, `.invalidConfig` for a missing
    ///   `num_bins` or a `mask_value` that is neither a string nor a number, and the errors of
    ///   ``init(numBins:maskValue:salt:outputMode:name:dtype:)``.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        var maskValue: String?
        var isNumber = false
        switch config["mask_value"] {
        case nil, .null?: maskValue = nil
        case .string(let s)?: maskValue = s
        case .int(let i)?: maskValue = String(i); isNumber = true
        case .double(let d)?: maskValue = String(d); isNumber = true
        case let other?:
            throw KerasError(.invalidConfig, "Hashing \"\(config.name ?? "?")\" needs a string or a number for \"mask_value\", but received \(other.serialized()).")
        }
        try self.init(numBins: config.int("num_bins"), maskValue: maskValue, salt: config.optionalInts("salt"),
                      outputMode: config.enumeration("output_mode", default: OutputMode.int), name: config.name,
                      dtype: config["dtype"] == nil ? nil : config.dtype)
        maskValueIsNumber = isNumber
        trainable = config.trainable
    }
}
