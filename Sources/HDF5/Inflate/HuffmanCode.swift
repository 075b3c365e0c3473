// Canonical Huffman decoding for DEFLATE: a 9-bit lookup table for short codes, and the
// count-per-length walk (as zlib's puff.c does) for longer ones.

/// A canonical Huffman code built from code lengths (RFC 1951 section 3.2.2).
struct HuffmanCode {
    private static let fastBits = 9
    /// For each 9-bit peek: `length << 9 | symbol`, or 0 when the code is longer than 9 bits.
    private var fast: [UInt16]
    /// Number of codes of each length 0...15.
    private var counts: [Int]
    /// Symbols in canonical code order.
    private var symbols: [Int]

    /// A code from lengths known to be valid (the fixed codes).
    init(validLengths lengths: [Int]) {
        fast = []
        counts = []
        symbols = []
        build(lengths)
    }

    /// A code from stream-supplied lengths; rejects over-subscribed sets.
    init(lengths: [Int], reader: BitReader) throws {
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths {
            guard (0..<16).contains(l) else { throw reader.error("code length \(l) is out of range") }
            counts[l] += 1
        }
        var left = 1
        for length in 1..<16 {
            left <<= 1
            left -= counts[length]
            guard left >= 0 else { throw reader.error("over-subscribed Huffman code lengths") }
        }
        fast = []
        self.counts = []
        symbols = []
        build(lengths)
    }

    private mutating func build(_ lengths: [Int]) {
        counts = [Int](repeating: 0, count: 16)
        for l in lengths { counts[l] += 1 }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
        symbols = [Int](repeating: 0, count: lengths.count)
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1..<16 {
            code = (code + counts[l - 1]) << 1
            nextCode[l] = code
        }
        fast = [UInt16](repeating: 0, count: 1 << Self.fastBits)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            symbols[offsets[l]] = symbol
            offsets[l] += 1
            let assigned = nextCode[l]
            nextCode[l] += 1
            guard l <= Self.fastBits, assigned < 1 << l else { continue }
            // DEFLATE sends codes most-significant bit first; the bit reader yields them reversed.
            var reversed = 0
            for bit in 0..<l where assigned & (1 << (l - 1 - bit)) != 0 { reversed |= 1 << bit }
            var fill = reversed
            while fill < 1 << Self.fastBits {
                fast[fill] = UInt16(l << 9 | symbol)
                fill += 1 << l
            }
        }
    }

    /// Decodes one symbol.
    func decode(_ reader: inout BitReader) throws -> Int {
        reader.refill()
        let entry = Int(fast[Int(reader.peek(Self.fastBits))])
        if entry != 0 {
            let length = entry >> 9
            guard length <= reader.available else { throw reader.error("unexpected end of data") }
            reader.consume(length)
            return entry & 0x1FF
        }
        var code = 0, first = 0, index = 0
        for length in 1..<16 {
            code |= try reader.bits(1)
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw reader.error("invalid Huffman code")
    }
}

/// Reads bits least-significant first, as DEFLATE packs them, from a slice of bytes.
struct BitReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var buffer: UInt64 = 0
    /// Bits held in `buffer`.
    private(set) var available = 0

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Input size in bytes.
    var byteCount: Int { bytes.count }

    /// The input index of the first byte not yet consumed once partial bits are dropped.
    var byteOffsetAfterAlignment: Int { position - available / 8 }

    func error(_ message: String) -> InflateError {
        InflateError(message, offset: byteOffsetAfterAlignment - bytes.startIndex)
    }

    /// Tops the buffer up to at least 57 bits, or to the end of input.
    mutating func refill() {
        while available <= 56 && position < bytes.endIndex {
            buffer |= UInt64(bytes[position]) << UInt64(available)
            position += 1
            available += 8
        }
    }

    /// The next `n` (< 64) bits without consuming them; missing bits past the end read as 0.
    func peek(_ n: Int) -> UInt64 { buffer & ((1 << UInt64(n)) - 1) }

    /// Drops `n` bits that are known to be available.
    mutating func consume(_ n: Int) {
        buffer >>= UInt64(n)
        available -= n
    }

    /// The next `n` (0...16) bits as an integer.
    mutating func bits(_ n: Int) throws -> Int {
        if available < n {
            refill()
            guard available >= n else { throw error("unexpected end of data") }
        }
        let value = Int(peek(n))
        consume(n)
        return value
    }

    /// Drops the bits up to the next byte boundary and un-reads the whole bytes still buffered.
    mutating func alignToByte() {
        consume(available % 8)
        position -= available / 8
        buffer = 0
        available = 0
    }

    /// Appends the next `n` bytes (byte-aligned) to `out`.
    mutating func copyBytes(_ n: Int, into out: inout [UInt8]) throws {
        alignToByte()
        guard n <= bytes.endIndex - position else { throw error("a stored block runs past the end of data") }
        out += bytes[position..<(position + n)]
        position += n
    }
}
