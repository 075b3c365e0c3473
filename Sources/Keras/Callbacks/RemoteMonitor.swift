#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Posts each epoch's logs to a server (Keras's `RemoteMonitor`): an HTTP POST to
/// `root + path` of `{"epoch": 0, "loss": 0.28, ...}`, as a form field `field` (Keras's
/// default) or, with `sendAsJSON`, as a JSON body.
///
/// A server that cannot be reached gives a warning on standard error; training goes on.
/// Only `http://` addresses are supported (there is no TLS in the package).
///
/// ```swift
/// let monitor = RemoteMonitor(root: "http://localhost:9000")
/// try model.fit(x, y, epochs: 10, callbacks: [monitor])
/// ```
public final class RemoteMonitor: Callback {
    /// The server, e.g. `http://localhost:9000`.
    public let root: String
    /// The path posted to.
    public let path: String
    /// The form field holding the JSON (when not ``sendAsJSON``).
    public let field: String
    /// Extra HTTP headers.
    public let headers: [String: String]
    /// Whether the body is the JSON itself rather than a form.
    public let sendAsJSON: Bool

    /// Makes a monitor; Keras's defaults.
    public init(root: String = "http://localhost:9000", path: String = "/publish/epoch/end/", field: String = "data",
                headers: [String: String] = [:], sendAsJSON: Bool = false) {
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.sendAsJSON = sendAsJSON
        super.init()
    }

    /// Posts the epoch's logs.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        var object = JSONObject()
        object["epoch"] = .int(epoch)
        for (k, v) in logs.sorted(by: { $0.key < $1.key }) { object[k] = .double(v) }
        let json = JSONValue.object(object).serialized()
        let body: String
        let contentType: String
        if sendAsJSON {
            body = json
            contentType = "application/json"
        } else {
            body = "\(Self.formEncode(field))=\(Self.formEncode(json))"
            contentType = "application/x-www-form-urlencoded"
        }
        do {
            try HTTPPost.send(url: root + path, body: Array(body.utf8), contentType: contentType, headers: headers)
        } catch {
            ProgressOutput.standardError.write("Warning: could not reach RemoteMonitor root server at \(root): \(error)\n")
        }
    }

    /// `application/x-www-form-urlencoded` encoding, as Python's `urlencode`.
    static func formEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}

/// A minimal HTTP/1.1 POST over a socket, enough for ``RemoteMonitor``.
enum HTTPPost {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func send(url: String, body: [UInt8], contentType: String, headers: [String: String], timeoutSeconds: Int = 5) throws {
        guard url.hasPrefix("http://") else { throw Failure(description: "only http:// addresses are supported, got \(url)") }
        let rest = url.dropFirst("http://".count)
        let hostPort = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let target = "/" + (rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? "")
        let parts = hostPort.split(separator: ":")
        let host = parts.first.map(String.init) ?? "localhost"
        let port = parts.count > 1 ? String(parts[1]) : "80"

        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &info) == 0, let first = info else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(info) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "cannot open a socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw Failure(description: "connection refused by \(host):\(port)")
        }
        var head = "POST \(target) HTTP/1.1\r\nHost: \(hostPort)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { write(fd, $0.baseAddress! + sent, request.count - sent) }
            guard n > 0 else { throw Failure(description: "the connection closed while sending") }
            sent += n
        }
        // Read the status line; the response body is not needed.
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 512) }
        guard n > 0 else { throw Failure(description: "no response from \(host):\(port)") }
    }
}
