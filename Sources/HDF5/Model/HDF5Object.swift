/// A member of a group: a subgroup or a dataset.
///
/// ```swift
/// for child in group.children {
///     switch child {
///     case .group(let g): print("group", g.path)
///     case .dataset(let d): print("dataset", d.path, d.shape)
///     }
/// }
/// ```
public enum HDF5Object: Sendable {
    /// A group.
    case group(HDF5Group)
    /// A dataset.
    case dataset(HDF5Dataset)

    /// The link name under which the parent holds the object.
    public var name: String {
        switch self {
        case .group(let g): return g.name
        case .dataset(let d): return d.name
        }
    }

    /// The absolute path, e.g. `/layers/dense/vars/0`.
    public var path: String {
        switch self {
        case .group(let g): return g.path
        case .dataset(let d): return d.path
        }
    }

    /// The object's attributes.
    public var attributes: [HDF5Attribute] {
        switch self {
        case .group(let g): return g.attributes
        case .dataset(let d): return d.attributes
        }
    }

    /// The group, when the object is one.
    public var group: HDF5Group? {
        if case .group(let g) = self { return g }
        return nil
    }

    /// The dataset, when the object is one.
    public var dataset: HDF5Dataset? {
        if case .dataset(let d) = self { return d }
        return nil
    }
}
