// swift-tools-version:6.0
// swift-keras: Keras 3, natively in Swift.
import PackageDescription

let package = Package(
    name: "swift-keras",
    // Synchronization's Mutex and Atomic need these on Apple platforms; Linux has no minimum.
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "Keras", targets: ["Keras"]),
        .library(name: "KerasCore", targets: ["KerasCore"]),
        .executable(name: "keras", targets: ["KerasCLI"]),
        .executable(name: "playground", targets: ["Examples"]),
        .executable(name: "keras-bench", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // SIMD micro-kernels in C, compiled per function for AVX2/FMA with run-time dispatch,
        // so the package needs no machine-specific compiler flags.
        .target(name: "KerasKernels", path: "Sources/KerasKernels"),
        // The tensor engine: tensors, ops, autodiff, the CPU backend.
        .target(
            name: "KerasCore",
            dependencies: ["KerasKernels", .product(name: "RealModule", package: "swift-numerics")],
            path: "Sources/KerasCore"),
        // A pure-Swift reader and writer of the HDF5 subset Keras files use (knows no Keras),
        // with the DEFLATE decoder it needs; no dependencies, no Foundation.
        .target(name: "HDF5", path: "Sources/HDF5"),
        // Everything a user touches; re-exports KerasCore.
        .target(
            name: "Keras", dependencies: ["KerasCore", "HDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/Keras",
            // The digits data set (scikit-learn's file, 58 KB) for offline examples and tests.
            resources: [.copy("Datasets/Resources/digits.csv.gz")]),
        // The `keras` command-line tool.
        .executableTarget(
            name: "KerasCLI",
            dependencies: ["Keras", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/KerasCLI"),
        // The playground: `swift run playground <name>`.
        .executableTarget(name: "Examples", dependencies: ["Keras"], path: "Examples"),
        // `swift run -c release keras-bench <workload>`: JSON figures comparable with ../shared/bench/ref.
        .executableTarget(name: "Benchmarks", dependencies: ["Keras"], path: "Benchmarks", exclude: ["README.md"]),
        .testTarget(
            name: "KerasCoreTests",
            dependencies: ["KerasCore", .product(name: "RealModule", package: "swift-numerics")],
            path: "Tests/KerasCoreTests"),
        // ZIPFoundation builds the hand-made archives of the reader fuzz tests.
        .testTarget(
            name: "KerasTests",
            dependencies: ["Keras", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/KerasTests"),
        // Runs the built `keras` executable; depending on its target makes `swift test` build it.
        .testTarget(name: "KerasCLITests", dependencies: ["KerasCLI", "Keras"], path: "Tests/KerasCLITests"),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5"], path: "Tests/HDF5Tests"),
    ]
)
