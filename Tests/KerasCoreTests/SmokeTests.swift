import Testing
@testable import KerasCore
@Test func smoke() { #expect(Tensor.ones([2, 3]).sum().item() == 6) }
