extension Array {
    /// The element at `index`, or `nil` outside the array (for indices read from files).
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
