import Foundation
import HDF5

/// Small data sets that ship inside the package, for examples and tests that must run offline.
public enum Datasets {
    /// The scikit-learn "digits" data set: 1,797 handwritten digits as 8×8 images of counts
    /// 0...16 (the test part of UCI's "Optical Recognition of Handwritten Digits", E. Alpaydin
    /// and C. Kaynak, 1998, CC BY 4.0), bundled as scikit-learn ships it (`digits.csv.gz`, 58 KB).
    ///
    /// - Returns: `images` uint8 `[1797, 8, 8]` and `labels` uint8 `[1797]` (0...9), in the
    ///   file's order — equal to `sklearn.datasets.load_digits()`'s `.images` and `.target`.
    ///
    /// ```swift
    /// let (images, labels) = try Datasets.digits()
    /// let x = images.reshaped(to: [-1, 8, 8, 1]).cast(to: .float32) / 16
    /// ```
    public static func digits() throws -> (images: Tensor, labels: Tensor) {
        guard let url = Bundle.module.url(forResource: "digits.csv", withExtension: "gz") else {
            throw KerasError(.invalidConfig, "The bundled digits data set (digits.csv.gz) is missing from the Keras module's resources. Rebuild the package.")
        }
        let compressed = try [UInt8](Data(contentsOf: url))
        let text: [UInt8]
        do {
            text = try Inflate.gunzip(compressed, limit: 1 << 22)
        } catch let error as InflateError {
            throw KerasError(.invalidConfig, "The bundled digits data set (digits.csv.gz) is damaged: \(error). Rebuild the package.")
        }
        return try parseDigitsCSV(text)
    }

    /// Parses scikit-learn's headerless CSV: per line 64 pixel counts, then the label.
    static func parseDigitsCSV(_ text: [UInt8]) throws -> (images: Tensor, labels: Tensor) {
        var pixels: [UInt8] = [], labels: [UInt8] = []
        var row: [Int] = [], value = 0, hasDigit = false
        func endValue() throws {
            guard hasDigit else { throw KerasError(.invalidConfig, "digits.csv: empty value on line \(labels.count + 1)") }
            row.append(value)
            value = 0
            hasDigit = false
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                hasDigit = true
                if value > 255 { throw KerasError(.invalidConfig, "digits.csv: value out of range on line \(labels.count + 1)") }
            case UInt8(ascii: ","):
                try endValue()
            case UInt8(ascii: "\n"):
                try endValue()
                guard row.count == 65 else {
                    throw KerasError(.invalidConfig, "digits.csv: line \(labels.count + 1) has \(row.count) values, expected 65 (64 pixels and a label).")
                }
                pixels += row[..<64].map { UInt8($0) }
                labels.append(UInt8(row[64]))
                row = []
            case UInt8(ascii: "\r"), UInt8(ascii: " "):
                continue
            default:
                throw KerasError(.invalidConfig, "digits.csv: unexpected byte \(byte) on line \(labels.count + 1)")
            }
        }
        let n = labels.count
        return (Tensor(pixels, shape: [n, 8, 8]), Tensor(labels, shape: [n]))
    }
}
