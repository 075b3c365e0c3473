/// One integer for every spatial axis, or one per axis: Keras's "an int or a tuple of ints"
/// (`kernel_size=3` or `kernel_size=(3, 5)`), as convolution, pooling and up-sampling layers take
/// their sizes, strides and dilation rates.
///
/// ```swift
/// let square = try Conv2D(16, kernelSize: 3)          // a 3×3 kernel
/// let wide = try Conv2D(16, kernelSize: [3, 5])       // a 3×5 kernel
/// let k = 7
/// let pool = try MaxPooling1D(poolSize: PerAxis(k))
/// ```
public struct PerAxis: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                       CustomStringConvertible {
    /// The values as given: one for all axes, or one per axis.
    public var values: [Int]

    /// The same value for every axis.
    public init(_ value: Int) { values = [value] }

    /// One value per axis (a single value applies to every axis).
    public init(_ values: [Int]) { self.values = values }

    /// The same value for every axis: `kernelSize: 3`.
    public init(integerLiteral value: Int) { values = [value] }

    /// One value per axis: `kernelSize: [3, 5]`.
    public init(arrayLiteral elements: Int...) { values = elements }

    /// `3` or `(3, 5)`, as Keras prints it.
    public var description: String {
        values.count == 1 ? "\(values[0])" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    /// The values for `rank` axes, or `nil` when there are neither 1 nor `rank` of them.
    func expanded(to rank: Int) -> [Int]? {
        if values.count == 1 { return [Int](repeating: values[0], count: rank) }
        return values.count == rank ? values : nil
    }

    /// The values for `rank` axes, validated as Keras's `standardize_tuple` does.
    ///
    /// - Throws: ``KerasError`` naming `layer` and the Keras `argument` when the count is wrong or
    ///   a value is below 1 (below 0 with `allowZero`).
    func resolved(rank: Int, argument: String, layer: String, allowZero: Bool = false) throws -> [Int] {
        let requirement = allowZero ? ">= 0" : "> 0"
        guard let result = expanded(to: rank), result.allSatisfy({ allowZero ? $0 >= 0 : $0 > 0 }) else {
            throw KerasError(.invalidArgument, "\(layer) expects `\(argument)` to be an integer or a tuple of \(rank) integers, each \(requirement), but received \(argument)=\(self). Pass one value for every axis (\(argument): 2) or one per axis.")
        }
        return result
    }
}
