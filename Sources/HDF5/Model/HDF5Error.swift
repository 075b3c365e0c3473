/// An error from reading or writing an HDF5 file.
///
/// The ``message`` says what was found, where (a file offset or an object path) and what was
/// expected, so that a corrupt or unsupported file can be diagnosed from the error alone:
///
/// ```swift
/// do { _ = try HDF5File(path: "model.weights.h5") }
/// catch let error as HDF5Error where error.kind == .unsupported { print(error) }
/// ```
public struct HDF5Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// The category of an ``HDF5Error``.
    public enum Kind: String, Sendable, Equatable {
        /// The bytes do not start with (or contain at 0, 512, 1024, ...) the HDF5 signature.
        case notHDF5
        /// An offset or length points past the end of the file or of its enclosing structure.
        case truncated
        /// A structure is malformed: a wrong signature, an impossible field, an inconsistency.
        case corrupt
        /// A stored checksum (Jenkins lookup3 or Fletcher-32) does not match the data.
        case checksumMismatch
        /// Valid HDF5 that this implementation does not read or write (the message names it).
        case unsupported
        /// A safety bound was hit: nesting depth, structure count, or data size.
        case limitExceeded
        /// A path or name does not exist in the file.
        case notFound
        /// Data was requested as a type it cannot be converted to.
        case typeMismatch
        /// A writer was given an invalid name, shape, value or datatype.
        case invalidArgument
        /// The file system refused a read or a write.
        case io
    }

    /// The category of the error.
    public let kind: Kind
    /// What was found, where, and what was expected.
    public let message: String

    /// Creates an error of `kind` with a precise `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `HDF5 <kind>: <message>`.
    public var description: String { "HDF5 \(kind.rawValue): \(message)" }
}

/// `0x1A0` for a file offset, the form used in error messages.
@inline(__always)
func hex<T: BinaryInteger>(_ value: T) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
