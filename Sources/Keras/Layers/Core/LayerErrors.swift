// Errors shared by the layers of this folder and its siblings.

/// The error for a layer whose `call` runs before its weights exist (a direct call of
/// `call(_:training:mask:)` that skipped `callAsFunction`).
func notBuilt(_ layer: Layer) -> KerasError {
    KerasError(.invalidArgument, "Layer \"\(layer.name)\" (\(layer.className)) was called before it was built, so its weights do not exist yet. Call the layer as a function (layer(x)), which builds it first, or call build(inputShape:) yourself.")
}
