extension Tensor {
    /// Makes a tensor of Keras's default float type (`float32`) from numbers, in row-major order.
    ///
    /// - Parameters:
    ///   - values: the elements; `shape.product` of them.
    ///   - shape: the shape; `nil` makes a vector of `values.count` elements.
    ///   - dtype: the element type to store (`float32` unless given).
    ///
    /// ```swift
    /// let x = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    /// ```
    public init(_ values: [Double], shape: [Int]? = nil, dtype: DType = .float32) {
        let shape = shape ?? [values.count]
        Tensor.checkCount(values.count, shape)
        self.init(uninitializedShape: shape, dtype: dtype)
        let raw = storage.data
        withScalarType(dtype) { T in Tensor.store(values, as: T, into: raw) }
    }

    /// Makes an `int32` tensor (Keras's default integer type) from Swift `Int`s.
    ///
    /// ```swift
    /// let labels = Tensor([3, 1, 4], dtype: .int64)
    /// ```
    public init(_ values: [Int], shape: [Int]? = nil, dtype: DType = .int32) {
        let shape = shape ?? [values.count]
        Tensor.checkCount(values.count, shape)
        self.init(uninitializedShape: shape, dtype: dtype)
        let raw = storage.data
        withScalarType(dtype) { T in Tensor.store(values.map { Int64($0) }, as: T, into: raw) }
    }

    /// Makes a tensor holding exactly these elements, with the dtype of their Swift type.
    ///
    /// ```swift
    /// let mask = Tensor([true, false, true])          // bool
    /// let ids = Tensor([Int64(7), 8], shape: [2, 1])  // int64
    /// ```
    public init<T: TensorScalar>(_ values: [T], shape: [Int]? = nil) {
        let shape = shape ?? [values.count]
        Tensor.checkCount(values.count, shape)
        self.init(uninitializedShape: shape, dtype: T.dtype)
        let p = storage.data.bindMemory(to: T.self, capacity: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { p.update(from: base, count: values.count) }
        }
    }

    /// A scalar (rank 0) tensor, `float32` unless `dtype` says otherwise.
    public init(_ value: Double, dtype: DType = .float32) {
        self.init([value], shape: [], dtype: dtype)
    }

    /// An `int32` scalar tensor (or another dtype if given).
    public init(_ value: Int, dtype: DType = .int32) {
        self.init([value], shape: [], dtype: dtype)
    }

    /// A `bool` scalar tensor.
    public init(_ value: Bool) {
        self.init([value], shape: [])
    }

    /// A tensor whose elements are all `value` (Keras's `ops.full`).
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32) -> Tensor {
        Tensor.checkShape(shape, op: "full")
        var t = Tensor(uninitializedShape: shape, dtype: dtype)
        t.fill(with: value)
        return t
    }

    /// A tensor of zeros (Keras's `ops.zeros`).
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor.checkShape(shape, op: "zeros")
        return Tensor(shape: shape, dtype: dtype,
                      storage: .zeroed(byteCount: Shape.elementCount(shape) * dtype.byteSize))
    }

    /// A tensor of ones (Keras's `ops.ones`).
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        full(shape, value: 1, dtype: dtype)
    }

    /// Zeros with the shape and dtype of `other` (Keras's `ops.zeros_like`).
    public static func zeros(like other: Tensor, dtype: DType? = nil) -> Tensor {
        zeros(other.shape, dtype: dtype ?? other.dtype)
    }

    /// Ones with the shape and dtype of `other` (Keras's `ops.ones_like`).
    public static func ones(like other: Tensor, dtype: DType? = nil) -> Tensor {
        ones(other.shape, dtype: dtype ?? other.dtype)
    }

    /// Evenly spaced values in `[start, stop)` (Keras's `ops.arange`).
    ///
    /// ```swift
    /// Tensor.arange(5)                      // [0, 1, 2, 3, 4] as int32
    /// Tensor.arange(0, 1, step: 0.25)       // [0, 0.25, 0.5, 0.75] as float32
    /// ```
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1, dtype: DType? = nil) -> Tensor {
        guard step != 0 else { opFailure("arange", "step must not be zero.") }
        let n = Swift.max(0, Int(((stop - start) / step).rounded(.up)))
        let isIntegral = start.rounded() == start && stop.rounded() == stop && step.rounded() == step
        let dt = dtype ?? (isIntegral ? .int32 : .float32)
        return Tensor((0..<n).map { start + Double($0) * step }, shape: [n], dtype: dt)
    }

    /// `0, 1, ..., stop - 1` as `int32` (or `dtype`).
    public static func arange(_ stop: Int, dtype: DType = .int32) -> Tensor {
        arange(0, Double(stop), step: 1, dtype: dtype)
    }

    /// `count` evenly spaced values from `start` to `stop` inclusive (Keras's `ops.linspace`).
    public static func linspace(_ start: Double, _ stop: Double, count: Int, endpoint: Bool = true,
                                dtype: DType = .float32) -> Tensor {
        guard count >= 0 else { opFailure("linspace", "count must be non-negative, got \(count).") }
        let divisions = endpoint ? count - 1 : count
        let step = divisions > 0 ? (stop - start) / Double(divisions) : 0
        var values = (0..<count).map { start + Double($0) * step }
        if endpoint, count > 1 { values[count - 1] = stop }
        return Tensor(values, shape: [count], dtype: dtype)
    }

    /// A matrix with ones on the `k`-th diagonal and zeros elsewhere (Keras's `ops.eye`).
    public static func eye(_ rows: Int, columns: Int? = nil, k: Int = 0, dtype: DType = .float32) -> Tensor {
        let cols = columns ?? rows
        Tensor.checkShape([rows, cols], op: "eye")
        var values = [Double](repeating: 0, count: rows * cols)
        for r in 0..<rows where r + k >= 0 && r + k < cols { values[r * cols + r + k] = 1 }
        return Tensor(values, shape: [rows, cols], dtype: dtype)
    }

    // MARK: Helpers

    static func checkShape(_ shape: [Int], op: String) {
        if let bad = shape.first(where: { $0 < 0 }) {
            opFailure(op, "shape \(shape) has a negative dimension \(bad); every dimension must be >= 0.")
        }
    }

    static func checkCount(_ count: Int, _ shape: [Int]) {
        checkShape(shape, op: "Tensor.init")
        let expected = Shape.elementCount(shape)
        guard count == expected else {
            opFailure("Tensor.init", "\(count) values cannot fill shape \(Shape.describe(shape)), which holds \(expected); pass \(expected) values or another shape.")
        }
    }

    static func store<T: TensorScalar>(_ values: [Double], as type: T.Type, into raw: UnsafeMutableRawPointer) {
        let p = raw.bindMemory(to: T.self, capacity: values.count)
        for i in values.indices { p[i] = T(castingDouble: values[i]) }
    }

    static func store<T: TensorScalar>(_ values: [Int64], as type: T.Type, into raw: UnsafeMutableRawPointer) {
        let p = raw.bindMemory(to: T.self, capacity: values.count)
        for i in values.indices { p[i] = T(castingInt64: values[i]) }
    }

    mutating func fill(with value: Double) {
        let n = count
        let dtype = self.dtype
        withUniqueStorage { raw in
            withScalarType(dtype) { T in Tensor.fillRaw(raw, as: T, count: n, value: value) }
        }
    }

    private static func fillRaw<T: TensorScalar>(_ raw: UnsafeMutableRawPointer, as type: T.Type, count: Int, value: Double) {
        raw.bindMemory(to: T.self, capacity: count).initialize(repeating: T(castingDouble: value), count: count)
    }
}
