// Typed reads of a dataset's elements.

extension HDF5Dataset {
    /// The elements as little-endian bytes in C order: `elementCount * datatype.elementSize`
    /// bytes (big-endian files are converted). This is the fastest read and the one for types
    /// without a Swift counterpart (float16, opaque bfloat16).
    ///
    /// - Throws: ``HDF5Error`` for corrupt or unsupported storage, and `.typeMismatch` for
    ///   variable-length strings, which have no fixed-size form (use ``readStrings()``).
    public func readRawLittleEndian() throws -> [UInt8] {
        if case .variableString = datatype {
            throw HDF5Error(.typeMismatch, "\(path) holds variable-length strings, which have no fixed-size raw form; use readStrings()")
        }
        let stored = try DatasetReader.storedBytes(storage)
        return ElementDecoding.littleEndian(stored, size: storage.type.size, bigEndian: storage.type.bigEndian)
    }

    /// The elements decoded by type (see ``HDF5Value``).
    public func readValue() throws -> HDF5Value {
        let stored = try DatasetReader.storedBytes(storage)
        var heap = GlobalHeap(image: storage.image)
        var budget = WorkBudget(fileSize: storage.image.count)
        do {
            return try ElementDecoding.decode(stored, 0..<stored.count, type: storage.type, count: elementCount,
                                              heap: &heap, budget: &budget)
        } catch let error as HDF5Error {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
    }

    /// The elements as `Float` in C order, converted from any float width (float64 rounds),
    /// integer or boolean type.
    ///
    /// - Throws: `.typeMismatch` for strings and opaque data.
    public func readFloats() throws -> [Float] {
        if case .float(4) = datatype {
            let raw = try readRawLittleEndian()
            return (0..<min(elementCount, raw.count / 4)).map { i in
                let b0 = UInt32(raw[4 * i]), b1 = UInt32(raw[4 * i + 1]), b2 = UInt32(raw[4 * i + 2]), b3 = UInt32(raw[4 * i + 3])
                return Float(bitPattern: b0 | b1 << 8 | b2 << 16 | b3 << 24)
            }
        }
        return try numbers("readFloats()").map { Float($0) }
    }

    /// The elements as `Double` in C order, converted from any numeric or boolean type.
    ///
    /// - Throws: `.typeMismatch` for strings and opaque data.
    public func readDoubles() throws -> [Double] {
        try numbers("readDoubles()")
    }

    /// The elements as `Int64` in C order, from integer, enumeration or boolean types.
    ///
    /// - Throws: `.typeMismatch` for floats, strings and opaque data, and for unsigned values
    ///   above `Int64.max`.
    public func readInt64s() throws -> [Int64] {
        let value = try readValue()
        guard let ints = value.int64s else {
            throw HDF5Error(.typeMismatch, "\(path) holds \(datatype) elements, which readInt64s() does not convert (values above Int64.max or non-integers); use \(suggestion)")
        }
        return ints
    }

    /// The elements as strings in C order (fixed-length padding removed).
    ///
    /// - Throws: `.typeMismatch` when the dataset does not hold strings.
    public func readStrings() throws -> [String] {
        switch datatype {
        case .fixedString, .variableString:
            return try readValue().strings ?? []
        default:
            throw HDF5Error(.typeMismatch, "\(path) holds \(datatype) elements, not strings; use \(suggestion)")
        }
    }

    private var suggestion: String {
        switch datatype {
        case .float: return "readFloats() or readDoubles()"
        case .integer, .bool, .enumeration: return "readInt64s() or readDoubles()"
        case .fixedString, .variableString: return "readStrings()"
        case .opaque: return "readRawLittleEndian()"
        }
    }

    private func numbers(_ caller: String) throws -> [Double] {
        switch datatype {
        case .float, .integer, .bool, .enumeration:
            guard let values = try readValue().doubles else {
                throw HDF5Error(.typeMismatch, "\(path): \(caller) could not convert \(datatype) elements")
            }
            return values
        default:
            throw HDF5Error(.typeMismatch, "\(path) holds \(datatype) elements, which \(caller) does not convert; use \(suggestion)")
        }
    }
}
