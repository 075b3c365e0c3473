/// An HDF5 file read into memory: its group tree with every attribute decoded; dataset
/// elements are decoded on demand.
///
/// Opening checks the whole structure, so a corrupt, truncated or hostile file throws
/// ``HDF5Error`` here (never traps, hangs or allocates without bound); reading a dataset checks
/// its storage.
///
/// ```swift
/// let file = try HDF5File(path: "model.weights.h5")
/// let vars = try file.root.group("layers/dense/vars")
/// print(vars.attribute("name")?.value.string ?? "?")
/// let kernel = try vars.dataset("0").readFloats()
/// ```
public struct HDF5File: Sendable {
    /// The root group (`/`).
    public let root: HDF5Group
    /// The superblock version (0 for h5py defaults, 2 or 3 for `libver="latest"`).
    public let superblockVersion: Int

    /// Reads an HDF5 file from its bytes.
    ///
    /// - Throws: ``HDF5Error`` when the bytes are not a readable HDF5 file.
    public init(bytes: [UInt8]) throws {
        let superblock = try Superblock.read(bytes)
        let image = FileImage(bytes: bytes, base: superblock.base)
        if superblock.extensionAddress != .undefinedAddress {
            try Self.checkExtension(superblock.extensionAddress, image: image)
        }
        root = try TreeReader(image: image).root(at: superblock.rootAddress)
        superblockVersion = superblock.version
    }

    /// Reads the HDF5 file at `path`.
    ///
    /// - Throws: ``HDF5Error`` (`.io`) when the file cannot be read, or as ``init(bytes:)``.
    public init(path: String) throws {
        try self.init(bytes: try POSIXFile.read(path))
    }

    /// Checks that the superblock extension holds nothing a reader must understand.
    private static func checkExtension(_ address: UInt64, image: FileImage) throws {
        var budget = WorkBudget(fileSize: image.count)
        let header = try ObjectHeader.read(at: address, image: image, budget: &budget)
        for message in header.messages {
            if message.type == MessageType.sharedMessageTable {
                throw HDF5Error(.unsupported, "shared object header messages (the superblock extension has a shared message table)")
            }
            if message.flags & 0x80 != 0 && !MessageType.ignorable.contains(message.type) {
                throw HDF5Error(.unsupported, "superblock extension message type \(hex(message.type)), which readers must understand")
            }
        }
    }
}
