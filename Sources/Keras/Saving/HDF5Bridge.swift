// Between the HDF5 module (which knows no tensors) and Keras's weights: opening files with
// Keras errors, and datasets as tensors.
import HDF5

enum HDF5Bridge {
    /// The HDF5 file in `bytes`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` carrying the HDF5 reader's precise message.
    static func open(_ bytes: [UInt8]) throws -> HDF5File {
        do { return try HDF5File(bytes: bytes) } catch let error as HDF5Error {
            throw KerasError(.invalidConfig, "not a readable HDF5 file: \(error.message)")
        }
    }

    /// A dataset's values as a tensor of the matching dtype: floats of 2, 4 and 8 bytes,
    /// integers of 1 (unsigned), 4 and 8 bytes, booleans, and h5py's 2-byte opaque bfloat16.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for other element types, `.invalidConfig` for
    ///   corrupt storage.
    static func tensor(_ dataset: HDF5Dataset) throws -> Tensor {
        guard Shape.isAddressable(dataset.shape) else {
            throw KerasError(.invalidConfig, "dataset \"\(dataset.path)\" declares the shape \(dataset.shape), too large to address.")
        }
        let dtype: DType
        switch dataset.datatype {
        case .float(bytes: 4): dtype = .float32
        case .float(bytes: 8): dtype = .float64
        case .float(bytes: 2): dtype = .float16
        case .integer(bytes: 4, signed: true): dtype = .int32
        case .integer(bytes: 8, signed: true): dtype = .int64
        case .integer(bytes: 1, signed: false): dtype = .uint8
        case .bool: dtype = .bool
        case .opaque(bytes: 2, _):
            guard dataset.attribute("dtype")?.value.string == "bfloat16" else {
                throw KerasError(.unsupported, "dataset \"\(dataset.path)\" holds 2-byte opaque elements without the \"dtype\" = \"bfloat16\" attribute Keras writes; swift-keras cannot tell what they are.")
            }
            dtype = .bfloat16
        case .integer:
            // Other integer widths (int8, int16, uint16, ...): widened to int64.
            let values: [Int64] = try read { try dataset.readInt64s() }
            return values.withUnsafeBytes { Tensor(rawBytes: $0, shape: dataset.shape, dtype: .int64) }
        default:
            throw KerasError(.unsupported, "dataset \"\(dataset.path)\" holds \(dataset.datatype) elements, which are not weights swift-keras reads (floats, integers, booleans).")
        }
        let raw = try read { try dataset.readRawLittleEndian() }
        guard raw.count == dataset.elementCount * dtype.byteSize else {
            throw KerasError(.invalidConfig, "dataset \"\(dataset.path)\" has \(raw.count) bytes for \(dataset.elementCount) elements of \(dtype).")
        }
        var bytes = raw
        if dtype == .bool { bytes = bytes.map { $0 != 0 ? 1 : 0 } }
        return Tensor.fromBytes(bytes, shape: dataset.shape, dtype: dtype)
    }

    private static func read<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as HDF5Error {
            throw KerasError(.invalidConfig, "reading the HDF5 file failed: \(error.message)")
        }
    }
}

extension HDF5Bridge {
    /// The bytes of an HDF5 file built by `build`.
    ///
    /// - Throws: ``KerasError`` `.invalidArgument` carrying the HDF5 writer's message.
    static func writing(_ build: (HDF5Writer) throws -> Void) throws -> [UInt8] {
        do {
            let writer = HDF5Writer()
            try build(writer)
            return try writer.bytes()
        } catch let error as HDF5Error {
            throw KerasError(.invalidArgument, "writing the HDF5 file failed: \(error.message)")
        }
    }

    /// Stores `tensor` as the dataset `name` of `group` in h5py's types; bfloat16 as 2-byte
    /// opaque elements with the attribute `dtype` = `"bfloat16"`, as Keras writes it.
    @discardableResult
    static func createDataset(_ name: String, _ tensor: Tensor, in group: HDF5Writer.Group) throws -> HDF5Writer.Dataset {
        let datatype: HDF5Datatype
        switch tensor.dtype {
        case .float32: datatype = .float(bytes: 4)
        case .float64: datatype = .float(bytes: 8)
        case .float16: datatype = .float(bytes: 2)
        case .bfloat16: datatype = .opaque(bytes: 2, tag: "")
        case .int32: datatype = .integer(bytes: 4, signed: true)
        case .int64: datatype = .integer(bytes: 8, signed: true)
        case .uint8: datatype = .integer(bytes: 1, signed: false)
        case .bool: datatype = .bool
        case .string:
            throw KerasError(.unsupported, "\(name): string tensors are not stored as HDF5 datasets; Keras keeps text (a lookup vocabulary) in the file's assets.")
        }
        var bytes: [UInt8] = []
        tensor.withUnsafeRawBytes { bytes = Array($0) }
        let dataset = try group.createDataset(name, shape: tensor.shape, datatype: datatype, littleEndianBytes: bytes)
        if tensor.dtype == .bfloat16 { try dataset.setAttribute("dtype", .strings(["bfloat16"]), shape: []) }
        return dataset
    }
}
