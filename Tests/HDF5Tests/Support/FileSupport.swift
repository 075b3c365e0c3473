import Foundation

/// Reads a whole file (test support; the library itself uses no Foundation).
func readFile(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A fresh temporary directory for a test.
func temporaryDirectory(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "hdf5-tests-\(label)-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Parses JSON with Foundation.
func parseJSON(_ bytes: [UInt8]) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
}
