import Keras

/// A generative adversarial network written as a custom training loop: two models, two
/// optimizers, gradients of closures with respect to each model's variables, and metric
/// objects updated by hand. The generator learns to turn noise into samples of a 1-D
/// Gaussian N(3, 0.5²).
enum GAN {
    static func run() throws {
        Initializer.setGlobalSeed(7)
        let noiseSize = 4, batch = 64
        let generator = try Sequential(name: "generator") {
            Input(shape: [noiseSize])
            try Dense(16, activation: .relu)
            try Dense(1)
        }
        let discriminator = try Sequential(name: "discriminator") {
            Input(shape: [1])
            try Dense(16, activation: .relu)
            try Dense(1)   // logits
        }
        let generatorOptimizer = try Adam(learningRate: 2e-3, beta1: 0.5)
        let discriminatorOptimizer = try Adam(learningRate: 2e-3, beta1: 0.5)
        let crossentropy = try BinaryCrossentropy(fromLogits: true)
        let generatorLoss = Mean(name: "generator_loss")
        let discriminatorLoss = Mean(name: "discriminator_loss")
        let seeds = SeedGenerator(seed: 1)

        for step in 1...1500 {
            let real = Random.normal([batch, 1], mean: 3, stddev: 0.5, seed: seeds.next())
            let noise = Random.normal([batch, noiseSize], seed: seeds.next())
            let fake = try generator(noise)

            // The discriminator learns to tell real (1) from generated (0) samples.
            let (dLoss, dGrads) = try valueWithGradients(of: discriminator.trainableVariables) {
                let realLogits = try discriminator(real, training: true)
                let fakeLogits = try discriminator(stopGradient(fake), training: true)
                return try crossentropy(Tensor.ones([batch, 1]), realLogits) + crossentropy(Tensor.zeros([batch, 1]), fakeLogits)
            }
            try discriminatorOptimizer.apply(dGrads, to: discriminator.trainableVariables)

            // The generator learns to make the discriminator answer 1.
            let (gLoss, gGrads) = try valueWithGradients(of: generator.trainableVariables) {
                let logits = try discriminator(generator(noise, training: true), training: false)
                return try crossentropy(Tensor.ones([batch, 1]), logits)
            }
            try generatorOptimizer.apply(gGrads, to: generator.trainableVariables)

            try discriminatorLoss.update(values: dLoss)
            try generatorLoss.update(values: gLoss)
            if step % 300 == 0 {
                let samples = try generator(Random.normal([1000, noiseSize], seed: 99))
                let mean = samples.mean().item(), std = samples.variance().item().squareRoot()
                print("step \(step): discriminator loss \(try discriminatorLoss.result().item()), generator loss \(try generatorLoss.result().item()), samples mean \(mean) std \(std) (target 3, 0.5)")
                discriminatorLoss.reset()
                generatorLoss.reset()
            }
        }
    }
}
