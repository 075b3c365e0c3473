extension Tensor {
    /// The elements in row-major order, converted to `T` the way a cast converts them.
    ///
    /// ```swift
    /// Tensor([1.5, 2.5]).scalars(as: Float.self)   // [1.5, 2.5]
    /// ```
    public func scalars<T: TensorScalar>(as type: T.Type) -> [T] {
        let source = dtype == T.dtype ? self : KerasCore.cast(self, to: T.dtype)
        let p = source.pointer(as: T.self)
        return Array(UnsafeBufferPointer(start: p, count: count))
    }

    /// The elements as `Double`s, whatever the dtype: handy in tests and printing.
    public var doubles: [Double] {
        withScalarType(dtype) { T in readDoubles(T) }
    }

    /// The elements as `Float`s.
    public var floats: [Float] { scalars(as: Float.self) }

    /// The single element of a one-element tensor as a `Double` (numpy's `item()`).
    public func item() -> Double {
        guard count == 1 else {
            opFailure("item", "the tensor has shape \(Shape.describe(shape)) with \(count) elements; item() needs exactly one.")
        }
        return doubles[0]
    }

    /// The element at `indices` (one per axis, negative counts from the end) as a `Double`.
    public func scalar(at indices: [Int]) -> Double {
        guard indices.count == rank else {
            opFailure("scalar(at:)", "got \(indices.count) indices for a tensor of rank \(rank) with shape \(Shape.describe(shape)).")
        }
        var offset = 0
        let strides = Shape.strides(shape)
        for (axis, index) in indices.enumerated() {
            let i = index < 0 ? index + shape[axis] : index
            guard i >= 0 && i < shape[axis] else {
                opFailure("scalar(at:)", "index \(index) is out of range for axis \(axis) of size \(shape[axis]) in shape \(Shape.describe(shape)).")
            }
            offset += i * strides[axis]
        }
        return withScalarType(dtype) { T in readDouble(T, at: offset) }
    }

    private func readDoubles<T: TensorScalar>(_ type: T.Type) -> [Double] {
        let p = pointer(as: T.self)
        return (0..<count).map { p[$0].doubleValue }
    }

    private func readDouble<T: TensorScalar>(_ type: T.Type, at offset: Int) -> Double {
        pointer(as: T.self)[offset].doubleValue
    }
}

extension Tensor {
    /// Makes a tensor from its raw little-endian, row-major bytes (as `.npy` and HDF5 files hold them).
    ///
    /// - Precondition: `bytes.count == shape.product * dtype.byteSize`.
    public init(rawBytes bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) {
        let count = Shape.elementCount(shape)
        if dtype == .string { opFailure("Tensor(rawBytes:)", "string tensors are made from text with Tensor(strings:shape:).") }
        guard bytes.count == count * dtype.byteSize else {
            opFailure("Tensor(rawBytes:)", "\(bytes.count) bytes cannot hold shape \(Shape.describe(shape)) of \(dtype), which needs \(count * dtype.byteSize).")
        }
        self.init(uninitializedShape: shape, dtype: dtype)
        if let base = bytes.baseAddress, !bytes.isEmpty {
            storage.data.copyMemory(from: base, byteCount: bytes.count)
        }
    }

    /// Calls `body` with the tensor's raw bytes: row-major elements of ``dtype`` in the machine's
    /// (little-endian) byte order.
    public func withUnsafeRawBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if dtype == .string { opFailure("withUnsafeRawBytes", "string tensors have no raw element bytes; read them with `strings`.") }
        return try body(UnsafeRawBufferPointer(start: storage.data, count: count * dtype.byteSize))
    }
}
