/// A dataset of an HDF5 file: its shape, element type and attributes. Elements are read on
/// demand with ``readRawLittleEndian()`` and the typed readers.
///
/// ```swift
/// let kernel = try file.root.dataset("layers/dense/vars/0")
/// print(kernel.shape, kernel.datatype)        // [4, 3] float32
/// let values = try kernel.readFloats()         // 12 floats in C order
/// ```
public struct HDF5Dataset: Sendable {
    /// The link name under which the parent holds the dataset.
    public let name: String
    /// The absolute path, e.g. `/layers/dense/vars/0`.
    public let path: String
    /// The dimensions; `[]` for a scalar; a null dataspace reads as `[0]`.
    public let shape: [Int]
    /// The element type.
    public let datatype: HDF5Datatype
    /// The attributes, in creation order when the file tracks it, otherwise by name.
    public let attributes: [HDF5Attribute]
    let storage: DatasetStorage

    init(name: String, path: String, attributes: [HDF5Attribute], storage: DatasetStorage) {
        self.name = name
        self.path = path
        self.shape = storage.space.shape
        self.datatype = storage.type.datatype
        self.attributes = attributes
        self.storage = storage
    }

    /// The number of elements (1 for a scalar).
    public var elementCount: Int { storage.space.count }

    /// The attribute called `name`, or `nil`.
    public func attribute(_ name: String) -> HDF5Attribute? {
        attributes.first { $0.name == name }
    }
}

/// What a dataset's elements are and where they live, kept for reading on demand.
struct DatasetStorage: Sendable {
    let image: FileImage
    let type: StoredType
    let space: Dataspace
    let layout: Layout
    let filters: [Filter]
    /// The fill value for never-written storage (`nil`: zeros).
    let fill: [UInt8]?
    let path: String
}
