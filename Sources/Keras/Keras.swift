// The Keras module: everything a user touches. It re-exports the tensor engine, so
// `import Keras` is the only import a program needs.
@_exported import KerasCore
