/// The primitives `string` tensors support, computed on their element indices.
///
/// Each string input is seen as an `int64` tensor of indices into a table; the int64 kernel moves
/// or compares the indices and the result takes the table back. Inputs with different tables are
/// first re-indexed into one table with every text once, so equal texts get equal indices.
enum StringKernels {
    static func execute(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
        switch primitive {
        case .reshape, .transpose, .broadcast, .slice, .flip, .concatenate, .take, .takeAlongAxis, .select:
            return moving(primitive, inputs)
        case .binary(.equal), .binary(.notEqual):
            guard inputs.allSatisfy({ $0.dtype == .string }) else { refuse(primitive, inputs) }
            let (indices, _) = commonIndices(inputs)
            return CPUBackend.shared.execute(primitive, indices)
        default:
            refuse(primitive, inputs)
        }
    }

    /// Moves indices with the int64 kernel; the non-string inputs (gather indices, a `where`
    /// condition) pass through unchanged.
    private static func moving(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
        let stringPositions: [Int]
        switch primitive {
        case .take, .takeAlongAxis: stringPositions = [0]
        case .select: stringPositions = [1, 2]
        default: stringPositions = Array(inputs.indices)
        }
        guard stringPositions.allSatisfy({ inputs[$0].dtype == .string }) else { refuse(primitive, inputs) }
        let (indices, table) = commonIndices(stringPositions.map { inputs[$0] })
        var operands = inputs
        for (k, position) in stringPositions.enumerated() { operands[position] = indices[k] }
        let moved = CPUBackend.shared.execute(primitive, operands)
        // A fresh storage takes the table; one shared with an input (a reshape) already has it,
        // since inputs are re-indexed into fresh storages whenever the table changes.
        moved.storage.strings = table
        return Tensor(shape: moved.shape, dtype: .string, storage: moved.storage)
    }

    /// The inputs as int64 index tensors into one table: the inputs' own table when they share
    /// it, else a table holding each text once.
    private static func commonIndices(_ inputs: [Tensor]) -> (indices: [Tensor], table: [String]) {
        let first = inputs[0].storage
        if inputs.allSatisfy({ $0.storage === first }) {
            return (inputs.map { Tensor(shape: $0.shape, dtype: .int64, storage: $0.storage) }, first.strings)
        }
        var table: [String] = []
        var position: [String: Int64] = [:]
        let indices = inputs.map { t -> Tensor in
            let ids = t.strings.map { text -> Int in
                if let id = position[text] { return Int(id) }
                position[text] = Int64(table.count)
                table.append(text)
                return table.count - 1
            }
            return Tensor(ids, shape: t.shape, dtype: .int64)
        }
        return (indices, table)
    }

    private static func refuse(_ primitive: Primitive, _ inputs: [Tensor]) -> Never {
        let dtypes = inputs.map(\.dtype.description).joined(separator: ", ")
        opFailure(primitive.name, "string tensors support only reshape, transpose, broadcast, slice, flip, concatenate, take, take_along_axis, where and equal/not_equal between strings (received dtypes \(dtypes)). Map text to numbers with a StringLookup or TextVectorization layer first.")
    }
}
