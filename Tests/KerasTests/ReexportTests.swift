import Testing
import Keras
@Test func reexport() { #expect(Tensor.zeros([2]).count == 2) }
