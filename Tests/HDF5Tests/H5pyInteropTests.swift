import Foundation
import HDF5
import Testing

/// Files from `HDF5Writer` open in h5py (libhdf5) and h5py sees what our reader sees. Runs
/// when `$KERAS_TEST_PYTHON` (default `python3`) can import h5py; otherwise it says it skipped.
@Suite struct H5pyInteropTests {
    static let python = ProcessInfo.processInfo.environment["KERAS_TEST_PYTHON"] ?? "python3"

    /// Runs `python -c script args...`; returns (exit status, stdout, stderr), or nil if it cannot start.
    static func run(_ script: String, _ arguments: [String]) -> (Int32, String, String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// h5py's view of a file, in the form of expected.json (values for up to 64 elements,
    /// otherwise SHA-256 of the little-endian bytes); also appends to the file with h5py in
    /// r+ mode and lists the big group, as Keras would when it re-saves.
    static let describe = #"""
import hashlib, json, shutil, sys
import h5py, numpy as np
def val(v):
    a = np.asarray(v)
    if a.dtype.kind in "SOU":
        return [x.decode() if isinstance(x, bytes) else str(x) for x in a.reshape(-1)]
    if a.dtype.kind == "b":
        return [bool(x) for x in a.reshape(-1)]
    if a.dtype.kind == "V":
        return None
    return a.reshape(-1).tolist()
out = {"datasets": {}, "attributes": {}}
def visit(name, obj):
    for k, v in obj.attrs.items():
        if val(v) is not None: out["attributes"][f"/{name}@{k}"] = val(v)
    if isinstance(obj, h5py.Dataset):
        a = obj[()]
        e = {"shape": list(obj.shape), "dtype": "object" if obj.dtype.kind == "O" else str(obj.dtype)}
        if obj.dtype.kind in "OS" or (a.size <= 64 and obj.dtype.kind != "V"):
            e["values"] = val(a)
        else:
            e["sha256"] = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
        out["datasets"]["/" + name] = e
with h5py.File(sys.argv[1], "r") as f:
    for k, v in f.attrs.items():
        out["attributes"][f"/@{k}"] = val(v)
    f.visititems(visit)
    out["many_keys"] = list(f["many"].keys())
    out["libhdf5"] = h5py.version.hdf5_version
shutil.copy(sys.argv[1], sys.argv[1] + ".rw.h5")
with h5py.File(sys.argv[1] + ".rw.h5", "r+") as f:
    f["many"].create_dataset("added_by_h5py", data=np.arange(3, dtype="f4"))
    f["layers/dense/vars"].attrs["extra"] = "x"
with h5py.File(sys.argv[1] + ".rw.h5", "r") as f:
    out["after_append"] = len(f["many"])
print(json.dumps(out))
"""#

    @Test func h5pyReadsWhatTheWriterWrites() throws {
        guard let probe = Self.run("import h5py", []), probe.0 == 0 else {
            print("SKIPPED h5pyReadsWhatTheWriterWrites: \(Self.python) cannot import h5py (set KERAS_TEST_PYTHON to an interpreter with h5py)")
            return
        }
        let directory = try temporaryDirectory("interop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/every_kind.h5"
        let writer = try WriterSamples.everyKind()
        try writer.write(to: path)
        let result = try #require(Self.run(Self.describe, [path]))
        #expect(result.0 == 0, "h5py failed: \(result.2)")
        guard result.0 == 0 else { return }
        let view = try #require(try parseJSON(Array(result.1.utf8)) as? [String: Any])
        print("h5py (libhdf5 \(view["libhdf5"] ?? "?")) read the writer's file")
        // h5py's view must equal our reader's view, which WriterTests compares with the input.
        var spec = view
        let attributes = (view["attributes"] as? [String: Any] ?? [:])
        spec["attributes"] = attributes
        let file = try HDF5File(path: path)
        try verify(file, against: spec, name: "every_kind.h5", exactDatasets: true)
        let many = try file.root.group("many")
        #expect((view["many_keys"] as? [String]) == many.children.map(\.name))
        #expect((view["after_append"] as? Int) == 301)
        // The file h5py modified in place still reads.
        let modified = try HDF5File(path: path + ".rw.h5")
        #expect(try modified.root.dataset("many/added_by_h5py").readFloats() == [0, 1, 2])
        #expect(try modified.root.group("layers/dense/vars").attribute("extra")?.value.string == "x")
    }
}
