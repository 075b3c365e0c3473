// Dataspace message (0x01): scalar, simple (N-d, dimensions may be 0) or null.

/// The shape of a dataset or attribute.
struct Dataspace: Sendable, Equatable {
    enum Kind: Sendable { case scalar, simple, null }
    let kind: Kind
    /// The dimensions (`[]` for scalar and null).
    let dims: [Int]
    /// The number of elements: 1 for scalar, 0 for null, the product of `dims` otherwise.
    let count: Int

    /// The shape as the public API gives it: null reads as `[0]`.
    var shape: [Int] { kind == .null ? [0] : dims }

    static let scalar = Dataspace(kind: .scalar, dims: [], count: 1)

    /// A simple dataspace; throws when the element count overflows.
    static func simple(_ dims: [Int]) throws -> Dataspace {
        Dataspace(kind: .simple, dims: dims, count: try elementCount(dims))
    }

    /// The product of `dims`, or a thrown error when it does not fit in `Int`.
    static func elementCount(_ dims: [Int]) throws -> Int {
        var count = 1
        for d in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !overflow else {
                throw HDF5Error(.limitExceeded, "the dimensions \(dims) hold more elements than can be addressed")
            }
            count = product
        }
        return count
    }
}

enum DataspaceMessage {
    /// HDF5's own limit on rank.
    static let maxRank = 32

    static func parse(_ r: inout ByteReader) throws -> Dataspace {
        let version = try r.u8("dataspace version")
        let rank = Int(try r.u8("dataspace rank")), flags = try r.u8("dataspace flags")
        guard rank <= maxRank else {
            throw HDF5Error(.corrupt, "\(r.location): dataspace rank \(rank) exceeds HDF5's maximum of \(maxRank)")
        }
        var kind: Dataspace.Kind
        switch version {
        case 1:
            try r.skip(5, "dataspace reserved bytes")
            kind = rank == 0 ? .scalar : .simple
        case 2:
            switch try r.u8("dataspace type") {
            case 0: kind = .scalar
            case 1: kind = .simple
            case 2: kind = .null
            case let t: throw HDF5Error(.corrupt, "\(r.location): dataspace type \(t) (expected 0 scalar, 1 simple, 2 null)")
            }
        default:
            throw HDF5Error(.unsupported, "\(r.location): dataspace message version \(version) (expected 1 or 2)")
        }
        guard flags & 0x02 == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): dataspaces with a dimension permutation")
        }
        guard kind == .simple || rank == 0 else {
            throw HDF5Error(.corrupt, "\(r.location): a \(kind) dataspace with rank \(rank)")
        }
        if kind == .simple && rank == 0 { kind = .scalar }
        var dims: [Int] = []
        for i in 0..<rank {
            dims.append(try r.length(maximum: Int.max, "dimension \(i)"))
        }
        if flags & 0x01 != 0 { try r.skip(8 * rank, "maximum dimensions") }
        switch kind {
        case .scalar: return .scalar
        case .null: return Dataspace(kind: .null, dims: [], count: 0)
        case .simple:
            do { return try .simple(dims) } catch let error as HDF5Error {
                throw HDF5Error(error.kind, "\(r.location): \(error.message)")
            }
        }
    }
}
