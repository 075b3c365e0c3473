/// An n-dimensional array: Keras's tensor, as a Swift value.
///
/// A tensor is a `Sendable` struct holding a shape, a ``DType`` and copy-on-write storage, so
/// copies are cheap and never alias one another's writes. Ops follow `keras.ops` with numpy
/// broadcasting; every op is recorded for automatic differentiation while a gradient is being
/// taken (see ``valueWithGradients(at:_:)``) and costs nothing extra otherwise.
///
/// ```swift
/// let x = Tensor([1, 2, 3, 4], shape: [2, 2])      // float32
/// let y = relu(matmul(x, x.transposed()) - 10)
/// print(y)   // array([[0., 1.], [1., 15.]], dtype=float32)
/// ```
public struct Tensor: Sendable {
    /// The size of every axis; `[]` for a scalar.
    public let shape: [Int]
    /// The element type.
    public let dtype: DType
    /// The bytes, `shape.product * dtype.byteSize` of them, row-major (C order).
    var storage: TensorStorage
    /// Where this tensor sits on the active gradient tape, if it is being differentiated.
    var tapeHandle: TapeHandle?

    /// Wraps existing storage. `storage` must hold at least `count * dtype.byteSize` bytes.
    init(shape: [Int], dtype: DType, storage: TensorStorage) {
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
        self.tapeHandle = nil
    }

    /// A tensor of the given shape whose bytes are not yet written (kernels fill them).
    init(uninitializedShape shape: [Int], dtype: DType) {
        let count = Shape.elementCount(shape)
        self.init(shape: shape, dtype: dtype, storage: TensorStorage(byteCount: count * dtype.byteSize))
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of elements (1 for a scalar, 0 when an axis is empty).
    public var count: Int { Shape.elementCount(shape) }

    /// Where the tensor lives. Only the CPU holds tensors today.
    public var device: Device { .cpu }

    /// `true` while this tensor is being watched for gradients by the innermost active tape.
    public var isTracked: Bool { tapeHandle != nil && tapeHandle?.tapeID == GradientTape.current?.id }

    // MARK: Raw access for kernels

    /// A typed pointer to the elements. The caller must use the type that matches ``dtype``.
    func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        storage.data.assumingMemoryBound(to: T.self)
    }

    /// Gives `body` a writable pointer, copying the storage first if another tensor shares it.
    mutating func withUniqueStorage<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try body(storage.data)
    }

    /// The same elements under another shape with the same element count (no copy).
    func sharingStorage(shape newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, dtype: dtype, storage: storage)
    }
}

/// Where a tensor's memory lives.
public enum Device: Sendable, Hashable, CustomStringConvertible {
    /// Main memory, computed on by the CPU backend.
    case cpu

    /// `"cpu"`.
    public var description: String {
        switch self {
        case .cpu: return "cpu"
        }
    }
}
