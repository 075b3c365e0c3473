/// Builds an HDF5 file in memory, then writes it out in one piece.
///
/// The output uses the minimal subset every HDF5 reader accepts (superblock version 0,
/// version 1 object headers, symbol-table groups, contiguous storage), so h5py, libhdf5 and
/// Keras open it. Groups hold any number of children; readers list them in name order.
///
/// ```swift
/// let writer = HDF5Writer()
/// let vars = try writer.root.group("layers/dense/vars")
/// try vars.setAttribute("name", .strings(["dense"]))
/// try vars.createDataset("0", shape: [4, 3], floats: kernel)
/// try writer.write(to: "model.weights.h5")
/// ```
public final class HDF5Writer {
    /// The root group (`/`).
    public let root: Group

    /// An empty file: a root group without children or attributes.
    public init() {
        root = Group(name: "", path: "/")
    }

    /// The file's bytes.
    ///
    /// - Throws: ``HDF5Error`` (`.invalidArgument`) when a header would exceed HDF5's limits.
    public func bytes() throws -> [UInt8] {
        var builder = FileBuilder()
        return try builder.build(root)
    }

    /// Writes the file to `path` atomically: to a temporary file beside it, flushed to disk,
    /// then renamed over `path`, so a crash never leaves a half-written file.
    ///
    /// - Throws: ``HDF5Error`` (`.io`) when the file system refuses, or as ``bytes()``.
    public func write(to path: String) throws {
        try POSIXFile.writeAtomically(try bytes(), to: path)
    }

    /// A group being built: named subgroups and datasets, and attributes.
    public final class Group {
        /// The link name under which the parent holds the group (`""` for the root).
        public let name: String
        /// The absolute path (`/` for the root).
        public let path: String
        var attributes = AttributeList()
        var children: [String: Child] = [:]

        enum Child {
            case group(Group)
            case dataset(Dataset)
        }

        init(name: String, path: String) {
            self.name = name
            self.path = path
        }

        /// The names of the children, in name order (the order readers list them in).
        public var childNames: [String] {
            children.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }

        /// The group at the relative `path` ("a/b/c"), creating missing groups on the way.
        ///
        /// - Throws: ``HDF5Error`` (`.invalidArgument`) for an invalid name, or when a
        ///   component is already a dataset.
        public func group(_ path: String) throws -> Group {
            var current = self
            for component in try Self.components(of: path) {
                switch current.children[component] {
                case .group(let g)?:
                    current = g
                case .dataset?:
                    throw HDF5Error(.invalidArgument, "\(current.childPath(component)) is a dataset, so it cannot hold groups")
                case nil:
                    let g = Group(name: component, path: current.childPath(component))
                    current.children[component] = .group(g)
                    current = g
                }
            }
            return current
        }

        /// Adds a dataset of `shape` whose elements are `littleEndianBytes` in C order, the
        /// fastest way to store tensors (float16 and bfloat16 included, as their bits).
        ///
        /// - Parameters:
        ///   - path: the dataset's name, or a relative path whose groups are created.
        ///   - shape: the dimensions; `[]` for a scalar.
        ///   - datatype: any type but ``HDF5Datatype/variableString(charset:)``.
        ///   - littleEndianBytes: exactly `shape.product * datatype.elementSize` bytes.
        /// - Throws: ``HDF5Error`` (`.invalidArgument`) for a name in use, a byte count that
        ///   does not match, or an unsupported type.
        @discardableResult
        public func createDataset(_ path: String, shape: [Int], datatype: HDF5Datatype,
                                  littleEndianBytes: [UInt8]) throws -> Dataset {
            try datatype.validateForWriting()
            if case .variableString = datatype {
                throw HDF5Error(.invalidArgument, "variable-length strings have no raw form; use createDataset(_:value:shape:datatype:) with .strings")
            }
            let count = try Self.elementCount(shape)
            let (expected, overflow) = count.multipliedReportingOverflow(by: datatype.elementSize)
            guard !overflow, littleEndianBytes.count == expected else {
                throw HDF5Error(.invalidArgument, "dataset \(childPath(path)) of shape \(shape) and type \(datatype) needs \(expected) bytes, got \(littleEndianBytes.count)")
            }
            return try insert(path, Dataset(name: "", path: "", shape: shape, datatype: datatype, payload: .raw(littleEndianBytes)))
        }

        /// Adds a dataset holding `value`.
        ///
        /// - Parameters:
        ///   - path: the dataset's name, or a relative path whose groups are created.
        ///   - value: the elements in C order.
        ///   - shape: the dimensions; by default a scalar for one element, else one dimension.
        ///   - datatype: by default the type h5py picks: int64, uint64, float64, bool,
        ///     variable-length UTF-8 strings, 1-byte opaque.
        /// - Throws: ``HDF5Error`` (`.invalidArgument`) when the value does not fit the
        ///   datatype or shape, or the name is in use.
        @discardableResult
        public func createDataset(_ path: String, value: HDF5Value, shape: [Int]? = nil,
                                  datatype: HDF5Datatype? = nil) throws -> Dataset {
            let type = datatype ?? value.naturalDatatype
            try type.validateForWriting()
            let dims = shape ?? Self.defaultShape(value, type)
            let count = try Self.elementCount(dims)
            let payload: Dataset.Payload
            if case .variableString(let charset) = type {
                guard case .strings(let strings) = value, strings.count == count else {
                    throw HDF5Error(.invalidArgument, "dataset \(childPath(path)): \(value.count) \(value.kindName) for \(count) variable-length strings")
                }
                for s in strings { _ = try ElementEncoding.checkedString(s, charset) }
                payload = .strings(strings)
            } else {
                payload = .raw(try ElementEncoding.encode(value, as: type, count: count) { _ in [] })
            }
            return try insert(path, Dataset(name: "", path: "", shape: dims, datatype: type, payload: payload))
        }

        /// Adds a float32 dataset of `shape` holding `floats` in C order.
        @discardableResult
        public func createDataset(_ path: String, shape: [Int], floats: [Float]) throws -> Dataset {
            var bytes = [UInt8](repeating: 0, count: 4 * floats.count)
            for (i, f) in floats.enumerated() {
                let b = f.bitPattern
                bytes[4 * i] = UInt8(truncatingIfNeeded: b)
                bytes[4 * i + 1] = UInt8(truncatingIfNeeded: b >> 8)
                bytes[4 * i + 2] = UInt8(truncatingIfNeeded: b >> 16)
                bytes[4 * i + 3] = UInt8(truncatingIfNeeded: b >> 24)
            }
            return try createDataset(path, shape: shape, datatype: .float(bytes: 4), littleEndianBytes: bytes)
        }

        /// Sets (or replaces) the attribute `name`.
        ///
        /// - Parameters:
        ///   - value: the elements in C order, e.g. `.strings(["dense"])`.
        ///   - shape: by default a scalar for one element, else one dimension (`[1]` makes a
        ///     one-element array).
        ///   - datatype: by default the type h5py picks for the value (strings become
        ///     variable-length UTF-8).
        /// - Throws: ``HDF5Error`` (`.invalidArgument`) when the value does not fit.
        public func setAttribute(_ name: String, _ value: HDF5Value, shape: [Int]? = nil, datatype: HDF5Datatype? = nil) throws {
            try attributes.set(name, value, shape: shape, datatype: datatype, owner: path)
        }

        func childPath(_ name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

        private func insert(_ path: String, _ dataset: Dataset) throws -> Dataset {
            var components = try Self.components(of: path)
            guard let last = components.popLast() else {
                throw HDF5Error(.invalidArgument, "a dataset needs a name (got \"\(path)\")")
            }
            let parent = try group(components.joined(separator: "/"))
            guard parent.children[last] == nil else {
                throw HDF5Error(.invalidArgument, "\(parent.childPath(last)) already exists")
            }
            let placed = Dataset(name: last, path: parent.childPath(last), shape: dataset.shape,
                                 datatype: dataset.datatype, payload: dataset.payload)
            parent.children[last] = .dataset(placed)
            return placed
        }

        static func components(of path: String) throws -> [String] {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            for part in parts where part == "." || part.utf8.contains(0) {
                throw HDF5Error(.invalidArgument, "\"\(part)\" is not a valid HDF5 link name")
            }
            return parts
        }

        static func elementCount(_ shape: [Int]) throws -> Int {
            guard shape.count <= 32, shape.allSatisfy({ $0 >= 0 }) else {
                throw HDF5Error(.invalidArgument, "shape \(shape): HDF5 needs at most 32 non-negative dimensions")
            }
            return try Dataspace.elementCount(shape)
        }

        static func defaultShape(_ value: HDF5Value, _ type: HDF5Datatype) -> [Int] {
            let count = type.isOpaque ? value.count / max(1, type.elementSize) : value.count
            return count == 1 ? [] : [count]
        }
    }

    /// A dataset being built; its elements are fixed when it is created.
    public final class Dataset {
        /// The link name under which the parent holds the dataset.
        public let name: String
        /// The absolute path.
        public let path: String
        /// The dimensions; `[]` for a scalar.
        public let shape: [Int]
        /// The element type.
        public let datatype: HDF5Datatype
        var attributes = AttributeList()
        let payload: Payload

        enum Payload {
            case raw([UInt8])
            case strings([String])
        }

        init(name: String, path: String, shape: [Int], datatype: HDF5Datatype, payload: Payload) {
            self.name = name
            self.path = path
            self.shape = shape
            self.datatype = datatype
            self.payload = payload
        }

        /// Sets (or replaces) the attribute `name`; see ``Group/setAttribute(_:_:shape:datatype:)``.
        public func setAttribute(_ name: String, _ value: HDF5Value, shape: [Int]? = nil, datatype: HDF5Datatype? = nil) throws {
            try attributes.set(name, value, shape: shape, datatype: datatype, owner: path)
        }
    }
}

/// Attributes in the order they were first set.
struct AttributeList {
    private(set) var items: [HDF5Attribute] = []

    mutating func set(_ name: String, _ value: HDF5Value, shape: [Int]?, datatype: HDF5Datatype?, owner: String) throws {
        guard !name.isEmpty, !name.utf8.contains(0) else {
            throw HDF5Error(.invalidArgument, "attribute names must be non-empty and free of NUL (on \(owner))")
        }
        let type = datatype ?? value.naturalDatatype
        try type.validateForWriting()
        let dims = shape ?? HDF5Writer.Group.defaultShape(value, type)
        let count = try HDF5Writer.Group.elementCount(dims)
        // Encode once now, so that a value that does not fit fails here rather than at write time.
        let data = try ElementEncoding.encode(value, as: type, count: count) { _ in [UInt8](repeating: 0, count: 16) }
        let size = 16 + 3 * 8 + MessageEncoding.datatype(type).count + 8 + 8 * dims.count + name.utf8.count + data.count
        guard size <= 0xFFFF else {
            throw HDF5Error(.invalidArgument, "attribute \"\(name)\" on \(owner) needs about \(size) bytes; attributes are limited to 64 KiB (store large data as a dataset)")
        }
        let attribute = HDF5Attribute(name: name, datatype: type, shape: dims, value: value)
        if let i = items.firstIndex(where: { $0.name == name }) {
            items[i] = attribute
        } else {
            items.append(attribute)
        }
    }
}
