// String tensors: text for the text preprocessing layers (Keras's `dtype="string"`).
//
// A `string` tensor's storage holds one 8-byte index per element into a table of texts the
// storage carries. Movement primitives move the indices and share the table, so slicing a batch
// out of a large dataset copies no text; equality compares interned indices.

extension Tensor {
    /// Makes a `string` tensor (Keras's `dtype="string"`), for the text preprocessing layers
    /// (``DType/string``).
    ///
    /// String tensors reshape, transpose, slice, gather (`take`), concatenate, stack, broadcast,
    /// flip, select with `where`, and compare with `equal`/`notEqual`; any other op stops with a
    /// message saying so.
    ///
    /// ```swift
    /// let texts = Tensor(strings: ["the cat sat", "a dog"], shape: [2, 1])
    /// texts.shape     // [2, 1]
    /// texts.strings   // ["the cat sat", "a dog"]
    /// ```
    ///
    /// - Parameters:
    ///   - strings: the elements in row-major order.
    ///   - shape: the shape; `[strings.count]` when `nil`.
    public init(strings: [String], shape: [Int]? = nil) {
        let shape = shape ?? [strings.count]
        guard Shape.elementCount(shape) == strings.count else {
            opFailure("Tensor(strings:shape:)", "\(strings.count) strings cannot fill shape \(Shape.describe(shape)), which holds \(Shape.elementCount(shape)).")
        }
        self.init(uninitializedShape: shape, dtype: .string)
        let ids = pointer(as: Int64.self)
        for i in 0..<strings.count { ids[i] = Int64(i) }
        storage.strings = strings
    }

    /// A scalar `string` tensor.
    public init(string: String) { self.init(strings: [string], shape: []) }

    /// The elements of a `string` tensor in row-major order.
    ///
    /// Stops with a message for any other dtype (numbers are read with ``scalars(as:)``).
    public var strings: [String] {
        guard dtype == .string else {
            opFailure("strings", "the tensor is \(dtype), not string; read numbers with scalars(as:) or doubles.")
        }
        let ids = pointer(as: Int64.self)
        let table = storage.strings
        return (0..<count).map { i in
            let id = Int(ids[i])
            return id >= 0 && id < table.count ? table[id] : ""
        }
    }
}
