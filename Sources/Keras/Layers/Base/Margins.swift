/// Amounts to add or remove before and after each spatial axis: Keras's `padding` of
/// `ZeroPadding*D` and `cropping` of `Cropping*D`, in the same three forms.
///
/// - `2`: 2 before and after every axis;
/// - `[1, 2]`: symmetric amounts per axis (1 on both sides of the first axis, 2 of the second);
///   for the 1-D layers, `[1, 2]` means 1 before and 2 after, as in Keras;
/// - `[[1, 0], [2, 3]]`: a (before, after) pair per axis.
///
/// ```swift
/// let pad = try ZeroPadding2D(padding: [[1, 0], [2, 3]])
/// let crop = try Cropping2D(cropping: 2)
/// ```
public struct Margins: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                       CustomStringConvertible {
    /// One entry per axis (a symmetric amount or a pair), or `nil` for a single integer.
    public var entries: [PerAxis]?
    /// The single integer for every side of every axis, when given that way.
    public var uniform: Int?

    /// The same amount on both sides of every axis.
    public init(_ value: Int) { uniform = value }

    /// One entry per axis: a symmetric amount or a (before, after) pair.
    public init(_ entries: [PerAxis]) { self.entries = entries }

    /// The same amount on both sides of every axis: `padding: 1`.
    public init(integerLiteral value: Int) { uniform = value }

    /// One entry per axis: `padding: [1, 2]` or `padding: [[1, 0], [2, 3]]`.
    public init(arrayLiteral elements: PerAxis...) { entries = elements }

    /// `1`, `(1, 2)` or `((1, 0), (2, 3))`, as Keras prints it.
    public var description: String {
        if let uniform { return "\(uniform)" }
        let parts = (entries ?? []).map(\.description)
        return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    }

    /// (before, after) for each of `rank` axes, validated as Keras's layers do.
    ///
    /// - Throws: ``KerasError`` naming `layer` and `argument` for a negative amount or a form
    ///   that does not fit `rank` axes.
    func resolved(rank: Int, argument: String, layer: String) throws -> [PadWidth] {
        func fail() -> KerasError {
            let forms = rank == 1
                ? "an integer or a (before, after) pair"
                : "an integer, \(rank) symmetric amounts or \(rank) (before, after) pairs"
            return KerasError(.invalidArgument, "\(layer) expects `\(argument)` to be \(forms), all >= 0, but received \(argument)=\(self).")
        }
        var result: [PadWidth]
        if let uniform {
            result = [PadWidth](repeating: PadWidth(uniform, uniform), count: rank)
        } else if let entries {
            if rank == 1 && entries.count == 2 && entries.allSatisfy({ $0.values.count == 1 }) {
                result = [PadWidth(entries[0].values[0], entries[1].values[0])]
            } else {
                guard entries.count == rank else { throw fail() }
                result = try entries.map { entry in
                    guard let pair = entry.expanded(to: 2) else { throw fail() }
                    return PadWidth(pair[0], pair[1])
                }
            }
        } else {
            throw fail()
        }
        guard result.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else { throw fail() }
        return result
    }
}
