/// A named value attached to a group or dataset.
///
/// ```swift
/// let vars = try file.root.group("layers/dense/vars")
/// let owner = vars.attribute("name")?.value.string    // "dense"
/// ```
public struct HDF5Attribute: Equatable, Sendable {
    /// The attribute's name.
    public let name: String
    /// The stored element type.
    public let datatype: HDF5Datatype
    /// The dimensions: `[]` for a scalar (one element); a null dataspace (no elements) reads
    /// as `[0]`.
    public let shape: [Int]
    /// The elements in C order.
    public let value: HDF5Value

    /// An attribute; the writer checks that `value` fits `datatype` and `shape`.
    public init(name: String, datatype: HDF5Datatype, shape: [Int], value: HDF5Value) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.value = value
    }
}
