// Object headers, versions 1 and 2, with their continuation blocks: the list of messages that
// describes a group or a dataset.

/// One message of an object header; `body` is its file range.
struct HeaderMessage {
    let type: Int
    let flags: UInt8
    let body: Range<Int>
    /// The message's creation order (version 2 headers that track attribute order).
    let creationOrder: Int?
}

/// An object header's messages from all of its chunks, in order.
struct ObjectHeader {
    let address: UInt64
    let version: Int
    /// Version 2 flags (bit 2: attribute creation order tracked).
    let flags: UInt8
    let messages: [HeaderMessage]

    static let maxChunks = 4096
    static let maxMessages = 65_536

    var tracksAttributeOrder: Bool { version == 2 && flags & 0x04 != 0 }

    /// Reads the header at `address`, following continuation messages.
    static func read(at address: UInt64, image: FileImage, budget: inout WorkBudget) throws -> ObjectHeader {
        let start = try image.offset(of: address, length: 4, "the object header")
        let isV2 = image.bytes[start..<(start + 4)].elementsEqual("OHDR".utf8)
        var messages: [HeaderMessage] = []
        var chunks: [Range<Int>] = []
        var flags: UInt8 = 0
        var r = image.reader(over: start..<image.count, structure: "object header")
        if isV2 {
            try r.skip(4, "signature")
            let version = try r.u8("object header version")
            guard version == 2 else { throw HDF5Error(.unsupported, "\(r.location): OHDR version \(version) (expected 2)") }
            flags = try r.u8("object header flags")
            if flags & 0x20 != 0 { try r.skip(16, "object times") }
            if flags & 0x10 != 0 { try r.skip(4, "attribute phase change values") }
            let size = try r.count(width: 1 << Int(flags & 0x03), maximum: r.remaining, "size of chunk 0")
            let messagesRange = try r.range(size, "chunk 0 messages")
            try Checksum.verifyLookup3(image.bytes, start..<messagesRange.upperBound, structure: "object header")
            chunks.append(messagesRange)
        } else {
            let version = try r.u8("object header version")
            guard version == 1 else {
                throw HDF5Error(.corrupt, "\(r.location): object header version \(version) (expected 1, or the signature \"OHDR\")")
            }
            try r.skip(1 + 2 + 4, "reserved byte, message count and reference count")
            let size = try r.count(width: 4, maximum: Int.max, "header data size")
            try r.skip(4, "header padding")
            chunks.append(try r.range(size, "header messages"))
        }
        var visited: Set<Int> = [start]
        var index = 0
        while index < chunks.count {
            let chunk = chunks[index]
            index += 1
            try budget.charge(chunk.count + 16, "the object header at \(hex(address))")
            let before = messages.count
            if isV2 {
                try readV2Messages(chunk, image: image, flags: flags, origin: start, into: &messages)
            } else {
                try readV1Messages(chunk, image: image, origin: start, into: &messages)
            }
            guard messages.count <= maxMessages else {
                throw HDF5Error(.limitExceeded, "object header at \(hex(address)): more than \(maxMessages) messages")
            }
            for message in messages[before...] where message.type == 0x10 {
                var body = image.reader(over: message.body, structure: "continuation message", origin: start)
                let next = try body.address("continuation address")
                let length = try body.length(maximum: image.count, "continuation length")
                let nextStart = try image.offset(of: next, length: length, "the continuation block of the object header at \(hex(address))")
                guard visited.insert(nextStart).inserted else {
                    throw HDF5Error(.corrupt, "object header at \(hex(address)): continuation block \(hex(next)) is referenced twice (a cycle)")
                }
                guard chunks.count < maxChunks else {
                    throw HDF5Error(.limitExceeded, "object header at \(hex(address)): more than \(maxChunks) continuation blocks")
                }
                if isV2 {
                    guard length >= 8 else {
                        throw HDF5Error(.corrupt, "object header at \(hex(address)): continuation block of \(length) bytes is too small for \"OCHK\" and a checksum")
                    }
                    var block = image.reader(over: nextStart..<(nextStart + length), structure: "continuation block")
                    try block.signature("OCHK")
                    try Checksum.verifyLookup3(image.bytes, nextStart..<(nextStart + length - 4), structure: "continuation block")
                    chunks.append((nextStart + 4)..<(nextStart + length - 4))
                } else {
                    chunks.append(nextStart..<(nextStart + length))
                }
            }
        }
        return ObjectHeader(address: address, version: isV2 ? 2 : 1, flags: flags, messages: messages)
    }

    private static func readV1Messages(_ chunk: Range<Int>, image: FileImage, origin: Int, into messages: inout [HeaderMessage]) throws {
        var r = image.reader(over: chunk, structure: "object header", origin: origin)
        while r.remaining >= 8 {
            let type = try r.u16("message type")
            let size = try r.u16("message size")
            let flags = try r.u8("message flags")
            try r.skip(3, "message reserved bytes")
            let body = try r.range(size, "message body of type \(hex(type))")
            messages.append(HeaderMessage(type: type, flags: flags, body: body, creationOrder: nil))
        }
    }

    private static func readV2Messages(_ chunk: Range<Int>, image: FileImage, flags: UInt8, origin: Int, into messages: inout [HeaderMessage]) throws {
        var r = image.reader(over: chunk, structure: "object header", origin: origin)
        let headerSize = flags & 0x04 != 0 ? 6 : 4
        while r.remaining >= headerSize {
            let type = Int(try r.u8("message type"))
            let size = try r.u16("message size")
            let messageFlags = try r.u8("message flags")
            let order = flags & 0x04 != 0 ? try r.u16("message creation order") : nil
            let body = try r.range(size, "message body of type \(hex(type))")
            messages.append(HeaderMessage(type: type, flags: messageFlags, body: body, creationOrder: order))
        }
    }
}
