// Building the group tree from the root: every object header parsed once (hard links to the
// same object reuse it), cycles rejected, nesting and object count bounded.

final class TreeReader {
    let image: FileImage
    private var budget: WorkBudget
    private var heap: GlobalHeap
    private var parsed: [UInt64: ParsedObject] = [:]
    private var ancestors: Set<UInt64> = []
    private var objectCount = 0
    /// The most objects a tree may have: well-formed files spend at least a few bytes per link.
    let maxObjects: Int
    static let maxDepth = 64

    init(image: FileImage) {
        self.image = image
        self.budget = WorkBudget(fileSize: image.count)
        self.heap = GlobalHeap(image: image)
        self.maxObjects = 10_000 + image.count / 8
    }

    /// The root group at `address`.
    func root(at address: UInt64) throws -> HDF5Group {
        guard case .group(let root) = try object(at: address, name: "", path: "/", depth: 0) else {
            throw HDF5Error(.corrupt, "the root object at \(hex(address)) is a dataset, not a group")
        }
        return root
    }

    private func object(at address: UInt64, name: String, path: String, depth: Int) throws -> HDF5Object {
        guard depth <= Self.maxDepth else {
            throw HDF5Error(.limitExceeded, "\(path): groups nested more than \(Self.maxDepth) deep")
        }
        guard !ancestors.contains(address) else {
            throw HDF5Error(.corrupt, "\(path): links back to one of its own parent groups (a cycle)")
        }
        objectCount += 1
        guard objectCount <= maxObjects else {
            throw HDF5Error(.limitExceeded, "\(path): the file links more than \(maxObjects) objects (well-formed files of \(image.count) bytes hold far fewer)")
        }
        let object: ParsedObject
        if let known = parsed[address] {
            object = known
        } else {
            object = try ObjectParser(image: image).parse(at: address, path: path, budget: &budget, heap: &heap)
            parsed[address] = object
        }
        switch object {
        case .dataset(let attributes, let storage):
            let renamed = DatasetStorage(image: storage.image, type: storage.type, space: storage.space, layout: storage.layout,
                                         filters: storage.filters, fill: storage.fill, path: path)
            return .dataset(HDF5Dataset(name: name, path: path, attributes: attributes, storage: renamed))
        case .group(let attributes, let links):
            ancestors.insert(address)
            defer { ancestors.remove(address) }
            var children: [HDF5Object] = []
            children.reserveCapacity(links.count)
            for link in links {
                let childPath = path == "/" ? "/" + link.name : path + "/" + link.name
                children.append(try self.object(at: link.address, name: link.name, path: childPath, depth: depth + 1))
            }
            return .group(HDF5Group(name: name, path: path, attributes: attributes, children: children))
        }
    }
}
