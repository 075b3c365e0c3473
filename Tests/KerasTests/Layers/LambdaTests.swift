import Testing
@testable import Keras

@Suite struct LambdaTests {
    @Test func layerChecks() throws {
        try checkLayer({ Lambda(dtype: $0) { x in x * x + 1 } }, inputShape: [2, 3], outputShape: [2, 3])
        try checkLayer({ Lambda(outputShape: [6], dtype: $0) { x in x.reshaped(to: [x.shape[0], 6]) } }, inputShape: [2, 3, 2], outputShape: [2, 6])
    }

    @Test func computesAndInfersShapes() throws {
        let square = Lambda { $0 * $0 }
        #expect(try square(Tensor([1.0, 2, 3])).doubles == [1, 4, 9])
        // Probed: the batch axis comes out unknown, the rest known.
        let sum = Lambda { $0.sum(axes: [2]) }
        #expect(try sum(Input(shape: [4, 5])).shape == [nil, 4])
        let fixed = Lambda(outputShape: [10]) { x in x }
        #expect(try fixed.computeOutputShape([nil, 10]) == [nil, 10])
        let computed = Lambda(outputShapeFunction: { s in [s[0], s[1].map { $0 / 2 }] }) { x in
            x.reshaped(to: [x.shape[0], x.shape[1] / 2, 2]).sum(axes: [2])
        }
        #expect(try computed(Input(shape: [8])).shape == [nil, 4])
        #expect(try computed(Tensor.ones([3, 8])).shape == [3, 4])
    }

    @Test func errorsFromTheClosurePropagate() {
        struct Boom: Error {}
        #expect(throws: Boom.self) { _ = try Lambda { _ in throw Boom() }(Tensor.ones([2])) }
    }

    @Test func masksOnlyWithAMaskFunction() throws {
        let plain = Lambda { $0 }
        #expect(!plain.supportsMasking)
        #expect(try plain.computeMask([Tensor.ones([2])], masks: [Tensor([true, false])]) .first! == nil)
        let masked = Lambda(mask: { x, _ in greater(x, Tensor(0.0)) }) { $0 }
        #expect(masked.supportsMasking)
        #expect(try masked.computeMask([Tensor([1.0, -1])], masks: [nil])[0]?.doubles == [1, 0])
    }

    @Test func cannotBeSaved() {
        let layer = Lambda { $0 }
        #expect(!layer.isSaveable)
        expectKerasError(.unsupported, containing: ["Lambda layers cannot be saved", layer.name]) { try layer.checkSaveable() }
    }

    /// Lambda is not registered: serializing it, or a layer or model holding it, throws
    /// `.unsupported` rather than writing a config Keras could not load.
    @Test func serializingALambdaThrows() throws {
        #expect(!LayerRegistry.knownClassNames.contains("Lambda"))
        let square = Lambda(name: "square") { $0 * $0 }
        expectKerasError(.unsupported, containing: ["\"square\"", "Lambda", "KerasSerializable"]) {
            _ = try square.serializedKerasObject()
        }
        LayerRegistry.register(LambdaHolder.self, package: "LambdaTests")
        let holder = LambdaHolder(inner: Lambda(name: "inner_fn") { $0 + 1 })
        _ = try holder(Tensor.ones([2, 3]))
        expectKerasError(.unsupported, containing: ["\"inner_fn\"", "Lambda"]) { _ = try holder.serializedKerasObject() }
        // A model holding one cannot be saved either.
        let model = try Sequential([Dense(2), Lambda(name: "in_model") { $0 }], input: Input(shape: [3]))
        expectKerasError(.unsupported, containing: []) { _ = try model.serializedKerasObject() }
    }
}

/// A registered layer that holds a Lambda, for the serialization test.
private final class LambdaHolder: Layer, KerasSerializable {
    let inner: Lambda
    init(inner: Lambda) { self.inner = inner; super.init() }
    static let kerasConfigKeys: [String] = []
    convenience init(config: LayerConfig) throws { self.init(inner: Lambda { $0 }) }
    override func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { try inner(input) }
}
