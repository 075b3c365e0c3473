import Testing
@testable import Keras

@Suite struct ActivationTests {
    static let input: [Double] = [-3.5, -1.2, -0.5, -0.25, 0.0, 0.3, 0.5, 1.0, 2.5, 4.0]

    // `keras.activations.get(name)(x)` in Keras 3.15.1 (JAX backend) on `input` as float32;
    // `threshold` was called as `threshold(x, 0.3, -1.0)`.
    static let expected: [(String, [Double])] = [
        ("celu", [-0.9698026180267334, -0.6988058090209961, -0.39346933364868164, -0.22119919955730438, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("elu", [-0.9698026180267334, -0.6988058090209961, -0.39346933364868164, -0.22119919955730438, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("exponential", [0.03019738383591175, 0.3011941909790039, 0.6065306663513184, 0.7788007855415344, 1.0, 1.3498587608337402, 1.6487212181091309, 2.7182817459106445, 12.182494163513184, 54.59815216064453]),
        ("gelu", [-0.0008142017759382725, -0.13808365166187286, -0.1542687714099884, -0.10032342374324799, 0.0, 0.1853734254837036, 0.3457312285900116, 0.8413447141647339, 2.48447585105896, 3.999873399734497]),
        ("glu", [-2.0105488300323486, -0.7469512224197388, -0.36552929878234863, -0.23103545606136322, 0.0]),
        ("hard_shrink", [-3.5, -1.2000000476837158, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.5, 4.0]),
        ("hard_sigmoid", [0.0, 0.30000001192092896, 0.4166666865348816, 0.4583333432674408, 0.5, 0.550000011920929, 0.5833333730697632, 0.6666666865348816, 0.9166666865348816, 1.0]),
        ("hard_silu", [-0.0, -0.36000001430511475, -0.2083333432674408, -0.1145833358168602, 0.0, 0.16500000655651093, 0.2916666865348816, 0.6666666865348816, 2.2916667461395264, 4.0]),
        ("hard_swish", [-0.0, -0.36000001430511475, -0.2083333432674408, -0.1145833358168602, 0.0, 0.16500000655651093, 0.2916666865348816, 0.6666666865348816, 2.2916667461395264, 4.0]),
        ("hard_tanh", [-1.0, -1.0, -0.5, -0.25, 0.0, 0.30000001192092896, 0.5, 1.0, 1.0, 1.0]),
        ("leaky_relu", [-0.699999988079071, -0.24000000953674316, -0.10000000149011612, -0.05000000074505806, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("linear", [-3.5, -1.2000000476837158, -0.5, -0.25, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("log_sigmoid", [-3.529750347137451, -1.4632824659347534, -0.9740769863128662, -0.825939416885376, -0.6931471824645996, -0.554355263710022, -0.4740769863128662, -0.3132616877555847, -0.07888973504304886, -0.018149929121136665]),
        ("log_softmax", [-7.820340156555176, -5.5203399658203125, -4.820340156555176, -4.570340156555176, -4.320340156555176, -4.020340442657471, -3.820340394973755, -3.320340394973755, -1.8203403949737549, -0.3203403949737549]),
        ("mish", [-0.10409574210643768, -0.3088357746601105, -0.22074377536773682, -0.12992696464061737, 0.0, 0.20800136029720306, 0.37524524331092834, 0.8650984764099121, 2.4713923931121826, 3.99741268157959]),
        ("relu", [0.0, 0.0, 0.0, 0.0, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("relu6", [0.0, 0.0, 0.0, 0.0, 0.0, 0.30000001192092896, 0.5, 1.0, 2.5, 4.0]),
        ("selu", [-1.7050093412399292, -1.2285699844360352, -0.6917582154273987, -0.38889017701148987, 0.0, 0.3152103126049042, 0.5253505110740662, 1.0507010221481323, 2.6267526149749756, 4.202804088592529]),
        ("sigmoid", [0.02931223064661026, 0.23147521913051605, 0.3775406777858734, 0.43782350420951843, 0.5, 0.5744425058364868, 0.622459352016449, 0.7310585975646973, 0.9241418242454529, 0.9820137619972229]),
        ("silu", [-0.10259281098842621, -0.2777702808380127, -0.1887703388929367, -0.10945587605237961, 0.0, 0.172332763671875, 0.3112296760082245, 0.7310585975646973, 2.310354471206665, 3.9280550479888916]),
        ("soft_shrink", [-3.0, -0.7000000476837158, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 2.0, 3.5]),
        ("softmax", [0.00040148498374037445, 0.004004485439509153, 0.00806404184550047, 0.01035443414002657, 0.01329535711556673, 0.01794685423374176, 0.0219203382730484, 0.036140527576208115, 0.1619706153869629, 0.7259019017219543]),
        ("softplus", [0.029750417917966843, 0.26328244805336, 0.4740769863128662, 0.575939416885376, 0.6931471824645996, 0.8543552756309509, 0.9740769863128662, 1.3132617473602295, 2.578889846801758, 4.0181498527526855]),
        ("softsign", [-0.7777777910232544, -0.5454545617103577, -0.3333333432674408, -0.20000000298023224, 0.0, 0.23076924681663513, 0.3333333432674408, 0.5, 0.7142857313156128, 0.800000011920929]),
        ("sparse_plus", [0.0, 0.0, 0.0625, 0.140625, 0.25, 0.42249995470046997, 0.5625, 1.0, 2.5, 4.0]),
        ("sparse_sigmoid", [0.0, 0.0, 0.25, 0.375, 0.5, 0.6499999761581421, 0.75, 1.0, 1.0, 1.0]),
        ("sparsemax", [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
        ("squareplus", [0.2655644416809082, 0.5661903619766235, 0.7807763814926147, 0.8827822208404541, 1.0, 1.1611874103546143, 1.2807763814926147, 1.6180340051651, 2.850780963897705, 4.236067771911621]),
        ("swish", [-0.10259281098842621, -0.2777702808380127, -0.1887703388929367, -0.10945587605237961, 0.0, 0.172332763671875, 0.3112296760082245, 0.7310585975646973, 2.310354471206665, 3.9280550479888916]),
        ("tanh", [-0.9981779456138611, -0.8336545825004578, -0.46211716532707214, -0.24491865932941437, 0.0, 0.2913126051425934, 0.46211716532707214, 0.7615941762924194, 0.9866143465042114, 0.9993292093276978]),
        ("tanh_shrink", [-2.501821994781494, -0.36634546518325806, -0.037882834672927856, -0.005081340670585632, 0.0, 0.008687406778335571, 0.037882834672927856, 0.23840582370758057, 1.5133856534957886, 3.000670909881592]),
    ]

    static func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 2e-6,
                            _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(label): \(actual.count) values", sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) where Swift.abs(a - e) > tolerance * Swift.max(1, Swift.abs(e)) {
            Issue.record("\(label): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test(arguments: 0..<expected.count)
    func matchesKeras(_ index: Int) throws {
        let (name, values) = Self.expected[index]
        let activation = try Activation.named(name)
        let y = activation(Tensor(Self.input, dtype: .float32))
        #expect(y.dtype == .float32)
        Self.expectClose(y.doubles, values, name)
    }

    @Test func thresholdMatchesKeras() {
        let y = Activation.threshold(0.3, defaultValue: -1)(Tensor(Self.input, dtype: .float32))
        Self.expectClose(y.doubles, [-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 0.5, 1.0, 2.5, 4.0], "threshold")
    }

    @Test func everyKerasNameIsKnown() {
        // Keras 3.15.1's `keras.src.activations.ALL_OBJECTS_DICT`.
        let kerasNames = ["celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
                          "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish",
                          "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign",
                          "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink",
                          "threshold"]
        #expect(Activation.knownNames == kerasNames)
        #expect(Set(Activation.all.map(\.name)).count == Activation.all.count)
    }

    @Test func sparsemaxReproducesKerasThreshold() {
        // Keras 3.15.1 gives these (its threshold differs from the textbook one when the support
        // has more than one element).
        let x = Tensor([0.5, 0.4, -1.0, 2.0, 1.5, 1.4], shape: [2, 3], dtype: .float32)
        Self.expectClose(Activation.sparsemax(x).doubles, [0.30000001192092896, 0.20000001788139343, 0, 0, 0, 0], "sparsemax")
    }

    @Test func softmaxUsesTheLastAxis() {
        let x = Tensor([1.0, 2, 3, 4], shape: [2, 2], dtype: .float64)
        Self.expectClose(Activation.softmax(x).doubles, [0.2689414213699951, 0.7310585786300049, 0.2689414213699951, 0.7310585786300049], tolerance: 1e-12, "softmax")
        #expect(Activation.glu(x).shape == [2, 1])
    }

    @Test func aliasesAndConfigs() throws {
        #expect(try Activation.named("swish") == .silu)
        #expect(try Activation.named("hard_swish") == .hardSilu)
        #expect(Activation.swish.kerasConfig == "silu")
        #expect(Activation.hardSwish.kerasConfig.serialized() == #""hard_silu""#)
        #expect(try Activation(keras: .null) == .linear)
        #expect(try Activation(keras: "gelu") == .gelu)
        let dict = try JSONValue(parsing: #"{"module": "builtins", "class_name": "function", "config": "relu", "registered_name": "function"}"#)
        #expect(try Activation(keras: dict) == .relu)
        for activation in Activation.all {
            #expect(try Activation(keras: activation.kerasConfig) == activation)
        }
        #expect(throws: KerasError.self) { try Activation(keras: 3) }
        #expect(throws: KerasError.self) { try Activation(keras: ["class_name": "ReLU", "config": [:]]) }
        #expect(throws: KerasError.self) { try Activation.named("threshold") }
    }

    @Test func unknownNamesSuggestTheNearest() {
        do {
            _ = try Activation.named("rleu")
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .unknownName)
            #expect(error.message.hasPrefix(#"Unknown activation "rleu". Did you mean "relu"?"#), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func customActivations() throws {
        let cube = Activation.custom(name: "cube") { x in x * x * x }
        #expect(cube(Tensor([2.0])).doubles == [8])
        #expect(cube != Activation.custom(name: "square") { $0 * $0 })
        #expect(cube.kerasConfig.serialized() == #"{"module": "builtins", "class_name": "function", "config": "cube", "registered_name": "function"}"#)
        #expect(throws: KerasError.self) { try Activation(keras: cube.kerasConfig) }
    }
}
