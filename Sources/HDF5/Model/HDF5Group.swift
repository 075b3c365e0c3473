/// A group of an HDF5 file: named children (groups and datasets) and attributes.
///
/// Children are in the file's order: link creation order when the file tracks it, otherwise
/// name order (byte-wise), as h5py lists them. Paths are `/`-separated and relative to the
/// group (a leading `/` is ignored).
///
/// ```swift
/// let file = try HDF5File(path: "model.weights.h5")
/// let kernel = try file.root.dataset("layers/dense/vars/0").readFloats()
/// for layer in try file.root.group("layers").children { print(layer.name) }
/// ```
public struct HDF5Group: Sendable {
    /// The link name under which the parent holds the group (`""` for the root).
    public let name: String
    /// The absolute path (`/` for the root).
    public let path: String
    /// The attributes, in creation order when the file tracks it, otherwise by name.
    public let attributes: [HDF5Attribute]
    /// The children in the file's order.
    public let children: [HDF5Object]
    private let index: [String: Int]

    init(name: String, path: String, attributes: [HDF5Attribute], children: [HDF5Object]) {
        self.name = name
        self.path = path
        self.attributes = attributes
        self.children = children
        var index: [String: Int] = [:]
        for (i, child) in children.enumerated() { index[child.name] = i }
        self.index = index
    }

    /// The child called `name` (one path component), or `nil`.
    public func child(_ name: String) -> HDF5Object? {
        index[name].map { children[$0] }
    }

    /// The object at the relative `path` ("a/b/c"), or `nil` when any component is missing.
    public subscript(path: String) -> HDF5Object? {
        var current = HDF5Object.group(self)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let group = current.group, let next = group.child(String(component)) else { return nil }
            current = next
        }
        return current
    }

    /// The group at the relative `path`.
    ///
    /// - Throws: ``HDF5Error`` (`.notFound`) naming the missing component and what exists there.
    public func group(_ path: String) throws -> HDF5Group {
        guard let group = try resolve(path).group else {
            throw HDF5Error(.notFound, "\(joined(path)) is a dataset, not a group")
        }
        return group
    }

    /// The dataset at the relative `path`.
    ///
    /// - Throws: ``HDF5Error`` (`.notFound`) naming the missing component and what exists there.
    public func dataset(_ path: String) throws -> HDF5Dataset {
        guard let dataset = try resolve(path).dataset else {
            throw HDF5Error(.notFound, "\(joined(path)) is a group, not a dataset")
        }
        return dataset
    }

    /// The attribute called `name`, or `nil`.
    public func attribute(_ name: String) -> HDF5Attribute? {
        attributes.first { $0.name == name }
    }

    private func joined(_ relative: String) -> String {
        let trimmed = relative.split(separator: "/").joined(separator: "/")
        return path == "/" ? "/" + trimmed : path + "/" + trimmed
    }

    private func resolve(_ path: String) throws -> HDF5Object {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var current = self
        var result = HDF5Object.group(self)
        for (i, component) in components.enumerated() {
            guard let next = current.child(String(component)) else {
                let names = current.children.prefix(8).map { "\"\($0.name)\"" }.joined(separator: ", ")
                let more = current.children.count > 8 ? ", ..." : ""
                throw HDF5Error(.notFound, "no \"\(component)\" in \(current.path) (it holds \(current.children.isEmpty ? "nothing" : names + more)) while looking up \(joined(path))")
            }
            result = next
            if case .group(let g) = next {
                current = g
            } else if i < components.count - 1 {
                throw HDF5Error(.notFound, "\(next.path) is a dataset, so \(joined(path)) does not exist")
            }
        }
        return result
    }
}
