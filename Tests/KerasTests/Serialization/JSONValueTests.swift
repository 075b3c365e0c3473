import Testing
@testable import Keras

@Suite struct JSONValueTests {
    // Expected strings below were produced by Python 3.11's `json.dumps` with default arguments.

    @Test func floatsAreWrittenAsPythonReprWritesThem() {
        let values: [Double] = [
            0.1, 1.0, 1e-05, 1e+16, 1e16 - 2, 0.0001, 0.00012345, 123456789.0, 1.5e-07, 2.5e+20,
            .leastNonzeroMagnitude, 1.7976931348623157e+308, -0.0, 0.0, -3.25, 1.0 / 3, 2.0 / 3, 0.009999999776482582,
            100.0, 1e22, 1234567890123456.0, 12345678901234567.0, 0.3, 1e-4, 9.999999999999999e-05,
            2.2250738585072014e-308, .nan, .infinity, -.infinity,
        ]
        let expected = "[0.1, 1.0, 1e-05, 1e+16, 9999999999999998.0, 0.0001, 0.00012345, 123456789.0, 1.5e-07, 2.5e+20, 5e-324, 1.7976931348623157e+308, -0.0, 0.0, -3.25, 0.3333333333333333, 0.6666666666666666, 0.009999999776482582, 100.0, 1e+22, 1234567890123456.0, 1.2345678901234568e+16, 0.3, 0.0001, 9.999999999999999e-05, 2.2250738585072014e-308, NaN, Infinity, -Infinity]"
        #expect(JSONValue.array(values.map { .double($0) }).serialized() == expected)
    }

    @Test func randomFloatsMatchPython() throws {
        var mismatches: [String] = []
        for (bits, text) in pythonFloatCorpus {
            let x = Double(bitPattern: bits)
            let ours = JSONValue.double(x).serialized()
            if ours != text { mismatches.append("\(text) -> \(ours)") }
            // And Python's text parses back to the same double.
            #expect(try JSONValue(parsing: text).doubleValue?.bitPattern == bits)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(pythonFloatCorpus.count > 200)
    }

    @Test func stringsAndContainersMatchPython() {
        var object = JSONObject()
        object["a"] = [1, 2.5, nil, true, false]
        object["é"] = .string("snow ☃ and 😀 and \u{7f}\u{01}\n\t\"\\/")
        object["nested"] = ["": .object(JSONObject())]
        object["list"] = []
        let expected = #"{"a": [1, 2.5, null, true, false], "\u00e9": "snow \u2603 and \ud83d\ude00 and \u007f\u0001\n\t\"\\/", "nested": {"": {}}, "list": []}"#
        #expect(JSONValue.object(object).serialized() == expected)
        // Parsing Python's output gives the same value back, in the same key order.
        let parsed = try? JSONValue(parsing: expected)
        #expect(parsed == .object(object))
        #expect(parsed?.objectValue?.keys == ["a", "é", "nested", "list"])
        #expect(parsed?.serialized() == expected)
    }

    @Test func repeatedKeysKeepFirstPositionAndLastValue() throws {
        let v = try JSONValue(parsing: #"{"a": 1, "b": 2, "a": 3}"#)
        #expect(v.serialized() == #"{"a": 3, "b": 2}"#)
    }

    @Test func numbersKeepIntegerAndFloatApart() throws {
        #expect(try JSONValue(parsing: "2") == .int(2))
        #expect(try JSONValue(parsing: "2.0") == .double(2))
        #expect(try JSONValue(parsing: "-0") == .int(0))
        #expect(try JSONValue(parsing: "1E3") == .double(1000))
        #expect(try JSONValue(parsing: "-12e-1") == .double(-1.2))
        #expect(try JSONValue(parsing: "123456789012345678901234567890") == .double(1.2345678901234568e+29))
        #expect(try JSONValue(parsing: "1e400") == .double(.infinity))
        #expect(try JSONValue(parsing: "-Infinity") == .double(-.infinity))
        #expect(try JSONValue(parsing: "NaN").doubleValue?.isNaN == true)
        #expect(try JSONValue(parsing: " [ ] ") == .array([]))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let v = try JSONValue(parsing: #""\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\""#)
        #expect(v == .string("é😀/\u{08}\u{0C}\n\r\t\"\\"))
        #expect(v.serialized() == #""\u00e9\ud83d\ude00/\b\f\n\r\t\"\\""#)
    }

    @Test func accessors() throws {
        let v = try JSONValue(parsing: #"{"s": "x", "i": 3, "d": 2.0, "h": 2.5, "b": true, "a": [1], "n": null}"#)
        #expect(v["s"]?.stringValue == "x")
        #expect(v["i"]?.intValue == 3)
        #expect(v["i"]?.doubleValue == 3)
        #expect(v["d"]?.intValue == 2)
        #expect(v["h"]?.intValue == nil)
        #expect(v["b"]?.boolValue == true)
        #expect(v["a"]?.arrayValue == [1])
        #expect(v["n"]?.isNull == true)
        #expect(v["missing"] == nil)
        #expect(v.objectValue?.count == 7)
        #expect(v["s"]?.intValue == nil)
    }

    @Test func objectEditingKeepsOrder() {
        var o: JSONObject = ["a": 1, "b": 2, "c": 3]
        o["b"] = nil
        o["d"] = 4
        o["a"] = 10
        #expect(o.keys == ["a", "c", "d"])
        #expect(JSONValue.object(o).serialized() == #"{"a": 10, "c": 3, "d": 4}"#)
        // Equality ignores order, like Python dicts; hashing agrees.
        let reordered: JSONObject = ["d": 4, "c": 3, "a": 10]
        #expect(o == reordered)
        #expect(o.hashValue == reordered.hashValue)
        #expect(o != ["a": 10, "c": 3, "d": 5])
    }

    @Test(arguments: [
        "", " ", "[", "[1,", "[1,]", "[1 2]", "{", #"{"a""#, #"{"a":}"#, #"{"a":1,}"#, "{1: 2}",
        #""abc"#, #""\x""#, #""\u12""#, #""\u12g4""#, #""\ud83d""#, #""\ud83d\u0041""#, #""\ude00""#,
        "01", "-", "1.", ".5", "1e", "+1", "tru", "nul", "NaNa", "-NaN", "inf", "[1] 2", "\u{FEFF}1",
        "\"a\u{01}b\"", "'a'", "[Infinity, -Infinit]",
    ])
    func malformedInputThrows(_ text: String) {
        #expect(throws: KerasError.self) { try JSONValue(parsing: text) }
    }

    @Test func errorsNameTheByteOffset() {
        do {
            _ = try JSONValue(parsing: #"{"a": [1, 2 3]}"#)
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .invalidConfig)
            #expect(error.message.contains("byte offset 12"), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func deepNestingIsLimited() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue(parsing: ok).arrayValue?.count == 1)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: KerasError.self) { try JSONValue(parsing: tooDeep) }
        let hostile = String(repeating: #"{"a":["#, count: 100_000)
        #expect(throws: KerasError.self) { try JSONValue(parsing: hostile) }
    }

    @Test func literalsBuildValues() {
        let v: JSONValue = ["units": 10, "rate": 0.5, "name": "d", "on": true, "seed": nil, "shape": [nil, 3]]
        #expect(v.serialized() == #"{"units": 10, "rate": 0.5, "name": "d", "on": true, "seed": null, "shape": [null, 3]}"#)
        #expect(v.description == v.serialized())
    }
}
