// Interpreting one object header: is it a group or a dataset, and what does it hold.

/// A parsed object header, before its children are visited.
enum ParsedObject {
    case group(attributes: [HDF5Attribute], links: [Link])
    case dataset(attributes: [HDF5Attribute], storage: DatasetStorage)
}

/// Message types (HDF5 file format specification, section IV.A.2).
enum MessageType {
    static let nil_ = 0x00, dataspace = 0x01, linkInfo = 0x02, datatype = 0x03, oldFillValue = 0x04
    static let fillValue = 0x05, link = 0x06, externalFiles = 0x07, layout = 0x08, bogus = 0x09
    static let groupInfo = 0x0A, filterPipeline = 0x0B, attribute = 0x0C, comment = 0x0D
    static let oldModificationTime = 0x0E, sharedMessageTable = 0x0F, continuation = 0x10
    static let symbolTable = 0x11, modificationTime = 0x12, btreeK = 0x13, driverInfo = 0x14
    static let attributeInfo = 0x15, referenceCount = 0x16, fileSpaceInfo = 0x17

    /// Types whose content this reader interprets (a shared copy of one cannot be followed).
    static let interpreted: Set<Int> = [dataspace, linkInfo, datatype, oldFillValue, fillValue, link, layout,
                                        filterPipeline, attribute, symbolTable, attributeInfo, continuation]
    /// Types that are valid but carry nothing a reader needs.
    static let ignorable: Set<Int> = [nil_, bogus, groupInfo, comment, oldModificationTime, modificationTime,
                                      btreeK, driverInfo, referenceCount, fileSpaceInfo]
}

struct ObjectParser {
    let image: FileImage

    /// Reads and classifies the object whose header is at `address`; `path` names it in errors.
    func parse(at address: UInt64, path: String, budget: inout WorkBudget, heap: inout GlobalHeap) throws -> ParsedObject {
        let header: ObjectHeader
        do {
            header = try ObjectHeader.read(at: address, image: image, budget: &budget)
        } catch let error as HDF5Error {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
        var single: [Int: HeaderMessage] = [:]
        var attributeMessages: [HeaderMessage] = []
        var linkMessages: [HeaderMessage] = []
        var hasGroupInfo = false
        for message in header.messages {
            let type = message.type
            if message.flags & 0x02 != 0 && MessageType.interpreted.contains(type) {
                throw HDF5Error(.unsupported, "\(path): a shared (committed) message of type \(hex(type)) in the object header at \(hex(address))")
            }
            switch type {
            case MessageType.attribute: attributeMessages.append(message)
            case MessageType.link: linkMessages.append(message)
            case MessageType.groupInfo: hasGroupInfo = true
            case MessageType.continuation: break
            case MessageType.externalFiles:
                throw HDF5Error(.unsupported, "\(path): raw data in external files (external file list message)")
            case MessageType.sharedMessageTable:
                throw HDF5Error(.unsupported, "\(path): shared object header messages")
            case _ where MessageType.interpreted.contains(type):
                guard single.updateValue(message, forKey: type) == nil else {
                    throw HDF5Error(.corrupt, "\(path): the object header at \(hex(address)) has two messages of type \(hex(type))")
                }
            case _ where MessageType.ignorable.contains(type):
                break
            default:
                if message.flags & 0x80 != 0 {
                    throw HDF5Error(.unsupported, "\(path): message type \(hex(type)), which readers must understand")
                }
            }
        }
        let attributes = try AttributeReader(image: image).attributes(
            messages: attributeMessages, info: single[MessageType.attributeInfo], header: header,
            path: path, budget: &budget, heap: &heap)

        if let layout = single[MessageType.layout] {
            return .dataset(attributes: attributes, storage: try datasetStorage(layout, single, path: path))
        }
        if single[MessageType.symbolTable] != nil || single[MessageType.linkInfo] != nil || !linkMessages.isEmpty || hasGroupInfo {
            let links = try GroupLinks(image: image).links(
                symbolTable: single[MessageType.symbolTable], linkInfo: single[MessageType.linkInfo],
                linkMessages: linkMessages, path: path, budget: &budget)
            return .group(attributes: attributes, links: links)
        }
        if single[MessageType.datatype] != nil {
            throw HDF5Error(.unsupported, "\(path): committed (named) datatype objects")
        }
        throw HDF5Error(.corrupt, "\(path): the object header at \(hex(address)) describes neither a group nor a dataset (no symbol table, link or layout message)")
    }

    private func reader(_ message: HeaderMessage, _ structure: StaticString) -> ByteReader {
        image.reader(over: message.body, structure: structure)
    }

    private func datasetStorage(_ layoutMessage: HeaderMessage, _ single: [Int: HeaderMessage], path: String) throws -> DatasetStorage {
        do {
            guard let typeMessage = single[MessageType.datatype], let spaceMessage = single[MessageType.dataspace] else {
                throw HDF5Error(.corrupt, "a dataset without a \(single[MessageType.datatype] == nil ? "datatype" : "dataspace") message")
            }
            var typeReader = reader(typeMessage, "datatype message")
            let type = try DatatypeMessage.parse(&typeReader)
            var spaceReader = reader(spaceMessage, "dataspace message")
            let space = try DataspaceMessage.parse(&spaceReader)
            var layoutReader = reader(layoutMessage, "layout message")
            let layout = try LayoutMessage.parse(&layoutReader, rank: space.dims.count, elementSize: type.size)
            var filters: [Filter] = []
            if let message = single[MessageType.filterPipeline] {
                var r = reader(message, "filter pipeline message")
                filters = try FilterPipelineMessage.parse(&r)
            }
            var fill: [UInt8]?
            if let message = single[MessageType.fillValue] {
                var r = reader(message, "fill value message")
                fill = try FillValueMessage.parse(&r)
            } else if let message = single[MessageType.oldFillValue] {
                var r = reader(message, "fill value message")
                fill = try FillValueMessage.parseOld(&r)
            }
            if let value = fill, value.count != type.size {
                throw HDF5Error(.corrupt, "a fill value of \(value.count) bytes for elements of \(type.size) bytes")
            }
            if case .variableString = type.datatype { fill = nil }
            return DatasetStorage(image: image, type: type, space: space, layout: layout, filters: filters, fill: fill, path: path)
        } catch let error as HDF5Error {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
    }
}
