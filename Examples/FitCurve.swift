#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Keras

/// Fits `y = sin(x)` on [-π, π] with a 1-32-1 tanh network, a custom training loop and plain
/// gradient descent with momentum, printing the loss as it falls.
enum FitCurve {
    static func run() throws {
        let x = Tensor.linspace(-Double.pi, Double.pi, count: 256).reshaped(to: [256, 1])
        let y = sin(x)

        // Glorot-uniform weights from a fixed seed, zero biases (Keras's Dense defaults).
        let limit1 = (6.0 / (1 + 32)).squareRoot()
        let w1 = Variable(Random.uniform([1, 32], min: -limit1, max: limit1, seed: 1), name: "dense/kernel")
        let b1 = Variable(Tensor.zeros([32]), name: "dense/bias")
        let limit2 = (6.0 / (32 + 1)).squareRoot()
        let w2 = Variable(Random.uniform([32, 1], min: -limit2, max: limit2, seed: 2), name: "dense_1/kernel")
        let b2 = Variable(Tensor.zeros([1]), name: "dense_1/bias")
        let variables = [w1, b1, w2, b2]
        var velocity = variables.map { Tensor.zeros(like: $0.value) }

        func predict(_ x: Tensor) -> Tensor {
            matmul(tanh(matmul(x, w1.value) + b1.value), w2.value) + b2.value
        }

        print("Fitting sin(x) with a 1-32-1 network (\(variables.map { $0.value.count }.reduce(0, +)) parameters)")
        for step in 0...2000 {
            let (loss, gradients) = valueWithGradients(of: variables) {
                square(predict(x) - y).mean()
            }
            for i in variables.indices {
                velocity[i] = velocity[i] * 0.9 - gradients[i] * 0.05
                variables[i].assign(variables[i].value + velocity[i])
            }
            if step % 250 == 0 {
                print("step \(step)\tloss \(loss.item())")
            }
        }
        let probe = Tensor([-2.0, 0, 1.5], shape: [3, 1])
        let predicted = predict(probe).floats
        print("sin(-2), sin(0), sin(1.5) = \(sin(probe).floats)")
        print("network predicts           \(predicted)")
    }
}
