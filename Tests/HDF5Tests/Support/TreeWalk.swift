import HDF5

/// Every group and dataset under `group`, depth first, and each dataset's elements read.
struct TreeWalk {
    var groups: [HDF5Group] = []
    var datasets: [HDF5Dataset] = []

    init(_ group: HDF5Group) {
        visit(group)
    }

    private mutating func visit(_ group: HDF5Group) {
        groups.append(group)
        for child in group.children {
            switch child {
            case .group(let g): visit(g)
            case .dataset(let d): datasets.append(d)
            }
        }
    }

    /// Every attribute in the tree keyed as expected.json writes it: `/path@name`.
    var attributesByKey: [String: HDF5Attribute] {
        var out: [String: HDF5Attribute] = [:]
        for g in groups { for a in g.attributes { out[(g.path == "/" ? "/" : g.path) + "@" + a.name] = a } }
        for d in datasets { for a in d.attributes { out[d.path + "@" + a.name] = a } }
        return out
    }

    /// Reads every dataset fully (raw bytes, then decoded values); returns the first error.
    static func readEverything(_ file: HDF5File) throws {
        let walk = TreeWalk(file.root)
        for d in walk.datasets {
            if case .variableString = d.datatype {
                _ = try d.readStrings()
            } else {
                _ = try d.readRawLittleEndian()
                _ = try d.readValue()
            }
        }
    }
}
