import Synchronization

/// While a model file is being loaded, how many weight elements its layers may still create.
///
/// A file's weights are stored in the file, at least a byte per element, so a config that asks
/// for more than the file could hold is broken or hostile (`"units": 2000000000` in a 1 KB
/// file): ``Layer/addWeight(name:shape:initializer:regularizer:constraint:trainable:dtype:)``
/// refuses it before allocating, and memory stays bounded by the file's size.
final class WeightBudget: Sendable {
    /// The budget of the load in progress on this task, if any.
    @TaskLocal static var current: WeightBudget?

    /// Elements granted beyond the file's size, for weights a file may legitimately not store.
    static let slack = 1 << 20

    private let remaining: Mutex<Int>
    private let source: String

    private init(elements: Int, source: String) {
        remaining = Mutex(elements)
        self.source = source
    }

    /// Runs `body` (which builds a model from `source`, a file of `fileBytes` bytes) with a
    /// budget of weight elements bounded by the file's size.
    static func limiting<T>(toFileOf fileBytes: Int, source: String, _ body: () throws -> T) throws -> T {
        let budget = WeightBudget(elements: fileBytes + slack, source: source)
        return try $current.withValue(budget) { try body() }
    }

    /// Takes `count` elements for the weight `name` of `layer`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the budget is spent.
    func spend(_ count: Int, weight name: String, shape: [Int], layer: String) throws {
        let granted = remaining.withLock { left -> Bool in
            guard count <= left else { return false }
            left -= count
            return true
        }
        guard granted else {
            throw KerasError(.invalidConfig, "Layer \"\(layer)\" asks for a weight \"\(name)\" of shape \(Shape.describe(shape)) (\(count) elements), more than \(source) can hold. The config and the weights do not belong together, or the file is damaged.")
        }
    }
}
