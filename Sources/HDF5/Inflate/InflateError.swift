/// An error from decompressing DEFLATE, zlib or gzip data: what is wrong and where.
///
/// ```swift
/// do { _ = try Inflate.inflate(zlib: bytes, limit: 1 << 20) }
/// catch let error as InflateError { print(error.message, error.offset ?? -1) }
/// ```
public struct InflateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong with the compressed data.
    public let message: String
    /// The byte offset in the compressed input where the problem was found, when known.
    public let offset: Int?

    /// Creates an error; `offset` is the position in the compressed input, when known.
    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    /// `Cannot decompress the data: <message> (at byte <offset>)`.
    public var description: String {
        "Cannot decompress the data: \(message)" + (offset.map { " (at byte \($0))" } ?? "")
    }
}
