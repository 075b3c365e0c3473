#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Model {
    /// Prints the model's layers, output shapes and parameter counts as Keras's `summary()` does.
    ///
    /// Functional models with branches get a `Connected to` column; `expandNested` lists the
    /// layers of nested models too. The table is `lineLength` wide (Keras's default: 88 for
    /// sequential-like models and 108 otherwise, capped at the terminal width less 4, where the
    /// width is `COLUMNS` or 80).
    ///
    /// ```swift
    /// model.summary()
    /// var text = ""
    /// model.summary { text += $0 + "\n" }   // capture instead of printing
    /// ```
    public func summary(lineLength: Int? = nil, expandNested: Bool = false,
                        printFunction: ((String) -> Void)? = nil) {
        let output = printFunction ?? { print($0) }
        for line in summaryLines(lineLength: lineLength, expandNested: expandNested) { output(line) }
    }

    func summaryLines(lineLength: Int?, expandNested: Bool) -> [String] {
        let (sequentialLike, relevantNodes) = summaryLayout()
        let terminal: Int = {
            if let text = getenv("COLUMNS"), let n = Int(String(cString: text)), n > 0 { return n }
            return 80
        }()
        let length = lineLength ?? Swift.min(sequentialLike ? 88 : 108, terminal - 4)
        let positions = sequentialLike ? [0.45, 0.80, 1.0] : [0.3, 0.56, 0.74, 1.0]
        var headers = ["Layer (type)", "Output Shape", "Param #"]
        var justify: [SummaryTable.Justify] = [.left, .left, .right]
        if !sequentialLike { headers.append("Connected to"); justify.append(.left) }
        var table = SummaryTable(headers: headers, justify: justify,
                                 widths: SummaryTable.columnWidths(lineLength: length, positions: positions))

        func rows(for layer: Layer, level: Int) -> [[String]] {
            let prefix = level > 0 ? String(repeating: "   ", count: level) + "└ " : ""
            let params = layer.isBuilt ? Self.grouped(layer.countParams()) : "0 (unbuilt)"
            var row = ["\(prefix)\(layer.name) (\(layer.className))", Self.outputShapeText(layer), params]
            if !sequentialLike { row.append(Self.connections(of: layer, relevant: relevantNodes)) }
            var result = [row]
            if expandNested, let nested = layer as? Model {
                for inner in nested.layers { result += rows(for: inner, level: level + 1) }
            }
            return result
        }
        // Keras lists a Functional graph's operations too (a mask's NotEqual, `x + 1`).
        let listed = graph != nil && !(self is Sequential) ? graph!.operations : layers
        for layer in listed { table.rows += rows(for: layer, level: 0) }

        let trainable = trainableWeights, nonTrainable = nonTrainableWeights
        func count(_ vs: [Variable]) -> Int { vs.reduce(0) { $0 + Shape.elementCount($1.shape) } }
        func bytes(_ vs: [Variable]) -> Int {
            var seen = Set<ObjectIdentifier>()
            return vs.filter { seen.insert(ObjectIdentifier($0)).inserted }
                .reduce(0) { $0 + Shape.elementCount($1.shape) * $1.dtype.byteSize }
        }
        let total = count(trainable) + count(nonTrainable)
        return ["Model: \"\(name)\""] + table.render() + [
            " Total params: \(Self.grouped(total)) (\(Self.readableSize(bytes(trainable) + bytes(nonTrainable))))",
            " Trainable params: \(Self.grouped(count(trainable))) (\(Self.readableSize(bytes(trainable))))",
            " Non-trainable params: \(Self.grouped(count(nonTrainable))) (\(Self.readableSize(bytes(nonTrainable))))",
        ]
    }

    /// Whether the model is a chain (one node per depth, each with one input, each layer used once),
    /// and the nodes of the model's own graph.
    private func summaryLayout() -> (Bool, Set<ObjectIdentifier>) {
        guard let graph, !(self is Sequential) else { return (true, []) }
        var nodes: [Node] = []
        var chain = true
        for group in graph.nodesByDepth.reversed() {
            if group.count > 1 || (group.count == 1 && group[0].dependencies.count > 1) { chain = false; break }
            nodes += group
        }
        let relevant = Set(graph.nodesByDepth.flatMap { $0 }.map(ObjectIdentifier.init))
        if chain {
            let inChain = Set(nodes.map(ObjectIdentifier.init))
            for layer in graph.operations where layer.inboundNodes.filter({ inChain.contains(ObjectIdentifier($0)) }).count > 1 {
                chain = false
            }
        }
        return (chain, relevant)
    }

    /// The shape of the layer's last call, or of its build, or `?`.
    static func outputShapeText(_ layer: Layer) -> String {
        if let node = layer.inboundNodes.last {
            let shapes = node.outputShapes.map(\.kerasDescription)
            return shapes.count == 1 ? shapes[0] : "[" + shapes.joined(separator: ", ") + "]"
        }
        if let built = layer.buildShapes, let shapes = try? layer.computeOutputShapes(built) {
            return shapes.count == 1 ? shapes[0].kerasDescription : "[" + shapes.map(\.kerasDescription).joined(separator: ", ") + "]"
        }
        return "?"
    }

    /// `layer[node][tensor], ...` for each input of each of the layer's nodes in this model.
    static func connections(of layer: Layer, relevant: Set<ObjectIdentifier>) -> String {
        var parts: [String] = []
        for node in layer.inboundNodes where relevant.isEmpty || relevant.contains(ObjectIdentifier(node)) {
            for x in node.dependencies {
                guard let h = x.history else { continue }
                parts.append("\(h.layer.name)[\(h.nodeIndex)][\(h.tensorIndex)]")
            }
        }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }

    /// `1,234,567`
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// `432.00 B`, `3.41 KB`: two decimals, powers of 1024, as Keras.
    static func readableSize(_ bytes: Int) -> String {
        var size = Double(bytes)
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return format2(size) + " " + unit }
            size /= 1024
        }
        return format2(size) + " PB"
    }

    private static func format2(_ value: Double) -> String {
        let scaled = (value * 100).rounded(.toNearestOrEven)
        let whole = Int(scaled) / 100, frac = Int(scaled) % 100
        return "\(whole)." + (frac < 10 ? "0\(frac)" : "\(frac)")
    }
}
